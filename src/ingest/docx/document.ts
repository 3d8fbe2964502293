/**
 * word/document.xml → blocks, read with saxes (a streaming XML parser: no DOM of the whole document,
 * no entity expansion beyond XML's five). Only text is read — runs (`w:t`), tabs and breaks — so
 * macros, fields and embedded objects are never run: field instructions (`w:instrText`), deleted text
 * (`w:delText`) and the fallback copy of alternate content (`mc:Fallback`) are skipped.
 *
 * Positions: every `w:p` in document order (body, table cells, text boxes) is one line of the text
 * we build (`root.data.text`), so a source's `line` is the 1-based paragraph number and `column` the
 * character in it. Tables: `w:gridSpan` and `w:vMerge` are expanded into the same rectangular grid the
 * HTML reader builds (origin slot + `spanOf` copies), `w:gridBefore`/`w:gridAfter` leave blank slots.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { BlockNode, CellNode, RowNode, TableNode } from '../../model.js';
import { compactGrid } from '../grid.js';
import { FURNITURE_LINE, normaliseText } from '../html/text.js';
import { numberedDepth } from '../html/index.js';

/** Heading depth per paragraph style id (from word/styles.xml): `heading N` names and outline levels. */
export type StyleDepths = Map<string, number>;

interface Place {
  /** 0-based paragraph (line) index, and [start, end) in its line. */
  para: number;
  start: number;
  end: number;
}

/** A block before positions are resolved (placed by paragraph and column). */
export type Pending =
  | { type: 'heading' | 'paragraph'; depth?: number; value: string; place: Place }
  | { type: 'table'; rows: PendingRow[]; caption?: string; image?: boolean; place?: Place };

export interface PendingCell {
  value: string;
  colspan: number;
  /** vMerge: 'restart' opens a vertical merge, 'continue' extends the one above. */
  vmerge?: 'restart' | 'continue';
  header: boolean;
  place?: Place;
  /** Pictures in the cell (not tiny), and the tables nested in it (they follow the table as tables of their own). */
  images?: number;
  nested?: Pending[];
}

export interface PendingRow {
  before: number;
  after: number;
  cells: PendingCell[];
}

interface ParaState {
  index: number;
  style?: string;
  outline?: number;
  /** Text pieces split at `w:br`/`w:cr`. */
  pieces: string[];
  drawing: boolean;
  /** Inside a table cell: the cell collects the text. */
  cell?: CellState;
}

interface CellState {
  colspan: number;
  images: number;
  nested: Pending[];
  vmerge?: 'restart' | 'continue';
  texts: string[];
  firstPara?: number;
  lastPara?: number;
}

interface TableState {
  rows: PendingRow[];
  row?: PendingRow & { header: boolean };
  cell?: CellState;
  caption?: string;
  nested: Pending[];
}

const HEADING_STYLE = /^(?:heading|标题)\s*([1-9])$/i;
// Headings of the sections that hold the statistical tables: a picture right after one is the table.
const TABLE_SECTION = /主动公开政府信息情况|收到和处理政府信息公开申请情况|行政复议.{0,3}行政诉讼情况|复议.{0,6}诉讼情况|统计表/;
/** A picture narrower or lower than this is an icon, as in the HTML reader (60 × 40 px; 9525 EMU a pixel). */
const IMAGE_MIN_CX = 60 * 9525;
const IMAGE_MIN_CY = 40 * 9525;

const attr = (node: SaxesTagNS, local: string): string | undefined => {
  for (const a of Object.values(node.attributes)) if (a.local === local) return a.value;
  return undefined;
};

