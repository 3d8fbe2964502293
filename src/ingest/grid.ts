/**
 * The last step of every table reader (HTML, DOCX): a grid of slots — span origins and their copies —
 * becomes the rows of the table model. Rows with nothing in them (no cell text and no image or nested
 * table, e.g. Word's zero-height column-width row) are dropped; rows, span origins and origins'
 * rowspans are renumbered to the kept rows; short rows are padded with empty `pad` cells.
 */
import type { CellNode, RowNode } from '../model.js';

export interface CompactedGrid {
  rows: RowNode[];
  /** Columns of the widest kept row (every row is padded to it). */
  width: number;
  /** Old row number (1-based) → new one, for the kept rows. */
  newRow: Map<number, number>;
  /** Whether any row was dropped. */
  dropped: boolean;
}

export function compactGrid(
  slots: (CellNode | undefined)[][],
  hasContent: (r: number) => boolean,
  rowPosition: (r: number) => CellNode['position'],
): CompactedGrid {
  const kept: number[] = [];
  const newRow = new Map<number, number>();
  slots.forEach((row, r) => {
    if (row.some((cell) => cell && cell.value !== '') || hasContent(r)) {
      kept.push(r);
      newRow.set(r + 1, kept.length);
    }
  });
  const dropped = kept.length !== slots.length;
  const width = kept.reduce((max, r) => Math.max(max, slots[r]!.length), 0);
  const rows = kept.map((r, k): RowNode => {
    const position = rowPosition(r);
    const children: CellNode[] = [];
    for (let c = 0; c < width; c++) {
      let cell = slots[r]![c];
      if (!cell) {
        cell = { type: 'cell', value: '', data: { row: k + 1, col: c + 1, rowspan: 1, colspan: 1, pad: true } };
        if (position) cell.position = position;
      } else if (dropped) {
        if (!cell.data.spanOf) {
          // An origin's rowspan counts the rows kept under it.
          let span = 0;
          for (let i = 0; i < cell.data.rowspan; i++) if (newRow.has(cell.data.row + i)) span++;
          cell.data.rowspan = Math.max(span, 1);
        }
        cell.data.row = k + 1;
        if (cell.data.spanOf) {
          const originRow = newRow.get(cell.data.spanOf[0]);
          // An empty origin in a dropped row: the copy stands alone.
          if (originRow === undefined) delete cell.data.spanOf;
          else cell.data.spanOf = [originRow, cell.data.spanOf[1]];
        }
      }
      children.push(cell);
    }
    const node: RowNode = { type: 'row', children };
    if (position) node.position = position;
    return node;
  });
  return { rows, width, newRow, dropped };
}
