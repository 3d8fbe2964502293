import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Report, Severity, Source } from '../model.js';
import { allRules, type RuleInfo } from './rule-docs.js';
import type { Reporter, ReporterOptions, Write } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A file name as a SARIF `uri`: URLs as they are, absolute paths as file: URLs, others percent-encoded. */
export function toUri(name: string): string {
  // A lone surrogate (a broken file name) cannot be percent-encoded: it becomes U+FFFD.
  const file = name.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return file;
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function region(source: Source): Record<string, unknown> | undefined {
  if (!source.line) return undefined;
  const r: Record<string, unknown> = { startLine: source.line };
  if (source.column) r.startColumn = source.column;
  if (source.offset !== undefined) r.charOffset = source.offset;
  return r;
}

/** page/table/row/col: SARIF has no page or cell, so they go in the location's property bag. */
function placeProperties(source: Source): Record<string, number> | undefined {
  const props: Record<string, number> = {};
  for (const key of ['page', 'table', 'row', 'col'] as const) if (source[key] !== undefined) props[key] = source[key]!;
  return Object.keys(props).length ? props : undefined;
}

function location(source: Source, message?: string, logical?: { name: string; fullyQualifiedName: string }[]): Record<string, unknown> {
  const physical: Record<string, unknown> = { artifactLocation: { uri: toUri(source.file) } };
  const r = region(source);
  if (r) physical.region = r;
  const loc: Record<string, unknown> = { physicalLocation: physical };
  if (logical?.length) loc.logicalLocations = logical.map((l) => ({ ...l, kind: 'element' }));
  if (message) loc.message = { text: message };
  const props = placeProperties(source);
  if (props) loc.properties = props;
  return loc;
}

/** Cell keys, or the table/row/col of the source, as logical locations (`t3.results.total.total`). */
function logicalLocations(finding: Finding): { name: string; fullyQualifiedName: string }[] {
  if (finding.cells?.length) {
    return finding.cells.filter((c) => c.source.file === finding.source.file).map((c) => ({ name: c.key, fullyQualifiedName: `${c.key}` }));
  }
  const s = finding.source;
  if (s.table && s.row && s.col) return [{ name: `表${s.table}(${s.row},${s.col})`, fullyQualifiedName: `table${s.table}/row${s.row}/col${s.col}` }];
  return [];
}

/** Stable across runs and across line shifts: rule, file, the cells involved (or the message). */
export function fingerprint(finding: Finding): string {
  const what = finding.cells?.length ? finding.cells.map((c) => c.key).sort().join(',') : finding.message;
  return createHash('sha256').update(`${finding.ruleId}\u0000${finding.source.file}\u0000${what}`).digest('hex').slice(0, 32);
}

function result(finding: Finding, ruleIndex: Map<string, number>): Record<string, unknown> {
  const res: Record<string, unknown> = {
    ruleId: finding.ruleId,
  };
  const index = ruleIndex.get(finding.ruleId);
  if (index !== undefined) res.ruleIndex = index;
  res.kind = finding.kind;
  // SARIF §3.27.10: a result whose kind is not "fail" has level "none"; our severity stays in properties.
  res.level = finding.kind === 'fail' ? LEVEL[finding.severity] : 'none';
  res.message = { text: finding.hint ? `${finding.message}（建议：${finding.hint}）` : finding.message };
  res.locations = [location(finding.source, undefined, logicalLocations(finding))];
  const related = [
    ...(finding.cells ?? []).map((c) => ({ source: c.source, message: `${c.key} = ${c.raw === '' ? '（空）' : c.raw}` })),
    ...(finding.related ?? []),
  ];
  if (related.length) res.relatedLocations = related.map((r, id) => ({ id, ...location(r.source, r.message) }));
  res.partialFingerprints = { 'xxgkAudit/v1': fingerprint(finding) };
  // With a store (--db, docs/store.md): the store's fingerprint, the baseline, an officer's dismissal.
  if (finding.fingerprint) res.fingerprints = { 'xxgkAudit/store/v1': finding.fingerprint };
  if (finding.baselineState) res.baselineState = finding.baselineState;
  if (finding.review?.state === 'dismissed') {
    const suppression: Record<string, unknown> = { kind: 'external', status: 'accepted' };
    if (finding.review.reason) suppression.justification = finding.review.reason;
    suppression.properties = { reviewer: finding.review.by, reviewedAt: finding.review.at };
    res.suppressions = [suppression];
  }
  const props: Record<string, unknown> = { severity: finding.severity };
  if (finding.expected !== undefined) props.expected = finding.expected;
  if (finding.actual !== undefined) props.actual = finding.actual;
  if (finding.cells?.length) props.cells = finding.cells;
  if (finding.hint) props.hint = finding.hint;
  res.properties = props;
  return res;
}

function ruleDescriptor(rule: RuleInfo): Record<string, unknown> {
  const descriptor: Record<string, unknown> = {
    id: rule.id,
    name: rule.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { kind: rule.kind, severity: rule.severity },
  };
  if (rule.help) descriptor.help = { text: rule.help, markdown: rule.help };
  return descriptor;
}

/**
 * SARIF 2.1.0, one run, results streamed in input order (per report: as the report lists them),
 * cross-report results last. Deterministic: no timestamp unless asked, rules sorted by id.
 */
export function sarifReporter(write: Write, options: ReporterOptions = {}): Reporter {
  const rules = allRules();
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  let count = 0;
  const emit = (finding: Finding): void => {
    write(`${count++ ? ',' : ''}\n        ${JSON.stringify(result(finding, ruleIndex))}`);
  };
  return {
    start() {
      const driver = {
        name: 'xxgk-audit',
        informationUri: 'https://www.npmjs.com/package/xxgk-audit',
        version: options.version ?? '0.0.0',
        rules: rules.map(ruleDescriptor),
      };
      write('{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n  "runs": [\n    {\n');
      write(`      "tool": { "driver": ${JSON.stringify(driver)} },\n`);
      write('      "columnKind": "utf16CodeUnits",\n');
      write('      "results": [');
    },
    report(report: Report) {
      for (const finding of report.findings) emit(finding);
    },
    finish(cross: Finding[], info = {}) {
      for (const finding of cross) emit(finding);
      for (const finding of info.absent ?? []) emit(finding);
      write(count ? '\n      ]' : ']');
      const invocation: Record<string, unknown> = { executionSuccessful: !info.aborted };
      if (info.aborted && info.interruptedBy?.startsWith('SIG')) invocation.exitSignalName = info.interruptedBy;
      if (options.timestamp) invocation.endTimeUtc = options.timestamp;
      write(`,\n      "invocations": [${JSON.stringify(invocation)}]\n    }\n  ]\n}\n`);
    },
  };
}
