/**
 * Plain text → report tree. Each line is a paragraph, except section headings, which are found
 * inside lines too (flattened scrapes put several on one line; crawler copies run whole sections
 * together). Every node's value is an exact slice of the decoded text (`data.verbatim`), so an index
 * into it maps back to a line and column. Crawler header lines (标题:/发布时间:/…) go to
 * `root.data.metadata`. Lines separated by tabs, `|` or wide spaces become tables.
 *
 * Linear in the size of the text: one pass over the lines, bounded look-ahead per heading marker.
 */
import type { BlockNode, CellNode, HeadingNode, ParagraphNode, Root, RootData, RowNode, TableNode } from '../../model.js';
import { positionOf } from '../../util/source.js';
import { findSubHeadings, findTopHeadings } from './headings.js';

export interface ParseOptions {
  file: string;
  encoding?: string;
}

type Metadata = NonNullable<RootData['metadata']>;

const HEADER_LINE = /^(标题|发布时间|发布日期|文号|发布机构|栏目|原文链接|本地目录|来源|索引号|主题分类|成文日期)\s*[:：]\s*(.*)$/;
const HEADER_NOTE = /^页面链接与图片详见/;
const BODY_SEPARATOR = /^=+\s*正文\s*=+\s*$/;

/** `2014-02-25 00:00`, `2014年2月25日` → `2014-02-25`. */
export function isoDate(text: string): string | null {
  const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Collects nodes for ranges of the text, with positions and verbatim values. */
export class BlockBuilder {
  readonly children: BlockNode[] = [];
  private tableCount = 0;
  constructor(readonly text: string) {}

  private trimmed(start: number, end: number, extra = ''): [number, number] | null {
    const text = this.text;
    const isSpace = (c: string): boolean => /\s|\u3000/.test(c) || extra.includes(c);
    while (start < end && isSpace(text[start]!)) start++;
    while (end > start && isSpace(text[end - 1]!)) end--;
    return start < end ? [start, end] : null;
  }

  paragraph(start: number, end: number): void {
    const range = this.trimmed(start, end, '*');
    if (!range) return;
    const node: ParagraphNode = {
      type: 'paragraph',
      value: this.text.slice(range[0], range[1]),
      position: positionOf(this.text, range[0], range[1]),
      data: { verbatim: true },
    };
    this.children.push(node);
  }

  heading(start: number, end: number, depth: number): void {
    const range = this.trimmed(start, end, '*');
    if (!range) return;
    const node: HeadingNode = {
      type: 'heading',
      depth,
      value: this.text.slice(range[0], range[1]),
      position: positionOf(this.text, range[0], range[1]),
      data: { verbatim: true },
    };
    this.children.push(node);
  }

  /**
   * A stretch of text (a line, or a Markdown paragraph spanning lines): section headings found
   * inside it become heading nodes, the text between them paragraphs; sub-headings （一）… are split
   * off in prose, never in digit runs (table rows run together are another reader's job).
   */
  stretch(start: number, end: number): void {
    const slice = this.text.slice(start, end);
    const hits = findTopHeadings(slice);
    let at = 0;
    for (const hit of hits) {
      this.prose(start + at, start + hit.start);
      this.heading(start + hit.start, start + hit.end, 1);
      at = hit.end;
    }
    this.prose(start + at, end);
  }

  private prose(start: number, end: number): void {
    if (end <= start) return;
    const piece = this.text.slice(start, end);
    let digits = 0;
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
    }
    if (digits > piece.length * 0.08) {
      this.paragraph(start, end);
      return;
    }
    let at = 0;
    for (const hit of findSubHeadings(piece)) {
      this.paragraph(start + at, start + hit.start);
      this.heading(start + hit.start, start + hit.end, 2);
      at = hit.end;
    }
    this.paragraph(start + at, end);
  }

  /** Rows of cells given as [start, end) ranges → a TableNode with a rectangular grid. */
  table(rows: { start: number; end: number; cells: [number, number][] }[], origin: 'text-separated' | 'gfm', header = false): void {
    const width = Math.max(...rows.map((r) => r.cells.length));
    const index = ++this.tableCount;
    const children: RowNode[] = rows.map((row, r) => {
      const cells: CellNode[] = [];
      for (let c = 0; c < width; c++) {
        const range = row.cells[c];
        const cell: CellNode = {
          type: 'cell',
          value: range ? this.text.slice(range[0], range[1]).replace(/\s+/g, ' ').trim() : '',
          data: { row: r + 1, col: c + 1, rowspan: 1, colspan: 1 },
        };
        if (range) {
          cell.position = positionOf(this.text, range[0], range[1]);
          cell.data.verbatim = cell.value === this.text.slice(range[0], range[1]);
        }
        if (header && r === 0) cell.data.header = true;
        cells.push(cell);
      }
      return { type: 'row', children: cells, position: positionOf(this.text, row.start, row.end) };
    });
    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    const node: TableNode = {
      type: 'table',
      children,
      position: positionOf(this.text, first.start, last.end),
      data: { index, origin },
    };
    this.children.push(node);
  }
}

