/**
 * PDF → report tree. Text comes from pdf.js in reading order (lines → paragraphs, headings),
 * tables are rebuilt from text positions plus ruling lines, and every node keeps its page and box.
 * Pages without a text layer are recorded as `file/not-machine-readable` problems.
 */
import type { BlockNode, CellNode, IngestProblem, Root, RootData, RowNode, TableNode } from '../../model.js';
import { positionOf } from '../../util/source.js';
import { TABLE_SECTION, loadPdf, type Box, type PageContent, type TextItem } from './load.js';
import { findAlignedTables } from './aligned.js';
import { DEFAULT_LIMITS, tooLarge } from '../../limits.js';
import { inflatedSize } from './streams.js';
import { absorbOverflow, joinCutRow, sameColumns } from './join.js';
import { findRuledTables, type PdfTable } from './tables.js';
import { boundingBox, continues, groupLines, headingDepth, isPageNumber, layoutMetrics, type Line } from './text.js';

export interface PdfOptions {
  file: string;
  /** Give up on a file after this many milliseconds (default 60 s). */
  timeoutMs?: number;
  /** Decompressed size of all Flate streams together (bytes); more is AuditError('too-large'). */
  maxPdfStreamBytes?: number;
}

/** Fewer visible characters than this on a page with an image: the page is a picture. */
const MIN_PAGE_CHARS = 20;

type Block =
  | { kind: 'line'; page: number; line: Line }
  | { kind: 'table'; page: number; table: PdfTable; origin: 'pdf-ruled' | 'pdf-aligned' }
  | { kind: 'image'; page: number; box: Box };

interface Piece {
  page: number;
  table: PdfTable;
}

