import type { T3Row } from '../../templates/index.js';
import { TEMPLATES, t3Key } from '../../templates/index.js';
import type { AuditDocument } from '../types.js';

export const T3_COLUMNS = TEMPLATES['2021'].t3.columns.map((c) => ({ key: c.key, label: c.label }));
export const APPLICANT_COLUMNS = T3_COLUMNS.filter((c) => c.key !== 'total');

/** Short names for the structural rows; leaves use their template label. */
const SHORT: Record<string, string> = {
  new_received: '新收',
  carried_over: '上年结转',
  'results.total': '办理结果总计',
  carried_forward: '结转下年度',
};

export function rowLabel(row: T3Row): string {
  return SHORT[row.key] ?? row.label;
}

/** The table 三 template this document's table follows (per table, not per document). */
export function t3Template(doc: AuditDocument) {
  const match = doc.tables.find((t) => t.id === 't3');
  if (match) return TEMPLATES[match.template];
  return doc.template === '2019' ? TEMPLATES['2019'] : TEMPLATES['2021'];
}

/** Result leaves: every row under 三、本年度办理结果 except （七）总计. */
export function resultLeaves(doc: AuditDocument): T3Row[] {
  return t3Template(doc).t3.rows.filter((r) => r.key.startsWith('results.') && r.key !== 'results.total');
}

export const hasT3 = (doc: AuditDocument): boolean => Object.keys(doc.facts).some((k) => k.startsWith('t3.'));
export { t3Key };

/** A 总计-column cell left blank while its row's applicant cells carry numbers (table/total-omitted's case). */
export function isOmittedTotal(doc: AuditDocument, rowKey: string): boolean {
  return (
    doc.facts[t3Key(rowKey, 'total')]?.kind === 'blank' &&
    APPLICANT_COLUMNS.some((c) => (doc.facts[t3Key(rowKey, c.key)]?.value ?? 0) > 0)
  );
}
