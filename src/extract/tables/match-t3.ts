/**
 * Table 三 → facts by row label × column header. Works over one table or a run of consecutive
 * tables (a table split into parts, a garbled conversion with label-less rows).
 */
import type { CellNode, Facts, Root, TableNode } from '../../model.js';
import { isDataLike, readCell } from './cells.js';
import { columnTexts, dataCount, gridOf, textAt, type Grid } from './grid.js';
import { bestScore, labelScore, normaliseLabel, uniqueLabel, variantLabel } from './labels.js';
import { factOf, round2, type TableExtraction, type TablePart } from './match-common.js';
import { TEMPLATES, t3Key, type TableTemplates } from '../../templates/index.js';
import { TextMemo } from '../../util/text-memo.js';

const COLUMN_KEYS = TEMPLATES['2021'].t3.columns.map((c) => c.key);
const SUBTOTAL = 'subtotal';

interface LogicalRow {
  labels: string[];
  cells: (CellNode | undefined)[]; // in template column order
  subtotal?: CellNode;
  part: TablePart;
  byHeader: boolean;
}

/** Column index → template column key (or 小计), read from the header rows above `end`. */
function headerColumns(grid: Grid, end: number, templates: TableTemplates): Map<number, string> {
  const map = new Map<number, string>();
  const width = grid[0]?.length ?? 0;
  const taken = new Set<string>();
  for (let c = 0; c < width; c++) {
    for (const text of columnTexts(grid, c, end)) {
      if (/小计/u.test(normaliseLabel(text))) {
        map.set(c, SUBTOTAL);
        break;
      }
      let best = { key: '', score: 0 };
      for (const col of templates.t3.columns) {
        const score = bestScore(text, col.label, col.aliases);
        if (score > best.score) best = { key: col.key, score };
      }
      if (best.score >= 0.85) {
        if (!taken.has(best.key)) {
          map.set(c, best.key);
          taken.add(best.key);
        }
        break;
      }
    }
  }
  return map;
}

const t3Labels = new TextMemo<boolean>();

/** Rows whose label matches a T3 row label (any template). Memoised: asked for every cell. */
function isT3Label(text: string): boolean {
  let found = t3Labels.get(text);
  if (found !== undefined) return found;
  found = false;
  for (const v of ['2021', '2019'] as const) {
    for (const row of TEMPLATES[v].t3.rows) if (bestScore(text, row.label, row.aliases) >= 0.85) found = true;
    if (found) break;
  }
  t3Labels.set(text, found);
  return found;
}

function firstDataRow(grid: Grid): number {
  for (let r = 0; r < grid.length; r++) {
    if (dataCount(grid, r) >= 3) return r;
    if (grid[r]!.some((cell) => isT3Label(textAt(grid, cell)))) return r;
  }
  return grid.length;
}

/** Logical rows of one table part; `inherit` is the column map of the previous part (same width). */
function rowsOf(part: TablePart, inherit: { width: number; map: Map<number, string> } | null): {
  rows: LogicalRow[];
  map: Map<number, string> | null;
  width: number;
} {
  const grid = gridOf(part.table);
  const width = grid[0]?.length ?? 0;
  const start = firstDataRow(grid);
  let map: Map<number, string> | null = headerColumns(grid, start, TEMPLATES['2021']);
  const mapped = [...map.values()].filter((k) => k !== SUBTOTAL).length;
  if (mapped < 5) map = inherit && inherit.width === width ? inherit.map : null;
  const rows: LogicalRow[] = [];
  for (let r = start; r < grid.length; r++) {
    const row = grid[r]!;
    if (map) {
      const firstData = Math.min(...map.keys());
      const labels: string[] = [];
      for (let c = 0; c < firstData; c++) {
        const text = textAt(grid, row[c]);
        if (text && !isDataLike(text) && labels[labels.length - 1] !== text) labels.push(text);
      }
      const cells: (CellNode | undefined)[] = COLUMN_KEYS.map(() => undefined);
      let subtotal: CellNode | undefined;
      for (const [c, key] of map) {
        if (key === SUBTOTAL) subtotal = row[c];
        else cells[COLUMN_KEYS.indexOf(key)] = row[c];
      }
      if (!labels.length && !cells.some((cell) => cell && isDataLike(cell.value))) continue;
      rows.push({ labels, cells, subtotal, part, byHeader: true });
    } else {
      // No usable header: leading text cells are labels, the rest data in template order.
      let i = 0;
      const labels: string[] = [];
      while (i < row.length && !isDataLike(textAt(grid, row[i])) && textAt(grid, row[i]) !== '') {
        const text = textAt(grid, row[i]);
        if (labels[labels.length - 1] !== text) labels.push(text);
        i++;
      }
      const data = row.slice(i);
      while (data.length > COLUMN_KEYS.length && textAt(grid, data[data.length - 1]) === '') data.pop();
      if (data.length !== COLUMN_KEYS.length || !data.some((cell) => isDataLike(cell.value))) continue;
      rows.push({ labels, cells: data, part, byHeader: false });
    }
  }
  return { rows, map, width };
}

