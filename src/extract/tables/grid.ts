/** Helpers over a TableNode's expanded grid: span-aware text, data-like cells, header stacks. */
import type { CellNode, TableNode } from '../../model.js';
import { isDataLike } from './cells.js';

export type Grid = CellNode[][];

export function gridOf(table: TableNode): Grid {
  return table.children.map((row) => row.children);
}

/** The text of a slot: span copies may carry '' — read their origin. */
export function textAt(grid: Grid, cell: CellNode | undefined): string {
  if (!cell) return '';
  const origin = originOf(grid, cell);
  return (origin.value || cell.value || '').trim();
}

/** The origin cell of a span copy (itself otherwise). */
export function originOf(grid: Grid, cell: CellNode): CellNode {
  const span = cell.data.spanOf;
  if (!span) return cell;
  return grid[span[0] - 1]?.[span[1] - 1] ?? cell;
}

export function isCopy(cell: CellNode): boolean {
  return cell.data.spanOf !== undefined;
}

/** Number of cells in a row that hold data (numbers, zeros, dashes). */
export function dataCount(grid: Grid, r: number): number {
  let n = 0;
  for (const cell of grid[r] ?? []) if (!isCopy(cell) && isDataLike(cell.value)) n++;
  return n;
}

/** Distinct non-empty, non-data texts of a row, left to right (span copies folded). */
export function rowTexts(grid: Grid, r: number, cols?: (c: number) => boolean): string[] {
  const out: string[] = [];
  const row = grid[r] ?? [];
  for (let c = 0; c < row.length; c++) {
    if (cols && !cols(c)) continue;
    const text = textAt(grid, row[c]);
    if (!text || isDataLike(text)) continue;
    if (out[out.length - 1] !== text) out.push(text);
  }
  return out;
}

/** Distinct non-data header texts of column c in rows [0, end), bottom-up. */
export function columnTexts(grid: Grid, c: number, end: number, start = 0): string[] {
  const out: string[] = [];
  for (let r = end - 1; r >= start; r--) {
    const text = textAt(grid, grid[r]?.[c]);
    if (!text || isDataLike(text)) continue;
    if (!out.includes(text)) out.push(text);
  }
  return out;
}
