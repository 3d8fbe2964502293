/**
 * Ruled tables on one PDF page: ruling lines → a grid of cell boxes (merged cells where a ruling is
 * missing), then text items assigned to the cells.
 */
import type { Box, Ruling, TextItem } from './load.js';
import { joinFragments } from './text.js';

export interface PdfCell {
  /** 0-based origin row/column in the table grid. */
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  text: string;
  box: Box;
}

export interface PdfTable {
  box: Box;
  rows: number;
  cols: number;
  /** Origin cells only, row-major. */
  cells: PdfCell[];
  /** Column boundaries, left to right (cols + 1 values). */
  xs: number[];
  /** A picture is painted inside the (textless) frame: the table is an image. */
  image?: boolean;
}

const SNAP = 2.5;
/** Narrower than this, space beyond the outermost vertical ruling is an overshoot, not a column. */
const MIN_COLUMN = 6;

/** Merges collinear, touching segments (many PDFs draw one line per cell edge). */
function mergeLines(lines: Ruling[], horizontal: boolean): Ruling[] {
  const pos = (l: Ruling): number => (horizontal ? l.y0 : l.x0);
  const from = (l: Ruling): number => (horizontal ? l.x0 : l.y0);
  const to = (l: Ruling): number => (horizontal ? l.x1 : l.y1);
  const sorted = [...lines].sort((a, b) => pos(a) - pos(b) || from(a) - from(b));
  const groups: Ruling[][] = [];
  for (const line of sorted) {
    const group = groups.at(-1);
    if (group && Math.abs(pos(group[0]!) - pos(line)) <= 1.5) group.push(line);
    else groups.push([line]);
  }
  const out: Ruling[] = [];
  for (const group of groups) {
    const p = group.reduce((sum, l) => sum + pos(l), 0) / group.length;
    const spans = group.map((l) => [from(l), to(l)] as [number, number]).sort((a, b) => a[0] - b[0]);
    let [s, e] = spans[0]!;
    const flush = (): void => {
      out.push(horizontal ? { x0: s, y0: p, x1: e, y1: p } : { x0: p, y0: s, x1: p, y1: e });
    };
    for (const [a, b] of spans.slice(1)) {
      if (a <= e + SNAP) e = Math.max(e, b);
      else {
        flush();
        [s, e] = [a, b];
      }
    }
    flush();
  }
  return out;
}

/** Values closer than `tolerance` become one (their mean). Sorted ascending. */
function cluster(values: number[], tolerance: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out.at(-1);
    if (last && v - last.at(-1)! <= tolerance) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

class UnionFind {
  parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]!]!;
    return i;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

interface Frame {
  h: Ruling[];
  v: Ruling[];
}

/** Groups of horizontal and vertical lines that touch each other: one group per table. */
function frames(rulings: Ruling[]): Frame[] {
  const h = mergeLines(rulings.filter((r) => r.y0 === r.y1), true);
  const v = mergeLines(rulings.filter((r) => r.x0 === r.x1), false);
  const all = [...h, ...v];
  const uf = new UnionFind(all.length);
  for (let i = 0; i < h.length; i++) {
    for (let j = 0; j < v.length; j++) {
      const a = h[i]!;
      const b = v[j]!;
      if (b.x0 >= a.x0 - SNAP && b.x0 <= a.x1 + SNAP && a.y0 >= b.y0 - SNAP && a.y0 <= b.y1 + SNAP) uf.union(i, h.length + j);
    }
  }
  const groups = new Map<number, Frame>();
  all.forEach((line, i) => {
    const root = uf.find(i);
    let frame = groups.get(root);
    if (!frame) groups.set(root, (frame = { h: [], v: [] }));
    (i < h.length ? frame.h : frame.v).push(line);
  });
  const found = [...groups.values()].filter((f) => f.h.length >= 2 && f.v.length >= 2);
  // A column with no horizontal ruling at all (a merged label continued from the previous page,
  // whose top and bottom borders Chromium does not draw) leaves its outer vertical unconnected:
  // it belongs to the frame whose height it runs along, right beside it.
  for (const group of groups.values()) {
    if (group.h.length || group.v.length !== 1) continue;
    const line = group.v[0]!;
    for (const frame of found) {
      const top = Math.max(...frame.v.map((l) => l.y1));
      const bottom = Math.min(...frame.v.map((l) => l.y0));
      const left = Math.min(...frame.v.map((l) => l.x0));
      const right = Math.max(...frame.v.map((l) => l.x0));
      const inside = line.y0 >= bottom - SNAP && line.y1 <= top + SNAP && line.y1 - line.y0 >= (top - bottom) * 0.5;
      const gap = line.x0 < left ? left - line.x0 : line.x0 - right;
      if (inside && gap > SNAP && gap <= Math.max((right - left) * 0.3, 60)) {
        frame.v.push(line);
        break;
      }
    }
  }
  return found;
}

