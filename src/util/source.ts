import type { BlockNode, CellNode, Position, Root, Source } from '../model.js';

/**
 * Line starts per text. One document is read at a time per thread, and the cache keeps the texts
 * alive, so it holds two: the current one and the one before (a batch must not retain large texts).
 */
const lineStartsCache = new Map<string, number[]>();
/** The text of the last lookup, as the caller's own string object. */
let last: { text: string; starts: number[] } | undefined;

function lineStarts(text: string): number[] {
  // Strings compare by content: a key that is another copy of the same text costs a full comparison on
  // every lookup (once per source of a 50 MB document). The same object compares by pointer, so the
  // caller's object replaces the cached one.
  if (last && last.text === text) {
    last.text = text;
    return last.starts;
  }
  let starts = lineStartsCache.get(text);
  if (starts) {
    lineStartsCache.delete(text);
  } else {
    starts = [0];
    // indexOf is native: a character loop here ran interpreted on a thread's first document.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    if (lineStartsCache.size >= 2) lineStartsCache.delete(lineStartsCache.keys().next().value!);
  }
  lineStartsCache.set(text, starts);
  last = { text, starts };
  return starts;
}

/** 1-based line and column of a 0-based offset in `text`. */
export function pointAt(text: string, offset: number): { line: number; column: number; offset: number } {
  const starts = lineStarts(text);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
}

/** A Position covering [start, end) of `text`. */
export function positionOf(text: string, start: number, end: number): Position {
  return { start: pointAt(text, start), end: pointAt(text, end) };
}

/**
 * The source of a node, or of character `index` inside its value when the node's value is a
 * verbatim slice of the document text (then the line and column are exact).
 */
export function sourceOf(tree: Root, node: BlockNode | CellNode, index = 0): Source {
  const source: Source = { file: tree.data.file };
  const start = node.position?.start;
  const text = tree.data.text;
  if (start && index > 0 && node.data?.verbatim && text && start.offset !== undefined) {
    Object.assign(source, pointAt(text, start.offset + index));
  } else if (start) {
    source.line = start.line;
    source.column = start.column;
    if (start.offset !== undefined) source.offset = start.offset;
  }
  if (node.data?.page !== undefined) source.page = node.data.page;
  return source;
}

/** The source of a table cell: its place in the text plus table index and grid row/column. */
export function cellSource(tree: Root, tableIndex: number, cell: CellNode): Source {
  // sourceOf returns a fresh object: extend it in place (same key order as a spread, no copy).
  const source = sourceOf(tree, cell);
  source.table = tableIndex;
  source.row = cell.data.row;
  source.col = cell.data.col;
  return source;
}

/** `file:line:column` (or `file p.N`) for messages. */
export function formatSource(source: Source): string {
  let out = source.file;
  if (source.page !== undefined) out += ` 第${source.page}页`;
  if (source.line !== undefined) out += `:${source.line}:${source.column ?? 1}`;
  if (source.table !== undefined) {
    out += ` 表${source.table}`;
    if (source.row !== undefined) out += ` 第${source.row}行第${source.col}列`;
  }
  return out;
}