/** Cells of a separated-text line: tab, `|` or 2+ spaces between at least three cells. */
function separatedCells(text: string, start: number, end: number): { kind: string; cells: [number, number][] } | null {
  const line = text.slice(start, end);
  let kind: string;
  let separator: RegExp;
  if (line.includes('\t')) [kind, separator] = ['tab', /\t+/g];
  else if ((line.match(/\|/g)?.length ?? 0) >= 2) [kind, separator] = ['pipe', /\|/g];
  else if (/\S[ \u3000]{2,}\S/.test(line)) [kind, separator] = ['space', /[ \u3000]{2,}/g];
  else return null;
  const cells: [number, number][] = [];
  let at = 0;
  const push = (s: number, e: number): void => {
    while (s < e && /\s|\u3000/.test(line[s]!)) s++;
    while (e > s && /\s|\u3000/.test(line[e - 1]!)) e--;
    cells.push([start + s, start + e]);
  };
  for (const m of line.matchAll(separator)) {
    push(at, m.index);
    at = m.index + m[0].length;
  }
  push(at, line.length);
  // A pipe table's outer bars leave empty first/last cells.
  if (kind === 'pipe') {
    if (cells.length && cells[0]![0] === cells[0]![1]) cells.shift();
    if (cells.length && cells[cells.length - 1]![0] === cells[cells.length - 1]![1]) cells.pop();
    // Markdown-like divider rows (|---|---|) carry no data.
    if (/^[\s|:\-]+$/.test(line)) return { kind, cells: [] };
  }
  const filled = cells.filter(([s, e]) => e > s).length;
  return filled >= 3 || (kind !== 'space' && cells.length >= 3) ? { kind, cells } : null;
}

/** Plain text → report tree. */
export function parseText(text: string, options: ParseOptions): Root {
  const builder = new BlockBuilder(text);
  const metadata: Metadata = {};
  const lines: [number, number][] = [];
  for (let start = text.charCodeAt(0) === 0xfeff ? 1 : 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const next = end + 1;
    if (end > start && text[end - 1] === '\r') end--;
    lines.push([start, end]);
    start = next;
  }

  // Crawler header: key: value lines at the top, up to the 正文 separator.
  let first = 0;
  while (first < lines.length && lines[first]![0] === lines[first]![1]) first++;
  if (first < lines.length && /^标题\s*[:：]/.test(text.slice(...lines[first]!))) {
    let i = first;
    for (; i < lines.length && i < first + 30; i++) {
      const line = text.slice(...lines[i]!);
      if (!line.trim()) continue;
      if (BODY_SEPARATOR.test(line)) { i++; break; }
      const m = HEADER_LINE.exec(line);
      if (m) {
        const value = m[2]!.trim();
        if (!value) continue;
        if (m[1] === '标题') metadata.title = value;
        else if (m[1] === '发布时间' || m[1] === '发布日期') metadata.publishedOn = isoDate(value) ?? undefined;
        else if (m[1] === '发布机构') metadata.agency = value;
        else if (m[1] === '原文链接') metadata.url = value;
        continue;
      }
      if (HEADER_NOTE.test(line)) continue;
      break;
    }
    first = i;
  } else {
    first = 0;
  }

  // Lines before this index belong to a run of separated lines already found not to be a table: every
  // line inside it would find the same run's tail, which is no table either (no number or one row).
  let notTableUntil = -1;
  for (let i = first; i < lines.length; i++) {
    const [start, end] = lines[i]!;
    if (end <= start || !text.slice(start, end).trim()) continue;
    // Separated-text tables: two or more consecutive lines split the same way into 3+ cells.
    const cells = i < notTableUntil ? null : separatedCells(text, start, end);
    if (cells) {
      const rows: { start: number; end: number; cells: [number, number][] }[] = [];
      let j = i;
      for (; j < lines.length; j++) {
        const [s, e] = lines[j]!;
        const row = separatedCells(text, s, e);
        if (!row || row.kind !== cells.kind) break;
        if (row.cells.length) rows.push({ start: s, end: e, cells: row.cells });
      }
      const hasNumber = rows.some((r) => r.cells.some(([s, e]) => /^[\d,，.．%０-９]+$/.test(text.slice(s, e))));
      if (rows.length >= 2 && hasNumber) {
        builder.table(rows, 'text-separated');
        i = j - 1;
        continue;
      }
      notTableUntil = j;
    }
    builder.stretch(start, end);
  }

  const data: RootData = { file: options.file, format: 'text', text };
  if (options.encoding) data.encoding = options.encoding;
  if (Object.keys(metadata).length) data.metadata = metadata;
  const root: Root = { type: 'root', children: builder.children, data };
  if (text.length) root.position = positionOf(text, 0, text.length);
  return root;
}