function covers(line: Ruling, horizontal: boolean, at: number, from: number, to: number): boolean {
  // The line must run along most of the cell edge, not just touch it.
  const lo = horizontal ? line.x0 : line.y0;
  const hi = horizontal ? line.x1 : line.y1;
  const overlap = Math.min(hi, to) - Math.max(lo, from);
  const pos = horizontal ? line.y0 : line.x0;
  return Math.abs(pos - at) <= SNAP && overlap >= (to - from) * 0.6;
}

function center(item: TextItem): [number, number] {
  return [(item.box[0] + item.box[2]) / 2, (item.box[1] + item.box[3]) / 2];
}

/** Splits a horizontal item at the given x positions, sharing its width equally among its characters. */
function splitAt(item: TextItem, cuts: number[]): TextItem[] {
  const chars = [...item.str];
  const [x0, y0, x1, y1] = item.box;
  const step = (x1 - x0) / chars.length;
  const parts: TextItem[] = [];
  let start = 0;
  for (const cut of [...cuts, Infinity]) {
    let end = start;
    while (end < chars.length && x0 + step * (end + 0.5) < cut) end++;
    if (end > start) {
      parts.push({ ...item, str: chars.slice(start, end).join(''), box: [x0 + step * start, y0, x0 + step * end, y1] });
    }
    start = end;
  }
  return parts;
}

/**
 * Ruled tables on a page. Returns the tables and the indices of the items they consumed
 * (the rest is running text).
 */
