/**
 * Tables without rulings: consecutive lines whose text falls into the same columns (wide gaps
 * at the same x positions on every line) become a grid (`origin: 'pdf-aligned'`).
 */
import type { Box, TextItem } from './load.js';
import type { PdfCell, PdfTable } from './tables.js';
import { boundingBox, joinFragments, type Line } from './text.js';

interface Segment {
  x0: number;
  x1: number;
  items: TextItem[];
}

/** A line cut where the gap between items is wider than a column gap. */
function segments(items: TextItem[], line: Line): Segment[] {
  const out: Segment[] = [];
  for (const index of line.items) {
    const item = items[index]!;
    const last = out.at(-1);
    if (last && item.box[0] - last.x1 < Math.max(item.size * 1.5, 8)) {
      last.x1 = Math.max(last.x1, item.box[2]);
      last.items.push(item);
    } else out.push({ x0: item.box[0], x1: item.box[2], items: [item] });
  }
  return out;
}

/** Column intervals: the union of all segments' x ranges. */
function columns(rows: Segment[][]): [number, number][] {
  const spans = rows.flat().map((s) => [s.x0, s.x1] as [number, number]).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = out.at(-1);
    if (last && a <= last[1] + 2) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function findAlignedTables(items: TextItem[], lines: Line[]): { tables: PdfTable[]; lines: Line[] } {
  const cut = lines.map((line) => segments(items, line));
  const tables: PdfTable[] = [];
  const consumed = new Set<number>();
  let i = 0;
  while (i < lines.length) {
    if (cut[i]!.length < 3) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && cut[j]!.length >= 3 && lines[j - 1]!.box[1] - lines[j]!.box[3] < lines[j]!.size * 3) j++;
    const rows = cut.slice(i, j);
    const cols = columns(rows);
    // Every row must fit the columns (no row merging two columns) and most slots must be filled.
    const filled = rows.reduce((n, r) => n + r.length, 0);
    if (j - i >= 2 && cols.length >= 3 && rows.every((r) => r.length <= cols.length) && filled >= (j - i) * cols.length * 0.6) {
      const cells: PdfCell[] = [];
      rows.forEach((row, r) => {
        const line = lines[i + r]!;
        cols.forEach(([a, b], c) => {
          const inside = row.filter((s) => s.x0 >= a - 1 && s.x1 <= b + 1);
          cells.push({ row: r, col: c, rowspan: 1, colspan: 1, text: joinFragments(inside.flatMap((s) => s.items)), box: [a, line.box[1], b, line.box[3]] });
        });
      });
      const box: Box = boundingBox(lines.slice(i, j).map((l) => l.box));
      tables.push({ box, rows: j - i, cols: cols.length, cells, xs: [...cols.map((c) => c[0]), cols.at(-1)![1]] });
      for (let k = i; k < j; k++) consumed.add(k);
    }
    i = j;
  }
  return { tables, lines: lines.filter((_, k) => !consumed.has(k)) };
}
