/**
 * Table 二 → facts. Blocks are found by their caption (第二十条第（X）项) or by their row labels;
 * values are named by the header cell above them, falling back to header order when a site's
 * colspans do not line up (2019 Shanghai uses a 5-column grid for 3-column blocks).
 */
import type { CellNode, Facts, Root, TableNode } from '../../model.js';
import { isDataLike } from './cells.js';
import { gridOf, isCopy, textAt, type Grid } from './grid.js';
import { bestScore, normaliseLabel } from './labels.js';
import { factOf, type TableExtraction, type TablePart } from './match-common.js';
import { TEMPLATES, t2Key, type T2Block, type TableTemplates } from '../../templates/index.js';

const VERSIONS = ['2021', '2019'] as const;

function findRow(text: string, templates: TableTemplates): { block: T2Block; key: string; score: number } | null {
  let found: { block: T2Block; key: string; score: number } | null = null;
  for (const block of templates.t2.blocks) {
    for (const row of block.rows) {
      const score = bestScore(text, row.label, row.aliases);
      if (score >= 0.85 && (!found || score > found.score)) found = { block, key: row.key, score };
    }
  }
  return found;
}

function findColumn(text: string, block: T2Block): { key: string; score: number } | null {
  let found: { key: string; score: number } | null = null;
  for (const col of block.columns) {
    const score = bestScore(text, col.label, col.aliases);
    if (score >= 0.8 && (!found || score > found.score)) found = { key: col.key, score };
  }
  return found;
}

/** Which template this table 二 follows: count header/row labels that only one version has. */
function chooseVersion(grid: Grid): '2021' | '2019' {
  const score = { '2021': 0, '2019': 0 };
  const texts = new Set(grid.flatMap((row) => row.map((cell) => textAt(grid, cell))).filter(Boolean));
  for (const v of VERSIONS) {
    for (const block of TEMPLATES[v].t2.blocks) {
      for (const item of [...block.columns, ...block.rows]) {
        for (const text of texts) if (bestScore(text, item.label) >= 0.95) score[v]++;
      }
    }
  }
  return score['2019'] > score['2021'] ? '2019' : '2021';
}

interface HeaderCell {
  start: number;
  end: number;
  text: string;
}

/** Distinct origin cells of a row from column `from` on. */
function origins(row: CellNode[], from: number): { cell: CellNode; start: number; end: number }[] {
  const out: { cell: CellNode; start: number; end: number }[] = [];
  for (let c = from; c < row.length; c++) {
    const cell = row[c]!;
    if (isCopy(cell) && cell.data.spanOf![0] === cell.data.row) {
      const last = out[out.length - 1];
      if (last) last.end = c;
      continue;
    }
    out.push({ cell, start: c, end: c });
  }
  return out;
}

export function t2Signal(table: TableNode): number {
  const all = normaliseLabel(table.children.map((row) => row.children.map((c) => c.value).join('|')).join('|'));
  let n = 0;
  for (const word of ['第二十条', '信息内容', '规章', '规范性文件', '行政许可', '行政处罚', '行政强制', '行政事业性收费', '本年制发件数', '本年新制作数量']) {
    if (all.includes(word)) n++;
  }
  return n;
}

export function matchT2(tree: Root, part: TablePart): TableExtraction | null {
  const grid = gridOf(part.table);
  const version = chooseVersion(grid);
  const templates = TEMPLATES[version];
  const facts: Facts = {};
  const notes: string[] = [];
  let header: HeaderCell[] = [];
  let lowConfidence = false;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r]!;
    const cells = origins(row, 0);
    const texts = cells.map((o) => textAt(grid, o.cell));
    if (cells.length === 1 || /^第二十条/u.test(normaliseLabel(texts[0] ?? ''))) {
      if (/第二十条/u.test(normaliseLabel(texts.join('')))) header = [];
      continue;
    }
    const first = texts[0] ?? '';
    const rowMatch = first ? findRow(first, templates) : null;
    if (!rowMatch) {
      // A header row: 信息内容 + column labels, no data.
      if (texts.slice(1).some((t) => t && !isDataLike(t))) {
        header = cells.slice(1).map((o, i) => ({ start: o.start, end: o.end, text: texts[i + 1]! })).filter((h) => h.text);
      }
      continue;
    }
    const { block, key: rowKey } = rowMatch;
    const values = cells.slice(1).filter((o) => !(isCopy(o.cell) && o.cell.data.spanOf![0] !== o.cell.data.row));
    const named = header.map((h) => findColumn(h.text, block)?.key ?? null);
    const assigned = new Map<string, CellNode>();
    // By position: the header cell whose columns cover the value's first column.
    let ok = values.length > 0;
    for (const v of values) {
      const h = header.findIndex((hc) => hc.start <= v.start && v.start <= hc.end);
      const key = h >= 0 ? named[h] : null;
      if (!key || assigned.has(key)) {
        ok = false;
        break;
      }
      assigned.set(key, v.cell);
    }
    if (!ok) {
      assigned.clear();
      const nonEmpty = values.filter((v) => textAt(grid, v.cell) !== '' || values.length === block.columns.length);
      if (header.length && nonEmpty.length === header.length && named.every(Boolean)) {
        nonEmpty.forEach((v, i) => assigned.set(named[i]!, v.cell));
        notes.push(`${rowKey}: 表头与数据列未对齐，按表头顺序读取`);
      } else if (nonEmpty.length === block.columns.length) {
        nonEmpty.forEach((v, i) => assigned.set(block.columns[i]!.key, v.cell));
        notes.push(`${rowKey}: 未识别到表头，按模板列顺序读取（可信度较低）`);
        lowConfidence = true;
      }
    }
    for (const [col, cell] of assigned) facts[t2Key(rowKey, col)] = factOf(tree, part.table, cell);
  }
  const keys = Object.keys(facts);
  if (!keys.length) return null;
  const expected = templates.t2.blocks.flatMap((b) => b.rows.flatMap((row) => b.columns.map((c) => t2Key(row.key, c.key))));
  const missing = expected.filter((k) => !(k in facts));
  let confidence = keys.length / expected.length;
  if (lowConfidence) confidence *= 0.8;
  return {
    id: 't2',
    facts,
    match: {
      id: 't2',
      template: version,
      nodeIndex: part.nodeIndex,
      tableIndex: part.table.data.index,
      keys,
      missing,
      confidence: Math.round(confidence * 100) / 100,
      ...(notes.length ? { notes } : {}),
    },
  };
}