export function findRuledTables(items: TextItem[], rulings: Ruling[]): { tables: PdfTable[]; used: Set<number> } {
  const tables: PdfTable[] = [];
  const used = new Set<number>();
  for (const frame of frames(rulings)) {
    // A table cut by a page break often has no closing ruling: the verticals still mark its edge.
    const edges = [Math.min(...frame.v.map((l) => l.y0)), Math.max(...frame.v.map((l) => l.y1))];
    const ys = cluster([...frame.h.map((l) => l.y0), ...edges], SNAP).reverse(); // top first
    const xs = cluster(frame.v.map((l) => l.x0), SNAP);
    // The outer border of a last (or first) column may be missing (Chromium leaves out borders that
    // fall outside the printable area): the horizontals still reach that edge, and text is there.
    const reach = [Math.min(...frame.h.map((l) => l.x0)), Math.max(...frame.h.map((l) => l.x1))] as const;
    const textIn = (a: number, b: number): boolean => items.some((item) => {
      const [cx, cy] = center(item);
      return cx > a && cx < b && cy < ys[0]! && cy > ys.at(-1)!;
    });
    if (xs[0]! - reach[0] > MIN_COLUMN && textIn(reach[0], xs[0]!)) xs.unshift(reach[0]);
    if (reach[1] - xs.at(-1)! > MIN_COLUMN && textIn(xs.at(-1)!, reach[1])) xs.push(reach[1]);
    if (ys.length < 2 || xs.length < 2) continue;
    const rows = ys.length - 1;
    const cols = xs.length - 1;
    const id = (r: number, c: number): number => r * cols + c;
    const uf = new UnionFind(rows * cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const top = ys[r]!, bottom = ys[r + 1]!, left = xs[c]!, right = xs[c + 1]!;
        if (c + 1 < cols && !frame.v.some((l) => covers(l, false, right, bottom, top))) uf.union(id(r, c), id(r, c + 1));
        if (r + 1 < rows && !frame.h.some((l) => covers(l, true, bottom, left, right))) uf.union(id(r, c), id(r + 1, c));
      }
    }
    // Each group of slots becomes one cell spanning the group's bounding rows/columns.
    const spans = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const root = uf.find(id(r, c));
        const span = spans.get(root);
        if (!span) spans.set(root, { r0: r, r1: r, c0: c, c1: c });
        else {
          span.r0 = Math.min(span.r0, r); span.r1 = Math.max(span.r1, r);
          span.c0 = Math.min(span.c0, c); span.c1 = Math.max(span.c1, c);
        }
      }
    }
    const owner = new Map<number, number>(); // slot → root
    for (const [root, s] of spans) for (let r = s.r0; r <= s.r1; r++) for (let c = s.c0; c <= s.c1; c++) if (!owner.has(id(r, c))) owner.set(id(r, c), root);
    const box: Box = [xs[0]!, ys[rows]!, xs[cols]!, ys[0]!];
    const content = new Map<number, TextItem[]>();
    const slotAt = (x: number, y: number): number | undefined => {
      const c = xs.findIndex((v, i) => i < cols && x >= v && x < xs[i + 1]!);
      const r = ys.findIndex((v, i) => i < rows && y <= v && y > ys[i + 1]!);
      return r < 0 || c < 0 ? undefined : owner.get(id(r, c));
    };
    items.forEach((item, index) => {
      if (used.has(index)) return;
      const [cx, cy] = center(item);
      if (cx < box[0] - 1 || cx > box[2] + 1 || cy < box[1] - 1 || cy > box[3] + 1) return;
      used.add(index);
      // One text run may cross a column boundary; cut it at the rulings it crosses.
      const cuts = item.vertical ? [] : xs.filter((x) => x > item.box[0] + 2 && x < item.box[2] - 2
        && frame.v.some((l) => Math.abs(l.x0 - x) <= SNAP && l.y0 <= cy && l.y1 >= cy));
      for (const part of cuts.length ? splitAt(item, cuts) : [item]) {
        const [px, py] = center(part);
        const slot = slotAt(Math.min(Math.max(px, box[0]), box[2] - 0.01), Math.min(Math.max(py, box[1] + 0.01), box[3]));
        if (slot === undefined) continue;
        const list = content.get(slot) ?? [];
        list.push(part);
        content.set(slot, list);
      }
    });
    const cells: PdfCell[] = [...spans.entries()]
      .map(([root, s]) => ({
        row: s.r0,
        col: s.c0,
        rowspan: s.r1 - s.r0 + 1,
        colspan: s.c1 - s.c0 + 1,
        text: joinFragments(content.get(root) ?? []),
        box: [xs[s.c0]!, ys[s.r1 + 1]!, xs[s.c1 + 1]!, ys[s.r0]!] as Box,
      }))
      .sort((a, b) => a.row - b.row || a.col - b.col);
    tables.push(dropEmptySlivers({ box, rows, cols, cells, xs }));
  }
  tables.sort((a, b) => b.box[3] - a.box[3]);
  return { tables, used };
}

/** Rows thinner than a line of text with nothing in them come from doubled rulings: drop them. */
function dropEmptySlivers(table: PdfTable): PdfTable {
  const heights = new Map<number, number>();
  for (const cell of table.cells) if (cell.rowspan === 1) heights.set(cell.row, cell.box[3] - cell.box[1]);
  const drop = new Set<number>();
  for (let r = 0; r < table.rows; r++) {
    const h = heights.get(r);
    const inRow = table.cells.filter((c) => c.row <= r && c.row + c.rowspan > r);
    if (h !== undefined && h < 5 && inRow.every((c) => c.row !== r || c.text === '') && inRow.every((c) => c.rowspan === 1 || c.row !== r)) drop.add(r);
  }
  if (!drop.size) return table;
  const newIndex = (r: number): number => r - [...drop].filter((d) => d < r).length;
  const cells = table.cells
    .filter((c) => !(drop.has(c.row) && c.rowspan === 1))
    .map((c) => {
      let span = 0;
      for (let r = c.row; r < c.row + c.rowspan; r++) if (!drop.has(r)) span++;
      return { ...c, row: newIndex(c.row), rowspan: Math.max(1, span) };
    });
  return { ...table, rows: table.rows - drop.size, cells };
}
