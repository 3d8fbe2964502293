/**
 * Every fact key the table templates can give (2021 and 2019 formats), as data and as the `FactKey`
 * type: `t2.<row>.<col>`, `t3.<row>.<col>`, `t4.<block>.<col>`. A misspelt key
 * (`report.facts['t3.new_recieved.total']`) does not compile. test/rule-ids.test.ts keeps these lists
 * equal to src/templates/.
 */

/** Table 二: row → its columns, over both formats (2021: 制发/废止/现行有效; 2019: 新制作/新公开/对外公开总数 …). */
export const T2_CELLS = {
  regulations: ['made', 'repealed', 'in_force', 'new_made', 'new_published', 'total_published'],
  normative_docs: ['made', 'repealed', 'in_force', 'new_made', 'new_published', 'total_published'],
  licensing: ['decisions', 'prev_year_items', 'change'],
  other_mgmt_services: ['prev_year_items', 'change', 'decisions'],
  penalty: ['decisions', 'prev_year_items', 'change'],
  coercion: ['decisions', 'prev_year_items', 'change'],
  fees: ['amount_wan_yuan', 'prev_year_items', 'change'],
  central_procurement: ['procurement_items', 'procurement_amount'],
} as const;

export const T3_ROWS = [
  'new_received',
  'carried_over',
  'results.granted',
  'results.partially_granted',
  'results.withheld.state_secret',
  'results.withheld.prohibited_by_law',
  'results.withheld.three_safety_one_stability',
  'results.withheld.third_party_rights',
  'results.withheld.internal_affairs',
  'results.withheld.process_info',
  'results.withheld.enforcement_case_file',
  'results.withheld.admin_query',
  'results.unable.not_held',
  'results.unable.needs_creation',
  'results.unable.unclear_after_correction',
  'results.not_processed.petition_complaint',
  'results.not_processed.duplicate',
  'results.not_processed.publication',
  'results.not_processed.mass_repetitive',
  'results.not_processed.confirm_or_reissue',
  'results.other',
  'results.other.overdue_correction',
  'results.other.overdue_fee',
  'results.other.other',
  'results.total',
  'carried_forward',
] as const;

export const T3_COLUMNS = ['natural_person', 'org_commercial', 'org_research', 'org_social_welfare', 'org_legal_service', 'org_other', 'total'] as const;

export const T4_BLOCKS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
export const T4_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;

type T2Cells = typeof T2_CELLS;
export type T2Key = { [R in keyof T2Cells]: `t2.${R}.${T2Cells[R][number]}` }[keyof T2Cells];
export type T3Key = `t3.${(typeof T3_ROWS)[number]}.${(typeof T3_COLUMNS)[number]}`;
export type T4Key = `t4.${(typeof T4_BLOCKS)[number]}.${(typeof T4_COLUMNS)[number]}`;
export type FactKey = T2Key | T3Key | T4Key;

/** Every FactKey, t2 then t3 then t4. */
export const FACT_KEYS: readonly FactKey[] = [
  ...Object.entries(T2_CELLS).flatMap(([row, cols]) => cols.map((col) => `t2.${row}.${col}` as FactKey)),
  ...T3_ROWS.flatMap((row) => T3_COLUMNS.map((col) => `t3.${row}.${col}` as const)),
  ...T4_BLOCKS.flatMap((block) => T4_COLUMNS.map((col) => `t4.${block}.${col}` as const)),
];