/** Paragraph styles that are headings: `heading N` by name, or an outline level, following `basedOn`. */
export function readStyles(xml: string): StyleDepths {
  const styles = new Map<string, { name?: string; based?: string; outline?: number }>();
  const parser = new SaxesParser({ xmlns: true });
  let current: { id: string; name?: string; based?: string; outline?: number } | undefined;
  let depth = 0;
  let styleDepth = -1;
  parser.on('opentag', (node) => {
    depth++;
    if (node.local === 'style' && attr(node, 'type') !== 'character' && attr(node, 'type') !== 'table') {
      const id = attr(node, 'styleId');
      if (id) {
        current = { id };
        styleDepth = depth;
      }
    } else if (current) {
      if (node.local === 'name') current.name = attr(node, 'val');
      else if (node.local === 'basedOn') current.based = attr(node, 'val');
      else if (node.local === 'outlineLvl') current.outline = Number(attr(node, 'val'));
    }
  });
  parser.on('closetag', () => {
    if (current && depth === styleDepth) {
      styles.set(current.id, current);
      current = undefined;
    }
    depth--;
  });
  parser.write(xml).close();
  const depths: StyleDepths = new Map();
  const resolve = (id: string, seen: Set<string>): number | undefined => {
    const style = styles.get(id);
    if (!style || seen.has(id)) return undefined;
    seen.add(id);
    const named = style.name ? HEADING_STYLE.exec(style.name.trim()) : null;
    if (named) return Number(named[1]);
    if (style.outline !== undefined && Number.isInteger(style.outline) && style.outline >= 0 && style.outline < 9) return style.outline + 1;
    return style.based ? resolve(style.based, seen) : undefined;
  };
  for (const id of styles.keys()) {
    const d = resolve(id, new Set());
    if (d !== undefined) depths.set(id, d);
  }
  return depths;
}

