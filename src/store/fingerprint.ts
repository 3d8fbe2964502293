import { createHash } from 'node:crypto';
import { agencyKey } from '../batch/rules/util.js';
import type { Finding, Report } from '../model.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The last part of a path or URL (query and fragment dropped): a copy of a report in another folder is the same report. */
export function baseName(file: string): string {
  const clean = file.replace(/[?#].*$/, '').replace(/[\\/]+$/, '');
  return clean.slice(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1) || clean;
}

/**
 * What a report is across runs: agency key + year when both are known, else the file. A fingerprint
 * is made from it, so it does not change when the file moves, is fetched again or is edited.
 */
export function reportIdentity(report: Pick<Report, 'file' | 'meta'>): string {
  const key = agencyKey(report.meta.agency);
  if (key && report.meta.year != null) return `agency:${key}|${report.meta.year}`;
  return `file:${baseName(report.file)}`;
}

/**
 * Which stored report a new one is compared with for the baseline: the identity plus the file's
 * name, so the HTML and text twins of one report (same agency and year) are compared each with its own.
 */
export function documentKey(report: Pick<Report, 'file' | 'meta'>): string {
  return `${reportIdentity(report)}|${baseName(report.file)}`;
}

/**
 * Paths in a message (the other report of a pair) down to the file's name: the same defect is
 * the same when the reports are audited from another folder.
 */
const withoutFolders = (text: string): string => text.replace(/[^\s（）()“”"'，,：:;；]*[\\/]([^\\/\s（）()“”"'，,：:;；]+)/g, '$1');

/** Numbers change when a report is corrected; the defect (this rule, this place) stays the same. */
const skeleton = (text: string): string => withoutFolders(text).replace(/[0-9０-９]+(?:[.,][0-9]+)*/g, '#');

/**
 * Where the defect is, without what it currently says: the cell keys it names (the other report's
 * cells marked as such), else the table cell of its source, else its message with the numbers
 * taken out. Never line numbers, which move when text is added above.
 */
function place(finding: Finding): string {
  if (finding.cells?.length) {
    return finding.cells.map((c) => `${c.source.file === finding.source.file ? '' : 'other:'}${c.key}`).sort().join(',');
  }
  const s = finding.source;
  if (s.table && s.row && s.col) return `table${s.table}/${s.row}/${s.col}|${skeleton(finding.message)}`;
  return skeleton(finding.message);
}

/**
 * Fingerprints for the findings of one report (its own findings and its cross-report ones): sha256 of
 * rule + report identity + place, 32 hex digits. Two findings that would get the same one (the same
 * rule saying the same thing twice) are told apart by their order: `…` then `…#2`.
 */
export function fingerprintAll(identity: string, findings: readonly Finding[], seen = new Map<string, number>()): string[] {
  return findings.map((finding) => {
    const base = `${finding.ruleId}\u0000${identity}\u0000${place(finding)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return sha256(n === 1 ? base : `${base}\u0000#${n}`).slice(0, 32);
  });
}

/** What a finding says now: a changed value or message under the same fingerprint makes it `updated`. */
export function contentHash(finding: Finding): string {
  return sha256(JSON.stringify([
    finding.severity, finding.kind, withoutFolders(finding.message), finding.expected ?? null, finding.actual ?? null,
    (finding.cells ?? []).map((c) => [c.key, c.raw]), finding.hint ?? null,
  ])).slice(0, 32);
}

/** A finding without the store's annotations: what the JSON contract's per-report finding is. */
export function plainFinding(finding: Finding): Finding {
  const { fingerprint, baselineState, review, ...rest } = finding;
  void fingerprint; void baselineState; void review;
  return rest;
}
