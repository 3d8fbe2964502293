import { templates2019 } from './2019.js';
import { templates2021 } from './2021.js';

export { templates2019 } from './2019.js';
export { templates2021 } from './2021.js';
export type * from './types.js';
import type { TemplateColumn } from './types.js';

export const TEMPLATES = { '2021': templates2021, '2019': templates2019 } as const;

/** Fact key of a table 三 cell: `t3.<row>.<col>`. */
export const t3Key = (row: string, col: string): string => `t3.${row}.${col}`;
/** Fact key of a table 四 cell: `t4.<block>.<col>`. */
export const t4Key = (block: string, col: string): string => `t4.${block}.${col}`;
/** Fact key of a table 二 cell: `t2.<row>.<col>`. */
export const t2Key = (row: string, col: string): string => `t2.${row}.${col}`;

/**
 * The top header row of a table as the format draws it: a column without a parent header stands
 * alone (rowspan 2), consecutive columns under the same parent (法人或其他组织) share one spanning cell.
 */
export function headerGroups(columns: readonly TemplateColumn[]): { label: string; span: number; parent: boolean }[] {
  const groups: { label: string; span: number; parent: boolean }[] = [];
  for (const c of columns) {
    const last = groups.at(-1);
    if (c.parent && last?.parent && last.label === c.parent) last.span++;
    else groups.push({ label: c.parent ?? c.label, span: 1, parent: Boolean(c.parent) });
  }
  return groups;
}
