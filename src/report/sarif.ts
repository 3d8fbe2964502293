import { createHash } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Report, Severity, Source } from '../model.js';
import { allRules, type RuleInfo } from './rule-docs.js';
import type { Reporter, ReporterOptions, Write } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A file name as a SARIF `uri`: URLs as they are, absolute paths as file: URLs, others percent-encoded. */
export function toUri(name: string): string {
  const file = wellFormed(name);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return file;
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

// A lone surrogate (a broken file name) cannot be percent-encoded: it becomes U+FFFD.
const wellFormed = (name: string): string => name.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** The base a relative `uri` is resolved against (run.originalUriBaseIds): the folder the command ran in. */
export const SRCROOT = '%SRCROOT%';

/**
 * `artifactLocation` for a file name: a relative path (or an absolute one under `root`) as a relative
 * `uri` with `uriBaseId` %SRCROOT% (what GitHub code scanning needs); URLs and paths elsewhere as
 * absolute URIs.
 */
export function artifactLocation(name: string, root?: string): { uri: string; uriBaseId?: string } {
  const file = wellFormed(name);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return { uri: file };
  if (isAbsolute(file)) {
    const rel = root ? relative(root, file) : '';
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) return { uri: toUri(file) };
    return { uri: toUri(rel), uriBaseId: SRCROOT };
  }
  return { uri: toUri(file.replace(/^\.[\\/]/, '')), uriBaseId: SRCROOT };
}

/**
 * Every result has a region: the line (and column) in the text we read — for a PDF, the line of the
 * text extracted from it, with the page as a logical location; a finding about the whole file
 * (a missing section) points at line 1.
 */
function region(source: Source): Record<string, unknown> {
  if (!source.line) return { startLine: 1 };
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

type Logical = { name: string; fullyQualifiedName: string; kind?: string };

function location(source: Source, root: string | undefined, message?: string, logical: Logical[] = []): Record<string, unknown> {
  const physical: Record<string, unknown> = { artifactLocation: artifactLocation(source.file, root), region: region(source) };
  const loc: Record<string, unknown> = { physicalLocation: physical };
  // A PDF page is a logical location (SARIF has no pages): `第2页`, `page2`.
  const all: Logical[] = source.page ? [{ name: `第${source.page}页`, fullyQualifiedName: `page${source.page}`, kind: 'page' }, ...logical] : logical;
  if (all.length) loc.logicalLocations = all.map((l) => ({ kind: 'element', ...l }));
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

function result(finding: Finding, ruleIndex: Map<string, number>, root: string | undefined): Record<string, unknown> {
  const res: Record<string, unknown> = {
    ruleId: finding.ruleId,
  };
  const index = ruleIndex.get(finding.ruleId);
  if (index !== undefined) res.ruleIndex = index;
  res.kind = finding.kind;
  // SARIF §3.27.10: a result whose kind is not "fail" has level "none"; our severity stays in properties.
  res.level = finding.kind === 'fail' ? LEVEL[finding.severity] : 'none';
  res.message = { text: finding.hint ? `${finding.message}（建议：${finding.hint}）` : finding.message };
  res.locations = [location(finding.source, root, undefined, logicalLocations(finding))];
  const related = [
    ...(finding.cells ?? []).map((c) => ({ source: c.source, message: `${c.key} = ${c.raw === '' ? '（空）' : c.raw}` })),
    ...(finding.related ?? []),
  ];
  if (related.length) res.relatedLocations = related.map((r, id) => ({ id, ...location(r.source, root, r.message) }));
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
  return {
    id: rule.id,
    name: rule.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: `${rule.name}: ${rule.description}` },
    fullDescription: { text: rule.description },
    // GitHub code scanning shows `help` with every alert and needs it on every rule.
    help: { text: rule.helpText, markdown: rule.help },
    helpUri: rule.url,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { kind: rule.kind, severity: rule.severity, name: rule.name },
  };
}

/**
 * SARIF 2.1.0, one run, results streamed in input order (per report: as the report lists them),
 * cross-report results last. Deterministic: no timestamp unless asked, rules sorted by id. An input
 * that could not be audited makes the run `executionSuccessful: false` with a notification naming it.
 */
export function sarifReporter(write: Write, options: ReporterOptions = {}): Reporter {
  const rules = allRules();
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const root = options.cwd;
  let count = 0;
  const notifications: Record<string, unknown>[] = [];
  const emit = (finding: Finding): void => {
    write(`${count++ ? ',' : ''}\n        ${JSON.stringify(result(finding, ruleIndex, root))}`);
  };
  return {
    start() {
      const driver = {
        name: 'xxgk-audit',
        informationUri: rules[0]?.url.replace(/\/blob\/.*$/, '') ?? 'https://www.npmjs.com/package/xxgk-audit',
        version: options.version ?? '0.0.0',
        rules: rules.map(ruleDescriptor),
      };
      write('{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n  "runs": [\n    {\n');
      write(`      "tool": { "driver": ${JSON.stringify(driver)} },\n`);
      if (root) write(`      "originalUriBaseIds": ${JSON.stringify({ [SRCROOT]: { uri: `${pathToFileURL(root).href.replace(/\/?$/, '/')}` } })},\n`);
      write('      "columnKind": "utf16CodeUnits",\n');
      write('      "results": [');
    },
    report(report: Report, info = {}) {
      for (const finding of report.findings) emit(finding);
      if (info.failed) {
        const failure = report.findings.find((f) => f.ruleId === 'file/error' || f.ruleId === 'file/timeout');
        const notification: Record<string, unknown> = {
          level: 'error',
          message: { text: failure?.message ?? '无法审核 (could not be audited)' },
          locations: [{ physicalLocation: { artifactLocation: artifactLocation(report.file, root) } }],
        };
        if (failure) notification.descriptor = { id: failure.ruleId, index: ruleIndex.get(failure.ruleId) };
        notifications.push(notification);
      }
    },
    finish(cross: Finding[], info = {}) {
      for (const finding of cross) emit(finding);
      for (const finding of info.absent ?? []) emit(finding);
      write(count ? '\n      ]' : ']');
      const invocation: Record<string, unknown> = { executionSuccessful: !info.aborted && notifications.length === 0 };
      if (notifications.length) invocation.toolExecutionNotifications = notifications;
      if (info.aborted && info.interruptedBy?.startsWith('SIG')) invocation.exitSignalName = info.interruptedBy;
      if (options.timestamp) invocation.endTimeUtc = options.timestamp;
      write(`,\n      "invocations": [${JSON.stringify(invocation)}]\n    }\n  ]\n}\n`);
    },
  };
}
