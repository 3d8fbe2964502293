/** `<table>` → rectangular grid with rowspan/colspan expanded (HTML table model, simplified). */
import type { Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import type { CellNode, Position, RowNode } from '../../model.js';
import { compactGrid } from '../grid.js';
import { isTinyImage, normaliseText, SKIP_ELEMENTS, BLOCK_ELEMENTS, isHidden } from './text.js';

export interface GridResult {
  rows: RowNode[];
  width: number;
  /** Tables found inside cells, in document order, with the grid slot that holds them. */
  nested: { table: Element; row: number; col: number }[];
  /** Non-tiny `<img>` elements inside the cells. */
  images: number;
  /** Some cell holds a digit. */
  hasDigits: boolean;
  /** Text of a `<caption>` element. */
  caption?: string;
}

/** The `<tr>`s of this table (not of tables nested in its cells). */
export function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    if (!isTag(child)) continue;
    if (child.name === 'tr') rows.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
      for (const row of child.children) if (isTag(row) && row.name === 'tr') rows.push(row);
    }
  }
  return rows;
}

export function rowCells(tr: Element): Element[] {
  const cells: Element[] = [];
  for (const child of tr.children) if (isTag(child) && (child.name === 'td' || child.name === 'th')) cells.push(child);
  return cells;
}

function spanAttr(el: Element, name: string, fallback: number): number {
  const raw = el.attribs[name];
  if (raw === undefined) return fallback;
  const n = Number.parseInt(raw, 10);
  return Number.isFinite(n) ? n : fallback;
}

/** Text of a cell, nested tables left out (they become tables of their own). */
function cellText(cell: Element, nested: Element[], counts: { images: number }, hidden: (el: Element) => boolean): string {
  let out = '';
  const walk = (node: Element): void => {
    for (const child of node.children) {
      if (isText(child)) out += child.data;
      else if (isTag(child)) {
        if (SKIP_ELEMENTS.has(child.name) || hidden(child)) continue;
        if (child.name === 'table') {
          nested.push(child);
          out += ' ';
          continue;
        }
        if (child.name === 'img') {
          if (!isTinyImage(child)) counts.images++;
          continue;
        }
        if (child.name === 'br' || BLOCK_ELEMENTS.has(child.name)) {
          out += ' ';
          walk(child);
          out += ' ';
        } else walk(child);
      }
    }
  };
  walk(cell);
  return normaliseText(out);
}

/**
 * Expand a table into a grid. Every slot gets a CellNode; slots covered by a span carry `spanOf`
 * (the origin's 1-based [row, col]) and the origin's text. Short rows are padded with blank cells.
 * Rows with no text at all (no cell, or only empty cells, and no image) are dropped: they hold nothing.
 */
/** `hidden` defaults to the style check; a caller that already weighed the page passes its answer. */
export function buildGrid(
  table: Element,
  positionOf: (start?: number, end?: number) => Position | undefined,
  hidden: (el: Element) => boolean = isHidden,
): GridResult {
  const trs = tableRows(table);
  const slots: (CellNode | undefined)[][] = trs.map(() => []);
  const nested: GridResult['nested'] = [];
  const counts = { images: 0 };
  let hasDigits = false;
  const rowHasImage: boolean[] = [];
  trs.forEach((tr, r) => {
    const row = slots[r]!;
    const imagesBefore = counts.images;
    const nestedBefore = nested.length;
    let c = 0;
    for (const td of rowCells(tr)) {
      while (row[c]) c++;
      const colspan = Math.min(Math.max(spanAttr(td, 'colspan', 1), 1), 1000);
      let rowspan = spanAttr(td, 'rowspan', 1);
      // rowspan=0 spans to the end of the table; spans past the last row are cut there, as browsers do.
      if (rowspan === 0) rowspan = trs.length - r;
      rowspan = Math.min(Math.max(rowspan, 1), trs.length - r);
      const inner: Element[] = [];
      const value = cellText(td, inner, counts, hidden);
      if (/\d/.test(value)) hasDigits = true;
      const position = positionOf(td.sourceCodeLocation?.startOffset, td.sourceCodeLocation?.endOffset);
      const header = td.name === 'th';
      const origin: CellNode = { type: 'cell', value, data: { row: r + 1, col: c + 1, rowspan, colspan } };
      if (position) origin.position = position;
      if (header) origin.data.header = true;
      for (const t of inner) nested.push({ table: t, row: r + 1, col: c + 1 });
      for (let i = 0; i < rowspan; i++) {
        const target = slots[r + i]!;
        for (let j = 0; j < colspan; j++) {
          // Overlapping spans in broken markup: the first cell to claim a slot keeps it.
          if (target[c + j]) continue;
          if (i === 0 && j === 0) {
            target[c] = origin;
            continue;
          }
          const copy: CellNode = {
            type: 'cell',
            value,
            data: { row: r + i + 1, col: c + j + 1, rowspan: 1, colspan: 1, spanOf: [r + 1, c + 1] },
          };
          if (position) copy.position = position;
          if (header) copy.data.header = true;
          target[c + j] = copy;
        }
      }
      c += colspan;
    }
    // Images and nested tables are content even when the cells have no text.
    rowHasImage[r] = counts.images > imagesBefore || nested.length > nestedBefore;
  });

  const { rows, width, newRow, dropped } = compactGrid(slots, (r) => rowHasImage[r]!, (r) =>
    positionOf(trs[r]!.sourceCodeLocation?.startOffset, trs[r]!.sourceCodeLocation?.endOffset));
  if (dropped) {
    for (const entry of nested) entry.row = newRow.get(entry.row) ?? entry.row;
  }

  let caption: string | undefined;
  for (const child of table.children) {
    if (isTag(child) && child.name === 'caption') {
      caption = normaliseText(textOf(child));
      break;
    }
  }
  const result: GridResult = { rows, width, nested, images: counts.images, hasDigits };
  if (caption) result.caption = caption;
  return result;
}

export function textOf(el: Element): string {
  let out = '';
  for (const child of el.children) {
    if (isText(child)) out += child.data;
    else if (isTag(child) && !SKIP_ELEMENTS.has(child.name)) out += ` ${textOf(child)} `;
  }
  return out;
}

/**
 * A table used for page layout rather than data: a cell holds a whole stretch of report text
 * (several paragraphs, or a table of its own) and the grid is narrow. Its cells are read as body text.
 */
export function isLayoutTable(table: Element): boolean {
  const trs = tableRows(table);
  let maxCells = 0;
  let heavy = false;
  for (const tr of trs) {
    const cells = rowCells(tr);
    maxCells = Math.max(maxCells, cells.length);
    for (const td of cells) if (!heavy && blockCount(td, 0) >= 3) heavy = true;
  }
  return heavy && maxCells <= 2;
}

/** Count text blocks (p, div, h*, table) under an element, stopping early at 3. */
function blockCount(el: Element, found: number): number {
  for (const child of el.children) {
    if (found >= 3) return found;
    if (!isTag(child)) continue;
    if (child.name === 'table') {
      found++;
      continue;
    }
    if (/^(p|div|h[1-6]|section|article|ul|ol)$/.test(child.name)) {
      const inner = blockCount(child, 0);
      found += inner > 0 ? inner : 1;
    }
  }
  return found;
}
