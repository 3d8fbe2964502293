/**
 * Table 四 → facts. Each data cell is named by the header texts above it and the label texts to
 * its left (so both the usual layout and a transposed one work); no header → 15 cells in template order.
 */
import type { Facts, Root, TableNode } from '../../model.js';
import { isDataLike } from './cells.js';
import { columnTexts, dataCount, gridOf, isCopy, rowTexts, textAt } from './grid.js';
import { labelScore, normaliseLabel } from './labels.js';
import { factOf, type TableExtraction, type TablePart } from './match-common.js';
import { TEMPLATES, t4Key } from '../../templates/index.js';

const T4 = TEMPLATES['2021'].t4;
const BLOCK_ORDER = T4.blocks.map((b) => b.key);
const COL_ORDER = T4.columns.map((c) => c.key);

function best<T extends { key: string; label: string }>(texts: string[], items: readonly T[]): string | null {
  let found: { key: string; score: number } | null = null;
  for (const text of texts) {
    for (const item of items) {
      const score = labelScore(text, item.label);
      if (score >= 0.85 && (!found || score > found.score)) found = { key: item.key, score };
    }
  }
  return found?.key ?? null;
}

/** Column labels of table 四 as they may be printed (其它 for 其他, 合计 for 总计). */
const COLUMN_WORDS: { key: string; words: string[] }[] = [
  { key: 'upheld', words: ['结果维持'] },
  { key: 'corrected', words: ['结果纠正'] },
  { key: 'other', words: ['其他结果', '其它结果'] },
  { key: 'pending', words: ['尚未审结'] },
  { key: 'total', words: ['总计', '合计'] },
];

/** Header text without what is not a word of it: spaces (also zero-width), units （件）, 单位：件, marks. */
function headerWords(text: string): string {
  return normaliseLabel(text)
    .replace(/[\u200b-\u200d\u2060\ufeff]/gu, '')
    .replace(/\((?:单位[:：]?)?件\)|单位[:：]?件/gu, '')
    .replace(/[*※①②③④⑤、，,;；:：。.|/\\]/gu, '');
}

/**
 * `text` cut into table 四 column labels, in order, or null when something else is left over:
 * `结果纠正其他结果` → corrected, other. Words only, so a header split or merged across cells still reads.
 */
export function columnSequence(text: string): string[] | null {
  const words = headerWords(text);
  const out: string[] = [];
  let at = 0;
  while (at < words.length) {
    const hit = COLUMN_WORDS.find((c) => c.words.some((w) => words.startsWith(w, at)));
    if (!hit) return null;
    at += hit.words.find((w) => words.startsWith(w, at))!.length;
    out.push(hit.key);
  }
  return out;
}

/**
 * Header cells that do not line up with the data (`结果 纠正其他 | 结果尚未 审结`, one merged cell for a
 * whole block): the header row's texts over the data columns, joined left to right, are cut into column
 * labels; when there are exactly as many as data cells, the k-th label names the k-th data cell. The
 * block of each cell comes from the header rows above (or template order for 15 cells). Fills only keys
 * not read already. Returns whether it read anything.
 */
function readBySequence(tree: Root, part: TablePart, grid: ReturnType<typeof gridOf>, facts: Facts, around: string[]): boolean {
  let added = false;
  for (let r = 0; r < grid.length; r++) {
    if (dataCount(grid, r) < 3) continue;
    const row = grid[r]!;
    let first = 0;
    while (first < row.length && !isDataLike(row[first]!.value) && row[first]!.value.trim() !== '') first++;
    const data = [];
    for (let c = first; c < row.length; c++) if (!isCopy(row[c]!)) data.push(c);
    while (data.length > 15 && row[data[data.length - 1]!]!.value.trim() === '') data.pop();
    // The nearest row above whose texts over the data columns are all column labels.
    for (let h = r - 1; h >= 0; h--) {
      const texts: string[] = [];
      let last: unknown = null;
      for (const c of data) {
        const cell = grid[h]?.[c];
        if (!cell) continue;
        const origin = cell.data.spanOf ? grid[cell.data.spanOf[0] - 1]?.[cell.data.spanOf[1] - 1] : cell;
        if (origin === last) continue;
        last = origin;
        texts.push(textAt(grid, cell));
      }
      const sequence = columnSequence(texts.join(''));
      if (!sequence || sequence.length === 0) continue;
      if (sequence.length !== data.length) break;
      data.forEach((c, j) => {
        const context = [...columnTexts(grid, c, h), ...rowTexts(grid, r, (k) => k < first), ...around];
        const block = best(context, T4.blocks) ?? (data.length === 15 ? BLOCK_ORDER[Math.floor(j / 5)]! : null);
        if (!block) return;
        const key = t4Key(block, sequence[j]!);
        if (key in facts) return;
        facts[key] = factOf(tree, part.table, row[c]!);
        added = true;
      });
      break;
    }
  }
  return added;
}