/** `D:20240226080023+08'00'` → `2024-02-26` (the date as written, not moved to UTC). */
export function pdfDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01'] = m;
  const month = Number(mo), day = Number(d), year = Number(y);
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${y}-${mo}-${d}`;
}

/** A Title entry worth showing: has CJK text and is not a file name or a tool's default. */
function sensibleTitle(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const title = value.replace(/\s+/gu, ' ').trim();
  if (!/[\u4e00-\u9fff]/u.test(title)) return undefined;
  if (/\.(docx?|wps|pdf|xlsx?|html?)$/iu.test(title) || /^microsoft (word|excel)/iu.test(title)) return undefined;
  return title;
}

function visibleChars(page: PageContent): number {
  return page.items.reduce((n, item) => n + item.str.replace(/\s/gu, '').length, 0);
}

/** Running headers/footers: page numbers and lines repeated near the top or bottom of most pages. */
function runningLines(pages: PageContent[], linesByPage: Line[][]): Set<Line> {
  const out = new Set<Line>();
  type Placed = Line & { page: number };
  const originals = new Map<Placed, Line>();
  const edge = (page: PageContent, line: Line): boolean => line.box[1] > page.height * 0.9 || line.box[3] < page.height * 0.1;
  const repeated = new Map<string, Placed[]>();
  pages.forEach((page, p) => {
    for (const line of linesByPage[p]!) {
      if (!edge(page, line)) continue;
      if (isPageNumber(line.text)) out.add(line);
      else {
        const key = line.text.replace(/\d+/gu, '#');
        const placed = { ...line, page: page.number };
        originals.set(placed, line);
        repeated.set(key, [...(repeated.get(key) ?? []), placed]);
      }
    }
  });
  if (pages.length >= 2) {
    for (const lines of repeated.values()) {
      const onPages = new Set(lines.map((l) => l.page)).size;
      if (onPages >= Math.max(2, pages.length / 2)) for (const line of lines) out.add(originals.get(line)!);
    }
  }
  return out;
}

/** Same left and right edges: the next page's table is the same table continued. */
function sameFrame(a: PdfTable, b: PdfTable): boolean {
  return Math.abs(a.xs[0]! - b.xs[0]!) <= 3 && Math.abs(a.xs.at(-1)! - b.xs.at(-1)!) <= 3;
}

function rowTexts(table: PdfTable, row: number): string {
  return table.cells.filter((c) => c.row === row).map((c) => c.text).join('\u0001');
}

/** Number of leading rows of `next` that repeat the header of `first` (dropped when joining). */
function repeatedHeader(first: PdfTable, next: PdfTable): number {
  let skip = 0;
  while (skip < next.rows && skip < first.rows && rowTexts(next, skip) === rowTexts(first, skip) && rowTexts(first, skip).replace(/\u0001/gu, '') !== '') skip++;
  return skip;
}

/** A row cut by the page break: the rest of its cells, at the top of the next piece, goes back up. */
function joinCutRows(pieces: Piece[]): void {
  for (let p = 1; p < pieces.length; p++) {
    const joined = joinCutRow(pieces[p - 1]!.table, pieces[p]!.table, repeatedHeader(pieces[0]!.table, pieces[p]!.table));
    if (!joined) continue;
    pieces[p - 1]!.table = joined.prev;
    pieces[p]!.table = joined.next;
  }
}

/** Column boundaries shared by all pieces (a page may draw fewer columns than another). */
function unionColumns(pieces: Piece[]): number[] {
  const all = pieces.flatMap((p) => p.table.xs).sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of all) if (!out.length || x - out.at(-1)! > 3) out.push(x);
  return out;
}

const NUMERIC = /^[\d.,，%\s-]*$/u;

/** A grid of CellNodes from the table pieces (one per page); spans expanded as for HTML. */
function buildGrid(pieces: Piece[]): (CellNode | undefined)[][] {
  const grid: (CellNode | undefined)[][] = [];
  const xs = unionColumns(pieces);
  const cols = xs.length - 1;
  const colOf = (x: number): number => {
    let best = 0;
    xs.forEach((v, i) => { if (Math.abs(v - x) < Math.abs(xs[best]! - x)) best = i; });
    return best;
  };
  pieces.forEach((piece, p) => {
    const skip = p > 0 ? repeatedHeader(pieces[0]!.table, piece.table) : 0;
    const base = grid.length;
    for (let r = skip; r < piece.table.rows; r++) grid.push(Array.from({ length: cols }, () => undefined));
    for (const cell of piece.table.cells) {
      if (cell.row + cell.rowspan <= skip) continue;
      const row0 = Math.max(cell.row, skip) - skip + base;
      const rowspan = cell.row + cell.rowspan - Math.max(cell.row, skip);
      const col0 = colOf(piece.table.xs[cell.col]!);
      const colspan = Math.max(1, colOf(piece.table.xs[cell.col + cell.colspan]!) - col0);
      fill(grid, row0, col0, rowspan, colspan, cell.text, piece.page, cell.box);
    }
    // A merged label cut by the page break: the empty cell under it on the new page belongs to it.
    if (p > 0 && base > 0) {
      for (let c = 0; c < cols; c++) {
        const cell = grid[base]?.[c];
        const above = grid[base - 1]?.[c];
        if (!cell || !above || cell.value !== '' || cell.data.spanOf) continue;
        const origin = above.data.spanOf ? grid[above.data.spanOf[0] - 1]![above.data.spanOf[1] - 1]! : above;
        if (origin.value === '' || NUMERIC.test(origin.value) || origin.data.col !== c + 1 || origin.data.colspan !== cell.data.colspan) continue;
        const extra = cell.data.rowspan;
        for (let r = base; r < base + extra; r++) {
          for (let k = c; k < c + origin.data.colspan; k++) {
            const slot = grid[r]?.[k];
            if (slot) grid[r]![k] = { type: 'cell', value: origin.value, data: { ...slot.data, rowspan: 1, colspan: 1, spanOf: [origin.data.row, origin.data.col] } };
          }
        }
        origin.data.rowspan += extra;
      }
    }
  });
  return grid;
}

function fill(grid: (CellNode | undefined)[][], row0: number, col0: number, rowspan: number, colspan: number, text: string, page: number, box: Box): void {
  const origin: CellNode = { type: 'cell', value: text, data: { row: row0 + 1, col: col0 + 1, rowspan, colspan, page, box } };
  for (let r = row0; r < row0 + rowspan; r++) {
    for (let c = col0; c < col0 + colspan; c++) {
      const row = grid[r];
      if (!row || row[c]) continue;
      row[c] = r === row0 && c === col0
        ? origin
        : { type: 'cell', value: text, data: { row: r + 1, col: c + 1, rowspan: 1, colspan: 1, spanOf: [row0 + 1, col0 + 1], page, box } };
    }
  }
}

/** Reads a PDF. Throws AuditError('pdf-encrypted' | 'pdf-broken' | 'timeout') when it cannot be opened. */
export async function parsePdf(bytes: Uint8Array, options: PdfOptions): Promise<Root> {
  const { file } = options;
  const maxStreams = options.maxPdfStreamBytes ?? DEFAULT_LIMITS.maxPdfStreamBytes;
  if (inflatedSize(bytes, maxStreams) > maxStreams) throw tooLarge(file, 'maxPdfStreamBytes', `> ${maxStreams} bytes`, maxStreams);
  const loaded = await loadPdf(bytes, { file, timeoutMs: options.timeoutMs });
  const { pages, info } = loaded;
  const data: RootData = { file, format: 'pdf', pages: pages.length };
  const metadata: NonNullable<RootData['metadata']> = {};
  const title = sensibleTitle(info.Title);
  if (title) metadata.title = title;
  const createdOn = pdfDate(info.CreationDate);
  if (createdOn) metadata.createdOn = createdOn;
  const modifiedOn = pdfDate(info.ModDate);
  if (modifiedOn) metadata.modifiedOn = modifiedOn;
  if (Object.keys(metadata).length) data.metadata = metadata;
  const problems: IngestProblem[] = [];

  // Pages that are pictures: the whole file, or single pages of an otherwise readable file.
  const chars = pages.map(visibleChars);
  const readable = pages.filter((_, p) => chars[p]! >= MIN_PAGE_CHARS);
  if (readable.length === 0) {
    problems.push({
      ruleId: 'file/not-machine-readable',
      message: pages.length === 0
        ? 'PDF 没有页面，无法读取内容'
        : `PDF 没有可提取的文字层（共 ${pages.length} 页，可能是扫描件或图片），无法核查内容；请发布可复制文字的版本`,
      source: { file, page: 1 },
    });
    data.problems = problems;
    data.text = '';
    return { type: 'root', children: [], data };
  }

  // Lines of every page; running headers, footers and page numbers go before tables are built,
  // because a footer can lie inside a table's frame.
  const allLines = pages.map((page) => groupLines(page.items, page.items.map((_, i) => i)));
  const running = runningLines(pages, allLines);
  const blocks: Block[] = [];
  const bodyLines: Line[] = [];
  const pageItems: TextItem[][] = [];
  pages.forEach((page, p) => {
    const dropped = new Set<number>();
    for (const line of allLines[p]!) if (running.has(line)) for (const i of line.items) dropped.add(i);
    const items = page.items.map((item, i) => (dropped.has(i) ? { ...item, str: '' } : item));
    pageItems[p] = items;
    const { tables, used } = findRuledTables(items, page.rulings);
    const rest = items.map((_, i) => i).filter((i) => !used.has(i) && items[i]!.str !== '');
    const lines = groupLines(items, rest);
    const aligned = findAlignedTables(items, lines);
    // Pictures big enough to be a table (not logos or seals, not a scan of the whole page): inside an
    // empty frame they make it an image table; on their own they may be a table pasted as a picture.
    const pictures = page.images.filter((b) => b[2] - b[0] >= page.width * 0.25 && b[3] - b[1] >= 40 && (b[2] - b[0]) * (b[3] - b[1]) < page.width * page.height * 0.8);
    const loose = pictures.filter((picture) => {
      const [cx, cy] = [(picture[0] + picture[2]) / 2, (picture[1] + picture[3]) / 2];
      const frame = tables.find((t) => cx >= t.box[0] && cx <= t.box[2] && cy >= t.box[1] && cy <= t.box[3]);
      if (frame && frame.cells.every((c) => c.text === '')) frame.image = true;
      return !frame;
    });
    const pageBlocks: Block[] = [
      ...tables.map((table) => ({ kind: 'table' as const, page: page.number, table, origin: 'pdf-ruled' as const })),
      ...aligned.tables.map((table) => ({ kind: 'table' as const, page: page.number, table, origin: 'pdf-aligned' as const })),
      ...aligned.lines.map((line) => ({ kind: 'line' as const, page: page.number, line })),
      ...loose.map((box) => ({ kind: 'image' as const, page: page.number, box })),
    ];
    const top = (b: Block): number => (b.kind === 'line' ? b.line.box[3] : b.kind === 'image' ? b.box[3] : b.table.box[3]);
    pageBlocks.sort((a, b) => top(b) - top(a));
    blocks.push(...pageBlocks);
    bodyLines.push(...aligned.lines);
  });
  const metrics = layoutMetrics(bodyLines);

  // Blocks → tree nodes, building the extracted text as we go (one node per line of text,
  // one table row per line, cells separated by tabs) so every value is a slice of it.
  let text = '';
  const children: BlockNode[] = [];
  const place = (value: string): { start: number; end: number } => {
    if (text) text += '\n';
    const start = text.length;
    text += value;
    return { start, end: text.length };
  };
  let tableIndex = 0;
  // A table section's heading was seen and no table has followed it yet (as for HTML).
  let awaitingTable = false;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind === 'image') {
      // A picture where a statistical table should be: an image table (its numbers cannot be read).
      if (awaitingTable) {
        const caption = [...children].reverse().find((n) => n.type !== 'table') as { value: string } | undefined;
        children.push({ type: 'table', children: [], data: { index: ++tableIndex, image: true, page: block.page, box: block.box, ...(caption ? { caption: caption.value } : {}) } });
        awaitingTable = false;
      }
      continue;
    }
    if (block.kind === 'table') {
      const pieces: Piece[] = [{ page: block.page, table: block.table }];
      // A table running onto the next page: the next block is a table on the next page with the same
      // columns, maybe after lines that spilled out of a row cut by the page break.
      while (i + 1 < blocks.length) {
        const last = pieces.at(-1)!;
        let j = i + 1;
        const spilled: { box: Box; size: number; items: TextItem[] }[] = [];
        for (let b = blocks[j]; b?.kind === 'line' && b.page === last.page; b = blocks[++j]) {
          spilled.push({ box: b.line.box, size: b.line.size, items: b.line.items.map((k) => pageItems[b!.page - 1]![k]!) });
        }
        const next = blocks[j];
        if (!next || next.kind !== 'table' || next.page !== last.page + 1 || !sameFrame(last.table, next.table)) break;
        if (spilled.length) {
          const table = sameColumns(last.table, next.table) ? absorbOverflow(last.table, spilled) : null;
          if (!table) break;
          last.table = table;
        }
        pieces.push({ page: next.page, table: next.table });
        i = j;
      }
      joinCutRows(pieces);
      const grid = buildGrid(pieces);
      const rows: RowNode[] = [];
      for (const slots of grid) {
        const cells = slots.map((cell, c) => cell ?? { type: 'cell' as const, value: '', data: { row: rows.length + 1, col: c + 1, rowspan: 1, colspan: 1 } });
        // The row's line of text holds the origin cells; copies point at their origin.
        let line = '';
        const starts: number[] = [];
        for (const cell of cells) {
          if (cell.data.spanOf) continue;
          if (line) line += '\t';
          starts.push(line.length);
          line += cell.value;
        }
        const span = place(line);
        let k = 0;
        for (const cell of cells) {
          if (cell.data.spanOf) continue;
          const start = span.start + starts[k++]!;
          cell.position = positionOf(text, start, start + cell.value.length);
          cell.data.verbatim = true;
        }
        for (const cell of cells) {
          if (!cell.data.spanOf) continue;
          const origin = grid[cell.data.spanOf[0] - 1]?.[cell.data.spanOf[1] - 1];
          if (origin?.position) cell.position = origin.position;
          cell.data.verbatim = true;
        }
        const page = cells.find((c) => c.data.page !== undefined)?.data.page;
        rows.push({ type: 'row', children: cells, position: positionOf(text, span.start, span.end), data: page !== undefined ? { page } : {} });
      }
      const first = pieces[0]!;
      const caption = [...children].reverse().find((n) => n.type !== 'table') as { value: string } | undefined;
      const node: TableNode = {
        type: 'table',
        children: rows,
        data: {
          index: ++tableIndex,
          origin: block.origin,
          page: first.page,
          box: first.table.box,
          ...(caption ? { caption: caption.value } : {}),
          ...(pieces.length > 1 ? { pages: pieces.map((p) => p.page) } : {}),
          ...(pieces.some((p) => p.table.image) ? { image: true } : {}),
        },
      };
      if (rows.length) {
        node.position = { start: rows[0]!.position!.start, end: rows.at(-1)!.position!.end };
        children.push(node);
        awaitingTable = false;
      }
      continue;
    }
    // A paragraph: this line plus every following line that continues it (also across a page break).
    const lines: Line[] = [block.line];
    const firstPage = block.page;
    const onFirstPage: Line[] = [block.line];
    while (i + 1 < blocks.length) {
      const next = blocks[i + 1]!;
      if (next.kind !== 'line' || !continues(lines.at(-1)!, next.line, metrics)) break;
      lines.push(next.line);
      if (next.page === firstPage) onFirstPage.push(next.line);
      i++;
    }
    let value = '';
    for (const line of lines) value += value && /[A-Za-z0-9]$/u.test(value) && /^[A-Za-z0-9]/u.test(line.text) ? ' ' + line.text : line.text;
    const span = place(value);
    const position = positionOf(text, span.start, span.end);
    const box: Box = boundingBox(onFirstPage.map((l) => l.box));
    const nodeData = { page: firstPage, box, verbatim: true };
    const depth = headingDepth(value);
    children.push(depth ? { type: 'heading', depth, value, position, data: nodeData } : { type: 'paragraph', value, position, data: nodeData });
    if (value.length <= 40 && TABLE_SECTION.test(value)) awaitingTable = true;
  }
  // Pages that are pictures; a page whose picture stands where a table should be is reported by
  // the table rules (an image table), not twice.
  const imageTablePages = new Set(children.filter((n): n is TableNode => n.type === 'table' && n.data.image === true).map((n) => n.data.page));
  pages.forEach((page, p) => {
    if (chars[p]! < MIN_PAGE_CHARS && page.imageArea > page.width * page.height * 0.2 && !imageTablePages.has(page.number)) {
      problems.push({
        ruleId: 'file/not-machine-readable',
        message: `第 ${page.number} 页是图片，没有可提取的文字，该页内容（如表格）无法核查`,
        source: { file, page: page.number },
      });
    }
  });
  data.text = text;
  if (problems.length) data.problems = problems;
  const root: Root = { type: 'root', children, data };
  if (text) root.position = positionOf(text, 0, text.length);
  return root;
}
