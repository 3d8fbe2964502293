/**
 * xxgk-audit: read a 政府信息公开工作年度报告 and check it.
 *
 *   import { audit } from 'xxgk-audit';
 *   const report = await audit({ path: 'report.html' });
 *   for (const f of report.findings) console.log(f.ruleId, f.message);
 */
export * from './model.js';
export { AuditError, type AuditErrorCode } from './errors.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export { auditIsolated } from './batch/isolated.js';
export { RULE_IDS, SEVERITIES, type RuleId } from './rule-ids.js';
export { FACT_KEYS, type FactKey, type T2Key, type T3Key, type T4Key } from './fact-keys.js';
export { ingest, detectFormat, decode, type Input, type IngestOptions } from './ingest/index.js';
export { segment, type Segmented } from './segment/index.js';
export { extract, type Extracted } from './extract/index.js';
export { rules, findRule, runRules } from './rules/index.js';
export type { Rule, RuleContext, RuleOptions, RuleSetting, RuleSettings, AuditDocument } from './rules/index.js';

export { audit, check, type AuditOptions } from './audit.js';

export { auditMany, type AuditManyOptions, type BatchInput, type BatchItem } from './batch/run.js';

export type { AuditStore, FindingQuery, FindingRow, Page, ReportQuery, ReportRow, ReviewState, StoredRun, OpenStoreOptions } from './store/index.js';
/**
 * Opens an audit store (docs/store.md): a SQLite file or a `postgres://` URL. Loaded on first use, so
 * `audit()` alone never loads the database drivers. Also `import { openStore } from 'xxgk-audit/store'`.
 */
export async function openStore(target: string, options?: import('./store/index.js').OpenStoreOptions): Promise<import('./store/index.js').AuditStore> {
  return (await import('./store/index.js')).openStore(target, options);
}
