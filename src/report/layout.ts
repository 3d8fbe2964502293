import type { Fact } from '../model.js';
import { TEMPLATES } from '../templates/index.js';
import type { TableTemplates } from '../templates/types.js';

/** Which template's layout each table of a report is drawn in. */
export interface TableLayouts {
  t2: TableTemplates;
  t3: TableTemplates;
  t4: TableTemplates;
  /** True when the tables do not all follow one version (a 2021 表二 with the 2019 one-row （六）其他处理). */
  mixed: boolean;
}

function t2Keys(tpl: TableTemplates): string[] {
  return tpl.t2.blocks.flatMap((b) => b.rows.flatMap((r) => b.columns.map((c) => `t2.${r.key}.${c.key}`)));
}
function t3Keys(tpl: TableTemplates): string[] {
  return tpl.t3.rows.flatMap((r) => tpl.t3.columns.map((c) => `t3.${r.key}.${c.key}`));
}

/**
 * Each table in the layout of the version whose cells the report actually has (the report's
 * template when neither or both fit equally): a 2021 report with the 2019 （六）其他处理 row gets
 * its table 三 drawn with that one row, so its cells are shown.
 */
export function tableLayouts(facts: Record<string, Fact>, template: string): TableLayouts {
  const preferred = TEMPLATES[template === '2019' ? '2019' : '2021'];
  const other = TEMPLATES[template === '2019' ? '2021' : '2019'];
  const pick = (keys: (tpl: TableTemplates) => string[]): TableTemplates => {
    const score = (tpl: TableTemplates): number => keys(tpl).filter((k) => k in facts).length;
    return score(other) > score(preferred) ? other : preferred;
  };
  const t2 = pick(t2Keys);
  const t3 = pick(t3Keys);
  return { t2, t3, t4: preferred, mixed: t2.version !== t3.version };
}
