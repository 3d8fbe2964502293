/**
 * A table row cut by a page break. Writers put the rest of a cut cell's text either in a first row
 * of the next page's table (LibreOffice) or below the table's frame on the same page (Chromium);
 * both go back into the cell they belong to.
 */
import type { Box, TextItem } from './load.js';
import type { PdfCell, PdfTable } from './tables.js';
import { joinFragments, normaliseSpacing } from './text.js';

const EDGE = 2.5;
/** A number, a dash or a slash: a data cell. */
const DATA = /^[\d.,，%\s\-—–/／+]+$/u;
/** A new label starts with its item number; a continuation never does. */
const ITEM_START = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d))/u;

/** Cells covering the table's last row. */
function lastRow(table: PdfTable): PdfCell[] {
  return table.cells.filter((c) => c.row + c.rowspan === table.rows);
}

function join(a: string, b: string): string {
  return normaliseSpacing(`${a} ${b}`);
}

/**
 * The next page's table starts with the rest of cells cut by the page break: text cells right under
 * a text cell of the same width that start no numbered label, in a row with no data (the rest of a
 * cut row), or spanning several rows under a cell that does too (a merged label cut in two, as
 * 三、本年度办 / 理结果). Their text goes up into that cell. The row is dropped when nothing else is
 * in it (an empty row is the blank rest of a cut row), else those cells are left empty (the grid
 * then extends the cell above over them). Null when there is nothing to join.
 */
export function joinCutRow(prev: PdfTable, next: PdfTable, skip: number): { prev: PdfTable; next: PdfTable } | null {
  if (skip >= next.rows) return null;
  if (next.cells.some((c) => c.row < skip && c.row + c.rowspan > skip)) return null;
  const first = next.cells.filter((c) => c.row === skip);
  const filled = first.filter((c) => c.text !== '');
  const single = first.every((c) => c.rowspan === 1);
  const hasData = filled.some((c) => DATA.test(c.text));
  const above = lastRow(prev);
  const pairs = new Map<PdfCell, PdfCell[]>();
  const moved = new Set<PdfCell>();
  for (const cell of filled) {
    if (DATA.test(cell.text) || ITEM_START.test(cell.text)) continue;
    const over = above.find((a) => Math.abs(a.box[0] - cell.box[0]) <= EDGE && Math.abs(a.box[2] - cell.box[2]) <= EDGE);
    if (!over || over.text === '' || DATA.test(over.text)) continue;
    if (hasData && !(cell.rowspan > 1 && over.rowspan > 1)) continue;
    pairs.set(over, [...(pairs.get(over) ?? []), cell]);
    moved.add(cell);
  }
  const whole = single && !hasData && moved.size === filled.length;
  if (!moved.size && !whole) return null;
  const cells = prev.cells.map((c) => {
    const rest = pairs.get(c);
    return rest ? { ...c, text: join(c.text, rest.map((r) => r.text).join('')) } : c;
  });
  const nextCells = whole
    ? next.cells.filter((c) => c.row !== skip).map((c) => (c.row > skip ? { ...c, row: c.row - 1 } : c))
    : next.cells.map((c) => (moved.has(c) ? { ...c, text: '' } : c));
  return { prev: { ...prev, cells }, next: { ...next, rows: whole ? next.rows - 1 : next.rows, cells: nextCells } };
}

/** One piece's column boundaries are all among the other's: the same grid, some borders hidden by merged cells. */
export function sameColumns(a: PdfTable, b: PdfTable): boolean {
  const [few, many] = a.xs.length <= b.xs.length ? [a.xs, b.xs] : [b.xs, a.xs];
  return few.every((x) => many.some((y) => Math.abs(x - y) <= 3));
}

/**
 * Text printed just below a table that goes on on the next page, each piece inside the column of a
 * last-row cell: the overflow of that cut row. Returns the table with the text added, or null.
 */
export function absorbOverflow(table: PdfTable, lines: { box: Box; items: TextItem[]; size: number }[]): PdfTable | null {
  if (!lines.length) return null;
  const above = lastRow(table).filter((c) => c.text !== '' && !DATA.test(c.text));
  const bottom = table.box[1];
  let top = bottom;
  const added = new Map<PdfCell, TextItem[]>();
  for (const line of lines) {
    // Right under the frame, one line after another, and not a heading or a numbered label.
    if (line.box[3] > bottom + EDGE || top - line.box[3] > line.size * 2.5) return null;
    if (ITEM_START.test(joinFragments(line.items))) return null;
    top = line.box[1];
    for (const item of line.items) {
      const cell = above.find((c) => item.box[0] >= c.box[0] - 1 && item.box[2] <= c.box[2] + 1);
      if (!cell) return null;
      added.set(cell, [...(added.get(cell) ?? []), item]);
    }
  }
  const cells = table.cells.map((c) => {
    const items = added.get(c);
    return items ? { ...c, text: join(c.text, joinFragments(items)) } : c;
  });
  return { ...table, cells };
}
