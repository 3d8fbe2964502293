/**
 * The audit itself: ingest → segment → extract → rules, for one report. The package entry
 * (index.ts) re-exports it with the batch, store and report APIs; the auditing threads load only
 * this module, so they do not load the batch runner (globbing, fetching, the pool) they never use.
 */
import { VFile } from 'vfile';
import { extract } from './extract/index.js';
import { ingest, type IngestOptions, type Input } from './ingest/index.js';
import { excerptFigures } from './extract/prose/index.js';
import { limit, type Limits } from './limits.js';
import type { Finding, Report, Root, Section } from './model.js';
import { fileRules, onlyAttachments, unreadable } from './rules/file.js';
import { rules, runRules, type RuleOptions, type RuleSettings } from './rules/index.js';
import { segment } from './segment/index.js';
import { assertRuleSettings } from './rule-settings.js';

export interface AuditOptions extends IngestOptions, RuleOptions {
  /** Rule id → 'error' | 'warning' | 'info' | 'off'; an unknown id or severity throws AuditError (code `options`). */
  rules?: RuleSettings;
}

/** The report tree → the JSON contract's Report (segment, extract, run the rules). */
export function check(tree: Root, options: AuditOptions = {}, vfile?: VFile): Report {
  assertRuleSettings(options.rules);
  const segmented = segment(tree);
  const extracted = extract(tree, segmented);
  const doc = {
    file: tree.data.file,
    format: tree.data.format,
    tree,
    sections: segmented.sections,
    meta: segmented.meta,
    template: segmented.template,
    tables: extracted.tables,
    facts: extracted.facts,
    figures: extracted.figures,
    options: { agencyType: options.agencyType ?? 'auto', settings: options.settings },
  };
  // A scan has no text, a page may hold only links to the report: say so once instead of six missing
  // sections and three missing tables.
  const selected = unreadable(doc) || onlyAttachments(doc) ? fileRules : rules;
  const findings = capFindings(runRules(doc, options.rules, selected, vfile ?? new VFile({ path: doc.file })), doc.file, options);
  const sections: Section[] = segmented.sections.map(({ id, number, heading, present, empty, source, match }) =>
    match ? { id, number, heading, present, empty, source, match } : { id, number, heading, present, empty, source });
  return {
    file: doc.file,
    format: doc.format,
    template: doc.template,
    meta: doc.meta,
    sections,
    facts: doc.facts,
    figures: excerptFigures(doc.figures),
    findings,
  };
}

/**
 * At most `maxFindings` findings (the first ones, in the rules' order) and no message over
 * `maxMessageChars`: what a report yields grows no faster than the document. One `file/findings-capped`
 * finding says how many were left out.
 */
function capFindings(findings: Finding[], file: string, options: Limits): Finding[] {
  const maxMessage = limit(options, 'maxMessageChars');
  const maxFindings = limit(options, 'maxFindings');
  for (const finding of findings) {
    if (finding.message.length > maxMessage) finding.message = `${finding.message.slice(0, maxMessage - 1)}…`;
  }
  if (findings.length <= maxFindings) return findings;
  const left = findings.length - maxFindings;
  const kept = findings.slice(0, maxFindings);
  kept.push({
    ruleId: 'file/findings-capped',
    severity: 'info',
    kind: 'review',
    message: `问题过多，仅列出前 ${maxFindings} 条，另有 ${left} 条未列出 (too many findings: ${left} more not listed; maxFindings)`,
    source: { file },
  });
  return kept;
}

/** Reads one report (text, bytes or `{ path }`) and returns what is in it and what is wrong with it. */
export async function audit(input: Input, options: AuditOptions = {}): Promise<Report> {
  // Before reading anything: a misspelt rule id or severity is the caller's bug, said at once.
  assertRuleSettings(options.rules);
  const tree = await ingest(input, options);
  return check(tree, options);
}