/** How much a table looks like table 四 (block and column labels, or their split halves). */
export function t4Signal(table: TableNode): number {
  const grid = gridOf(table);
  const all = normaliseLabel(grid.map((row) => row.map((c) => c.value).join('|')).join('|'));
  let n = 0;
  for (const word of ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果维持', '结果纠正', '尚未审结']) if (all.includes(word)) n += 2;
  for (const word of ['维持', '纠正', '审结']) if (all.includes(word)) n++;
  return n;
}

/** Row texts left of a cell that can name it: a real table 四 row has one to three; a hostile one is bounded. */
const MAX_LEFT_TEXTS = 32;

/**
 * `around`: texts that name the whole table from outside, e.g. the header of the outer cell a
 * nested table sits in (行政复议 over a table of 结果维持 … 总计).
 */
export function matchT4(tree: Root, part: TablePart, around: string[] = []): TableExtraction | null {
  const grid = gridOf(part.table);
  const facts: Facts = {};
  const notes: string[] = [];
  let lowConfidence = false;
  for (let r = 0; r < grid.length; r++) {
    if (dataCount(grid, r) < 3) continue;
    const row = grid[r]!;
    // The row's distinct texts left of the cell (rowTexts(grid, r, k < c)), grown as c moves right:
    // one pass over the row, not one per cell (a 50,000-cell row was quadratic).
    const left: string[] = [];
    let named = 0;
    for (let c = 0; c < row.length; c++) {
      if (c > 0) {
        const text = textAt(grid, row[c - 1]);
        if (text && left.length < MAX_LEFT_TEXTS && !isDataLike(text) && left[left.length - 1] !== text) left.push(text);
      }
      const cell = row[c]!;
      if (isCopy(cell) || !(isDataLike(cell.value) || cell.value.trim() === '')) continue;
      const context = [...columnTexts(grid, c, r), ...left, ...around];
      const block = best(context, T4.blocks);
      const col = best(context, T4.columns);
      if (!block || !col) continue;
      const key = t4Key(block, col);
      if (key in facts) continue;
      facts[key] = factOf(tree, part.table, cell);
      named++;
    }
    if (named === 0) {
      // No usable header: exactly 15 cells after the labels → template order.
      let i = 0;
      while (i < row.length && !isDataLike(row[i]!.value) && row[i]!.value.trim() !== '') i++;
      const data = row.slice(i).filter((cell) => !isCopy(cell));
      while (data.length > 15 && data[data.length - 1]!.value.trim() === '') data.pop();
      if (data.length === 15 && !Object.keys(facts).length) {
        data.forEach((cell, j) => {
          facts[t4Key(BLOCK_ORDER[Math.floor(j / 5)]!, COL_ORDER[j % 5]!)] = factOf(tree, part.table, cell);
        });
        lowConfidence = true;
        notes.push('未识别到列标题，按模板顺序读取 15 个单元格（可信度较低）');
      }
    }
  }
  if (Object.keys(facts).length < BLOCK_ORDER.length * COL_ORDER.length) {
    if (readBySequence(tree, part, grid, facts, around)) notes.push('表头单元格与数据列未对齐（表头文字跨格或合并），按表头文字顺序读取');
  }
  const keys = Object.keys(facts);
  if (!keys.length) return null;
  const expected = BLOCK_ORDER.flatMap((b) => COL_ORDER.map((c) => t4Key(b, c)));
  const missing = expected.filter((k) => !(k in facts));
  let confidence = keys.length / expected.length;
  if (lowConfidence) confidence *= 0.8;
  void textAt;
  return {
    id: 't4',
    facts,
    match: {
      id: 't4',
      template: '2021',
      nodeIndex: part.nodeIndex,
      tableIndex: part.table.data.index,
      keys,
      missing,
      confidence: Math.round(confidence * 100) / 100,
      ...(notes.length ? { notes } : {}),
    },
  };
}