interface Assignment {
  key: string;
  score: number;
  filled?: boolean;
  /** The printed label lost characters (`uniqueLabel`) or words (`variantLabel`). */
  damaged?: { printed: string; label: string; variant?: boolean };
}

/** Row label → template row, for one template; returns one assignment per logical row (or null). */
function assign(rows: LogicalRow[], templates: TableTemplates): (Assignment | null)[] {
  const tRows = templates.t3.rows;
  const groups = templates.t3.groups;
  const out: (Assignment | null)[] = rows.map((row) => {
    if (!row.labels.length) return null;
    const specific = row.labels[row.labels.length - 1]!;
    let best: Assignment | null = null;
    for (const t of tRows) {
      let score = bestScore(specific, t.label, t.aliases);
      if (score < 0.8) continue;
      // Group context breaks ties between same-numbered leaves.
      const group = groups.find((g) => g.key === t.group);
      if (group && row.labels.some((l) => labelScore(l, group.label) >= 0.85)) score += 0.01;
      if (!best || score > best.score) best = { key: t.key, score };
    }
    if (!best) {
      // A label with dropped characters: only when it names one row of this table and no other.
      const found = uniqueLabel(specific, tRows);
      if (found) best = { key: found.item.key, score: 0.8, damaged: { printed: specific, label: found.item.label } };
    }
    return best;
  });
  // One grid row per key: keep the best.
  const byKey = new Map<string, number>();
  out.forEach((a, i) => {
    if (!a) return;
    const prev = byKey.get(a.key);
    if (prev === undefined) byKey.set(a.key, i);
    else if (out[prev]!.score < a.score) {
      out[prev] = null;
      byKey.set(a.key, i);
    } else out[i] = null;
  });
  // Labels with words inserted, dropped or replaced (其他法律和行政法规…, …不再受理): each names one of the
  // rows still unread, within its group when the row carries a group label (（三）不予公开 …).
  out.forEach((a, i) => {
    const row = rows[i]!;
    if (a || !row.labels.length) return;
    const specific = row.labels[row.labels.length - 1]!;
    const group = groups.find((g) => row.labels.slice(0, -1).some((l) => labelScore(l, g.label) >= 0.85));
    const open = tRows.filter((t) => !byKey.has(t.key) && (!group || t.group === group.key));
    const found = variantLabel(specific, open);
    if (!found) return;
    out[i] = { key: found.item.key, score: 0.8, damaged: { printed: specific, label: found.item.label, variant: true } };
    byKey.set(found.item.key, i);
  });
  // Label-less rows between two matched rows: fill in template order only when the counts agree exactly.
  const order = tRows.map((t) => t.key);
  let lastIdx = -1;
  let pending: number[] = [];
  const flush = (nextIdx: number): void => {
    const gap = order.slice(lastIdx + 1, nextIdx).filter((k) => !byKey.has(k));
    if (pending.length && gap.length === pending.length) {
      pending.forEach((ri, j) => {
        out[ri] = { key: gap[j]!, score: 0.6, filled: true };
        byKey.set(gap[j]!, ri);
      });
    }
    pending = [];
  };
  rows.forEach((row, i) => {
    const a = out[i];
    if (a) {
      flush(order.indexOf(a.key));
      lastIdx = order.indexOf(a.key);
    } else if (!row.labels.length) pending.push(i);
    else pending = []; // an unreadable label breaks the chain
  });
  flush(order.length);
  return out;
}

