import type { CellNode, Facts, Root, TableId, TableMatch, TableNode } from '../../model.js';
import { cellSource } from '../../util/source.js';
import { readCell } from './cells.js';

/** A table node with its index in root.children. */
export interface TablePart {
  table: TableNode;
  nodeIndex: number;
}

/** What one matcher read from one table (or one run of consecutive tables). */
export interface TableExtraction {
  id: TableId;
  facts: Facts;
  match: TableMatch;
}

/** A fact from a cell: raw kept as published, value parsed, source with table/row/col. */
export function factOf(tree: Root, table: TableNode, cell: CellNode, raw = cell.value) {
  const reading = readCell(raw);
  return { value: reading.value, raw, kind: reading.kind, source: cellSource(tree, table.data.index, cell) };
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