/** The body of word/document.xml as pending blocks and one text line per paragraph. */
export function readDocument(xml: string, styles: StyleDepths): { blocks: Pending[]; lines: string[] } {
  const blocks: Pending[] = [];
  const lines: string[] = [];
  const paras: ParaState[] = [];
  const tables: TableState[] = [];
  let lastText: string | undefined;
  let awaitingTable = false;
  /** Depth of an element whose content is skipped (mc:Fallback, w:instrText …), or 0. */
  let skipDepth = 0;
  let depth = 0;
  let inText = false;
  /** Inside w:pPr, w:rPr … : a w:tab there is a tab stop, not text. */
  let inProperties = 0;

  const parser = new SaxesParser({ xmlns: true });
  const emit = (block: Pending): void => {
    const table = tables.at(-1);
    if (table) table.nested.push(block);
    else blocks.push(block);
  };

  parser.on('opentag', (node) => {
    depth++;
    if (skipDepth) return;
    const para = paras.at(-1);
    switch (node.local) {
      case 'Fallback':
      case 'instrText':
      case 'delText':
      case 'delInstrText':
        skipDepth = depth;
        return;
      case 'p': {
        const table = tables.at(-1);
        const state: ParaState = { index: lines.length, pieces: [''], drawing: false };
        lines.push('');
        // A paragraph straight inside a cell (not in a text box inside one) belongs to the cell.
        if (table?.cell && !para) state.cell = table.cell;
        paras.push(state);
        return;
      }
      case 't':
        inText = true;
        return;
      case 'tab':
        // w:tab inside w:tabs (paragraph properties) is a tab stop, not text.
        if (para && !inProperties) para.pieces[para.pieces.length - 1] += '\t';
        return;
      case 'br':
      case 'cr':
        if (para) para.pieces.push('');
        return;
      case 'noBreakHyphen':
        if (para) para.pieces[para.pieces.length - 1] += '-';
        return;
      case 'pStyle':
        if (para) para.style = attr(node, 'val');
        return;
      case 'outlineLvl':
        if (para) para.outline = Number(attr(node, 'val'));
        return;
      case 'pPr':
      case 'rPr':
      case 'tcPr':
      case 'trPr':
      case 'tblPr':
      case 'sectPr':
        inProperties++;
        return;
      case 'extent':
        if (para && Number(attr(node, 'cx')) >= IMAGE_MIN_CX && Number(attr(node, 'cy')) >= IMAGE_MIN_CY) para.drawing = true;
        return;
      case 'tbl':
        tables.push({ rows: [], nested: [], ...(lastText ? { caption: lastText } : {}) });
        return;
      case 'tr': {
        const table = tables.at(-1);
        if (table) table.row = { before: 0, after: 0, cells: [], header: false };
        return;
      }
      case 'gridBefore':
      case 'gridAfter': {
        const row = tables.at(-1)?.row;
        const n = Math.min(Math.max(Number.parseInt(attr(node, 'val') ?? '0', 10) || 0, 0), 1000);
        if (row && !tables.at(-1)!.cell) row[node.local === 'gridBefore' ? 'before' : 'after'] = n;
        return;
      }
      case 'tblHeader': {
        const row = tables.at(-1)?.row;
        const val = attr(node, 'val');
        if (row && val !== '0' && val !== 'false') row.header = true;
        return;
      }
      case 'tc': {
        const table = tables.at(-1);
        if (table) table.cell = { colspan: 1, texts: [], images: 0, nested: [] };
        return;
      }
      case 'gridSpan': {
        const cell = tables.at(-1)?.cell;
        if (cell) cell.colspan = Math.min(Math.max(Number.parseInt(attr(node, 'val') ?? '1', 10) || 1, 1), 1000);
        return;
      }
      case 'vMerge': {
        const cell = tables.at(-1)?.cell;
        if (cell) cell.vmerge = attr(node, 'val') === 'restart' ? 'restart' : 'continue';
        return;
      }
      default:
        return;
    }
  });

  parser.on('text', (text) => {
    if (inText && !skipDepth) {
      const para = paras.at(-1);
      if (para) para.pieces[para.pieces.length - 1] += text;
    }
  });

  parser.on('closetag', (node) => {
    if (skipDepth) {
      if (depth === skipDepth) skipDepth = 0;
      depth--;
      return;
    }
    depth--;
    switch (node.local) {
      case 't':
        inText = false;
        return;
      case 'pPr':
      case 'rPr':
      case 'tcPr':
      case 'trPr':
      case 'tblPr':
      case 'sectPr':
        inProperties--;
        return;
      case 'p': {
        const para = paras.pop();
        if (!para) return;
        const pieces = para.pieces.map(normaliseText).filter((p) => p !== '');
        const line = pieces.join(' ');
        lines[para.index] = line;
        if (para.cell) {
          if (para.drawing) para.cell.images++;
          if (line) {
            para.cell.texts.push(line);
            para.cell.firstPara ??= para.index;
            para.cell.lastPara = para.index;
          }
          return;
        }
        let at = 0;
        for (const value of pieces) {
          const place = { para: para.index, start: at, end: at + value.length };
          at += value.length + 1;
          if (FURNITURE_LINE.test(value)) continue;
          const styled = para.outline !== undefined && para.outline >= 0 && para.outline < 9 ? para.outline + 1 : para.style ? styles.get(para.style) : undefined;
          const depth = numberedDepth(value) ?? styled ?? null;
          emit(depth !== null ? { type: 'heading', depth, value, place } : { type: 'paragraph', value, place });
          lastText = value;
          if (TABLE_SECTION.test(value) && value.length <= 40) awaitingTable = true;
        }
        if (para.drawing && awaitingTable && pieces.length === 0) {
          emit({ type: 'table', rows: [], image: true, ...(lastText ? { caption: lastText } : {}), place: { para: para.index, start: 0, end: 0 } });
          awaitingTable = false;
        }
        return;
      }
      case 'tc': {
        const table = tables.at(-1);
        const cell = table?.cell;
        if (!table || !cell || !table.row) return;
        const value = normaliseText(cell.texts.join(' '));
        const pending: PendingCell = { value, colspan: cell.colspan, header: table.row.header };
        if (cell.vmerge) pending.vmerge = cell.vmerge;
        if (cell.images) pending.images = cell.images;
        if (cell.nested.length) pending.nested = cell.nested;
        if (cell.firstPara !== undefined) pending.place = { para: cell.firstPara, start: 0, end: lines[cell.lastPara!]!.length };
        table.row.cells.push(pending);
        table.cell = undefined;
        return;
      }
      case 'tr': {
        const table = tables.at(-1);
        if (table?.row) table.rows.push(table.row);
        if (table) table.row = undefined;
        return;
      }
      case 'tbl': {
        const table = tables.pop();
        if (!table) return;
        const block: Pending = { type: 'table', rows: table.rows };
        if (table.caption) block.caption = table.caption;
        // A picture in a table frame with no digits: the numbers are not machine-readable (as in HTML).
        const cells = table.rows.flatMap((r) => r.cells);
        if (cells.some((c) => c.images) && !cells.some((c) => /\d/.test(c.value))) block.image = true;
        tables.at(-1)?.cell?.nested.push(block);
        emit(block);
        // Tables inside cells (and text boxes in cells) come right after the table that holds them.
        for (const inner of table.nested) emit(inner);
        awaitingTable = false;
        return;
      }
      default:
        return;
    }
  });
  parser.write(xml).close();
  return { blocks, lines };
}