/** Does this table look like table 三 (by labels)? Returns the number of T3 row labels found. */
export function t3Signal(table: TableNode): number {
  const grid = gridOf(table);
  let n = 0;
  const seen = new Set<string>();
  for (const row of grid) {
    for (const cell of row) {
      const text = textAt(grid, cell);
      if (!text || seen.has(text) || isDataLike(text)) continue;
      seen.add(text);
      if (isT3Label(text)) n++;
    }
  }
  return n;
}

/** Table 三 from one table or a run of consecutive parts. */
export function matchT3(tree: Root, parts: TablePart[]): TableExtraction | null {
  const rows: LogicalRow[] = [];
  let inherit: { width: number; map: Map<number, string> } | null = null;
  for (const part of parts) {
    const got = rowsOf(part, inherit);
    rows.push(...got.rows);
    if (got.map) inherit = { width: got.width, map: got.map };
  }
  if (!rows.length) return null;
  const candidates = (['2021', '2019'] as const).map((v) => {
    const a = assign(rows, TEMPLATES[v]);
    return { v, a, n: a.filter((x) => x && !x.filled).length, all: a.filter(Boolean).length };
  });
  candidates.sort((x, y) => y.n - x.n || y.all - x.all);
  const { v, a } = candidates[0]!;
  if (candidates[0]!.n === 0) return null;
  const templates = TEMPLATES[v];
  const facts: Facts = {};
  const notes: string[] = [];
  let filled = 0;
  let headerless = 0;
  rows.forEach((row, i) => {
    const as = a[i];
    if (!as) return;
    if (as.filled) filled++;
    if (as.damaged) {
      notes.push(`行标签「${as.damaged.printed}」与模板「${as.damaged.label}」不一致（${as.damaged.variant ? '措辞不同' : '缺字'}），按字符相似度读作该行`);
    }
    if (!row.byHeader) headerless++;
    COLUMN_KEYS.forEach((col, j) => {
      const cell = row.cells[j];
      if (!cell) return;
      facts[t3Key(as.key, col)] = factOf(tree, row.part.table, cell);
    });
    if (row.subtotal) {
      const orgs = row.cells.slice(1, 6).map((c) => readCell(c?.value ?? '').value ?? 0);
      const sub = readCell(row.subtotal.value).value;
      const sum = round2(orgs.reduce((x, y) => x + y, 0));
      if (sub !== null && sub !== sum) notes.push(`${as.key}: 法人或其他组织小计 ${sub} ≠ 五类组织之和 ${sum}`);
    }
  });
  // Labelled data rows that named no template row: the nearest candidates for the rows not read.
  const unmatched = rows
    .filter((row, i) => !a[i] && row.labels.length && row.cells.some((cell) => cell && isDataLike(cell.value)))
    .map((row) => {
      const cell = row.cells.find((c) => c && isDataLike(c.value))!;
      const { col: _col, ...source } = factOf(tree, row.part.table, cell).source;
      return { text: row.labels[row.labels.length - 1]!, source };
    });
  if (filled) notes.push(`${filled} 行无行标签，按模板顺序补位（可信度较低）`);
  if (headerless) notes.push(`${headerless} 行未识别到列标题，按模板列顺序读取（可信度较低）`);
  const keys = Object.keys(facts);
  const expected = templates.t3.rows.flatMap((r) => COLUMN_KEYS.map((c) => t3Key(r.key, c)));
  const missing = expected.filter((k) => !(k in facts));
  const matchedRows = a.filter(Boolean).length;
  let confidence = matchedRows / templates.t3.rows.length;
  if (filled || headerless) confidence *= 0.8;
  const first = parts[0]!;
  return {
    id: 't3',
    facts,
    match: {
      id: 't3',
      template: v,
      nodeIndex: first.nodeIndex,
      tableIndex: first.table.data.index,
      keys,
      missing,
      confidence: Math.round(confidence * 100) / 100,
      ...(notes.length ? { notes } : {}),
      ...(unmatched.length ? { unmatched } : {}),
    },
  };
}
