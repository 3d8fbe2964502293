/**
 * Every rule id a run can report (per-report rules, file/batch rules, cross-report rules), as data and
 * as the `RuleId` type. test/rule-ids.test.ts keeps this list equal to the rules that exist.
 */
export const RULE_IDS = [
  'batch/copied-figure',
  'batch/duplicate',
  'cross-year/carry-over',
  'cross-year/copied-text',
  'cross-year/in-force',
  'file/attachment-only',
  'file/charset-mismatch',
  'file/error',
  'file/findings-capped',
  'file/not-machine-readable',
  'file/timeout',
  'file/too-large',
  'file/unsupported-format',
  'meta/late',
  'meta/period',
  'meta/signed-early',
  'prose/breakdown-sum',
  'prose/table-mismatch',
  'section/duplicate-number',
  'section/empty',
  'section/missing',
  'section/nonstandard-title',
  'section/order',
  't3/balance',
  't3/results-sum',
  't3/row-total',
  't4/block-sum',
  'table/cell-invalid',
  'table/missing',
  'table/total-omitted',
  'table/unreadable',
  'template/outdated',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;
/** What a rule setting may say: a severity, or `off`. */
export const RULE_SETTING_VALUES = [...SEVERITIES, 'off'] as const;

const known: ReadonlySet<string> = new Set(RULE_IDS);
export const isRuleId = (id: string): id is RuleId => known.has(id);