/** Expand pending rows (gridSpan, vMerge) into the rectangular grid of the report tree. */
export function buildGrid(rows: PendingRow[], position: (place?: Place) => CellNode['position'], indexOf: (table: Pending) => number = () => 0): RowNode[] {
  const slots: (CellNode | undefined)[][] = rows.map(() => []);
  // Pictures and nested tables are content even when the cells have no text.
  const rowHasContent = rows.map((row) => row.cells.some((c) => c.images || c.nested));
  rows.forEach((row, r) => {
    let c = row.before;
    for (const cell of row.cells) {
      const colspan = cell.colspan;
      if (cell.vmerge === 'continue' && r > 0) {
        // Extends the cell above at this grid column: its origin grows a row, this slot copies it.
        const above = slots[r - 1]![c];
        const originAt = above?.data.spanOf ?? (above ? [above.data.row, above.data.col] : undefined);
        const origin = originAt ? slots[originAt[0] - 1]![originAt[1] - 1] : undefined;
        if (origin && above) {
          const span = origin.data.colspan;
          origin.data.rowspan = r + 2 - origin.data.row;
          for (let j = 0; j < span; j++) {
            if (slots[r]![c + j]) continue;
            const copy: CellNode = { type: 'cell', value: origin.value, data: { row: r + 1, col: c + j + 1, rowspan: 1, colspan: 1, spanOf: [origin.data.row, origin.data.col] } };
            if (origin.position) copy.position = origin.position;
            if (origin.data.header) copy.data.header = true;
            slots[r]![c + j] = copy;
          }
          c += Math.max(span, colspan);
          continue;
        }
      }
      const origin: CellNode = { type: 'cell', value: cell.value, data: { row: r + 1, col: c + 1, rowspan: 1, colspan } };
      const pos = position(cell.place);
      if (pos) origin.position = pos;
      if (cell.header) origin.data.header = true;
      if (cell.nested) origin.data.nested = cell.nested.map(indexOf);
      slots[r]![c] = origin;
      for (let j = 1; j < colspan; j++) {
        const copy: CellNode = { type: 'cell', value: cell.value, data: { row: r + 1, col: c + j + 1, rowspan: 1, colspan: 1, spanOf: [r + 1, c + 1] } };
        if (pos) copy.position = pos;
        if (cell.header) copy.data.header = true;
        slots[r]![c + j] = copy;
      }
      c += colspan;
    }
  });
  // The first positioned cell of a row stands for the row (a Word row has no place of its own).
  const rowPosition = (r: number): CellNode['position'] => slots[r]!.find((cell) => cell?.position)?.position;
  return compactGrid(slots, (r) => rowHasContent[r]!, rowPosition).rows;
}

export type { BlockNode, TableNode };
