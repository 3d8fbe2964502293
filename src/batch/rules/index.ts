import type { Finding, RuleId } from '../../model.js';
import { ruleUrl } from '../../rule-url.js';
import type { RuleSettings } from '../../rules/types.js';
import type { Summary } from '../types.js';
import { carryOverRule, checkCarryOver } from './carry-over.js';
import { checkCopiedFigures, copiedFigureRule } from './copied-figure.js';
import { checkCopiedText, copiedTextRule } from './copied-text.js';
import { checkDuplicates, duplicateRule } from './duplicate.js';
import { checkInForce, inForceRule } from './in-force.js';
import { agencyKey, applySetting, type CrossRuleMeta } from './util.js';

export { agencyKey, type CrossRuleMeta } from './util.js';

/** Findings the batch engine itself makes for inputs it could not audit. */
export const fileErrorRule: CrossRuleMeta = {
  id: 'file/error',
  severity: 'error',
  kind: 'fail',
  description: 'The input could not be audited: missing, empty, binary, not a report format, broken PDF, download failed, or an internal error.',
};
export const fileTimeoutRule: CrossRuleMeta = {
  id: 'file/timeout',
  severity: 'error',
  kind: 'review',
  description: 'Auditing the input took longer than the per-file time limit (--timeout); the run went on without it.',
};

export const fileTooLargeRule: CrossRuleMeta = {
  id: 'file/too-large',
  severity: 'error',
  kind: 'review',
  description: 'The input is over a size limit (bytes, characters, table cells, nesting depth, decompressed PDF streams) or its audit over the memory limit; the run went on without it.',
};
export const findingsCappedRule: CrossRuleMeta = {
  id: 'file/findings-capped',
  severity: 'info',
  kind: 'review',
  description: 'The report had more findings than maxFindings; the first ones are listed and this finding says how many were left out.',
};

/** Rules that only a batch (or --prior) can check. */
export const crossRules: readonly CrossRuleMeta[] = [carryOverRule, copiedTextRule, inForceRule, copiedFigureRule, duplicateRule];
export const batchRules: readonly CrossRuleMeta[] = [fileErrorRule, fileTimeoutRule, fileTooLargeRule, findingsCappedRule, ...crossRules];

const sameReport = (a: Summary, b: Summary): boolean =>
  (a.contentHash !== null && a.contentHash === b.contentHash) ||
  (a.factsHash !== null && a.factsHash === b.factsHash && a.year === b.year && agencyKey(a.agency) === agencyKey(b.agency));

/**
 * Runs the cross-report rules over the summaries. `reportOf(i)` says which summaries belong to the
 * reports being audited (with --prior, last year's reports only serve as a reference).
 */
export async function runCrossRules(
  summaries: readonly Summary[],
  settings?: RuleSettings,
  isTarget: (summary: Summary) => boolean = () => true,
): Promise<Finding[]> {
  const off = (id: RuleId): boolean => settings?.[id] === 'off';
  const all: Finding[] = [];
  if (!off(carryOverRule.id)) all.push(...checkCarryOver(summaries));
  if (!off(copiedTextRule.id)) all.push(...(await checkCopiedText(summaries, sameReport)));
  if (!off(inForceRule.id)) all.push(...checkInForce(summaries));
  if (!off(copiedFigureRule.id)) all.push(...checkCopiedFigures(summaries));
  if (!off(duplicateRule.id)) all.push(...checkDuplicates(summaries));
  const targets = new Set(summaries.filter(isTarget).map((s) => s.file));
  const order = new Map(summaries.map((s, i) => [s.file, i]));
  return all
    .filter((f) => targets.has(f.source.file))
    .map((f) => applySetting(f, settings))
    .filter((f): f is Finding => f !== null)
    .map((f) => ({ ...f, url: ruleUrl(f.ruleId) }))
    // Stable order for byte-identical output: by report in input order, then rule, then line.
    .sort((a, b) => (order.get(a.source.file)! - order.get(b.source.file)!) || a.ruleId.localeCompare(b.ruleId) || (a.source.line ?? 0) - (b.source.line ?? 0));
}
