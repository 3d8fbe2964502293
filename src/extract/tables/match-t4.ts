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

/** How much a table looks like table 四 (block and column labels, or their split halves). */
export function t4Signal(table: TableNode): number {
  const grid = gridOf(table);
  const all = normaliseLabel(grid.map((row) => row.map((c) => c.value).join('|')).join('|'));
  let n = 0;
  for (const word of ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉', '结果维持', '结果纠正', '尚未审结']) if (all.includes(word)) n += 2;
  for (const word of ['维持', '纠正', '审结']) if (all.includes(word)) n++;
  return n;
}

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
    const left = (c: number): string[] => rowTexts(grid, r, (k) => k < c);
    let named = 0;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c]!;
      if (isCopy(cell) || !(isDataLike(cell.value) || cell.value.trim() === '')) continue;
      const context = [...columnTexts(grid, c, r), ...left(c), ...around];
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
