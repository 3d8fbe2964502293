/**
 * Document tables → T2/T3/T4 facts. Tables are recognised by their labels wherever they are
 * (in their section, in an annex, several to a table or one table split in parts); the template
 * (2021 or 2019) is chosen per table.
 */
import type { Facts, Root, TableId, TableMatch, TableNode } from '../../model.js';
import { isDataLike } from './cells.js';
import { columnTexts, gridOf, rowTexts } from './grid.js';
import { type TableExtraction, type TablePart } from './match-common.js';
import { matchT2, t2Signal } from './match-t2.js';
import { matchT3, t3Signal } from './match-t3.js';
import { columnSequence, matchT4, t4Signal } from './match-t4.js';
import { labelScore } from './labels.js';
import { TEMPLATES } from '../../templates/index.js';

export type { TableExtraction, TablePart } from './match-common.js';

export interface TablesResult {
  facts: Facts;
  tables: TableMatch[];
  /** Tables that are there but match no template (or are images), with the reason. */
  unreadable: { nodeIndex: number; tableIndex: number; reason: string }[];
}

/**
 * Tables nested in the cells of another table (HTML): index → the outer texts that name them, i.e.
 * the header cells above and the label cells left of the cell that holds them.
 */
function nestedContext(tree: Root): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const node of tree.children) {
    if (node.type !== 'table') continue;
    const grid = gridOf(node);
    grid.forEach((row, r) => {
      row.forEach((cell, c) => {
        const inner = cell.data.nested as number[] | undefined;
        if (!inner?.length || cell.data.spanOf) return;
        const texts = [...columnTexts(grid, c, r), ...rowTexts(grid, r, (k) => k < c)];
        for (const index of inner) out.set(index, [...texts, ...(out.get(node.data.index) ?? [])]);
      });
    });
  }
  return out;
}

/** A table whose cells only frame nested tables: no data of its own. */
function isFrame(table: TableNode): boolean {
  const cells = table.children.flatMap((row) => row.children);
  return cells.some((cell) => (cell.data.nested as number[] | undefined)?.length) && !cells.some((cell) => isDataLike(cell.value));
}

const TABLE_NAME: Record<TableId, string> = { t2: '表二', t3: '表三', t4: '表四' };

/** Every label, header and caption of table `id` in either template. */
function labelsOf(id: TableId): string[] {
  return (['2021', '2019'] as const).flatMap((v) => {
    const tpl = TEMPLATES[v];
    if (id === 't2') return [...tpl.t2.blocks.flatMap((b) => [b.caption, ...b.columns.map((c) => c.label), ...b.rows.flatMap((r) => [r.label, ...(r.aliases ?? [])])]), '信息内容'];
    if (id === 't3') {
      return [
        ...tpl.t3.rows.flatMap((r) => [r.label, ...(r.aliases ?? [])]),
        ...tpl.t3.columns.flatMap((c) => [c.label, ...(c.aliases ?? []), ...(c.parent ? [c.parent] : [])]),
        ...tpl.t3.groups.map((g) => g.label),
        tpl.t3.headerNote, '申请人情况', '三、本年度办理结果', '小计',
      ];
    }
    return [...tpl.t4.blocks.map((b) => b.label), ...tpl.t4.columns.map((c) => c.label), '行政诉讼'];
  });
}

/** `（未能对应模板的标题或标签：“…”、“…”）`: the texts of the table that name nothing in table `id`. */
function strayNote(table: TableNode, id: TableId): string {
  const labels = labelsOf(id);
  const stray: string[] = [];
  for (const row of table.children) {
    for (const cell of row.children) {
      const text = cell.value.trim();
      if (!text || cell.data.spanOf || isDataLike(text) || stray.includes(text)) continue;
      if (id === 't4' && columnSequence(text)?.length) continue;
      if (labels.some((label) => labelScore(text, label) >= 0.85)) continue;
      stray.push(text);
    }
  }
  if (!stray.length) return '';
  const shown = stray.slice(0, 4).map((t) => `“${t.length > 30 ? `${t.slice(0, 30)}…` : t}”`).join('、');
  return `（未能对应模板的标题或标签：${shown}${stray.length > 4 ? ` 等 ${stray.length} 处` : ''}）`;
}

function classify(table: TableNode): TableId | null {
  const s = { t2: t2Signal(table), t3: t3Signal(table), t4: t4Signal(table) };
  const ranked = (Object.entries(s) as [TableId, number][]).sort((a, b) => b[1] - a[1]);
  const [id, score] = ranked[0]!;
  const min = id === 't3' ? 2 : 3;
  return score >= min ? id : null;
}

/** Merge extractions of one id: first table wins per key; the match lists every key read. */
function merge(id: TableId, parts: TableExtraction[]): { facts: Facts; match: TableMatch } {
  const facts: Facts = {};
  for (const p of parts) for (const [k, f] of Object.entries(p.facts)) if (!(k in facts)) facts[k] = f;
  const first = parts[0]!.match;
  const keys = Object.keys(facts);
  const missing = first.missing.filter((k) => !(k in facts));
  const notes = parts.flatMap((p) => p.match.notes ?? []);
  if (parts.length > 1) notes.push(`由 ${parts.length} 个表格合并读取（表 ${parts.map((p) => p.match.tableIndex).join('、')}）`);
  // Coverage of the merged reading, times the lowest penalty a part took (order filling, no header).
  const coverage = (m: TableMatch): number => m.keys.length / Math.max(m.keys.length + m.missing.length, 1);
  // (Part confidences are rounded to 2 places: round the ratio back to the 0.05 steps penalties come in.)
  const penalty = Math.min(...parts.map((p) => Math.min(1, Math.round((20 * p.match.confidence) / Math.max(coverage(p.match), 1e-9)) / 20)));
  const total = keys.length / Math.max(keys.length + missing.length, 1);
  const confidence = Math.max(...parts.map((p) => p.match.confidence), Math.round(total * penalty * 100) / 100);
  return { facts, match: { ...first, id, keys, missing, confidence, ...(notes.length ? { notes } : {}) } };
}

export function extractTables(tree: Root): TablesResult {
  const parts: (TablePart & { kind: TableId | null })[] = [];
  const nested = nestedContext(tree);
  tree.children.forEach((node, nodeIndex) => {
    if (node.type !== 'table') return;
    // A frame around nested tables is read through them; a nested table is classified with its outer labels.
    const kind = node.data.image || isFrame(node) ? null : classify(node);
    parts.push({ table: node, nodeIndex, kind });
  });
  const found: Record<TableId, TableExtraction[]> = { t2: [], t3: [], t4: [] };
  const unreadable: TablesResult['unreadable'] = [];
  const used = new Set<number>();
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (used.has(i)) continue;
    if (part.table.data.image) {
      unreadable.push({ nodeIndex: part.nodeIndex, tableIndex: part.table.data.index, reason: '表格以图片形式发布，无法读取数字' });
      continue;
    }
    if (part.kind === 't3') {
      // Unlabelled tables right after a table 三 are its continuation (split tables, garbled conversions).
      const run: TablePart[] = [part];
      let j = i + 1;
      while (j < parts.length && (parts[j]!.kind === null || parts[j]!.kind === 't3') && !parts[j]!.table.data.image) {
        run.push(parts[j]!);
        j++;
      }
      const got = matchT3(tree, run);
      if (got) {
        found.t3.push(got);
        for (let k = i; k < j; k++) used.add(k);
      } else {
        unreadable.push({ nodeIndex: part.nodeIndex, tableIndex: part.table.data.index, reason: `表格像是表三，但无法按模板读取单元格${strayNote(part.table, 't3')}` });
      }
      continue;
    }
    const around = nested.get(part.table.data.index) ?? [];
    const got = part.kind === 't2' ? matchT2(tree, part) : part.kind === 't4' ? matchT4(tree, part, around) : null;
    if (got) found[got.id].push(got);
    else if (part.kind) unreadable.push({ nodeIndex: part.nodeIndex, tableIndex: part.table.data.index, reason: `表格像是${TABLE_NAME[part.kind]}，但无法按模板读取单元格${strayNote(part.table, part.kind)}` });
  }
  // A table that carries some labels of a table we found nowhere else is that table, unread — never
  // table/missing: say which table it looks like and that its header or labels did not match.
  for (const part of parts) {
    if (part.kind || part.table.data.image || isFrame(part.table)) continue;
    const absent = (['t2', 't3', 't4'] as const).filter((id) => !found[id].length);
    const signals = { t2: t2Signal(part.table), t3: t3Signal(part.table), t4: t4Signal(part.table) };
    const like = absent.filter((id) => signals[id] > 0).sort((a, b) => signals[b] - signals[a])[0];
    const data = part.table.children.reduce((n, row) => n + row.children.filter((cell) => !cell.data.spanOf && isDataLike(cell.value)).length, 0);
    if (!like || data < 3) continue;
    unreadable.push({
      nodeIndex: part.nodeIndex,
      tableIndex: part.table.data.index,
      reason: `表格含有${TABLE_NAME[like]}的部分标签，但表头或行标签无法与模板对应，未能读取单元格${strayNote(part.table, like)}`,
    });
  }
  // The rules see the tree: mark the tables we could not read (BlockData is open for such hints).
  for (const u of unreadable) {
    const node = tree.children[u.nodeIndex];
    if (node?.type === 'table') node.data.unreadable = u.reason;
  }
  const facts: Facts = {};
  const tables: TableMatch[] = [];
  for (const id of ['t2', 't3', 't4'] as const) {
    const list = found[id];
    if (!list.length) continue;
    // T2 may come as one table per block: merge. T3/T4: keep the most complete reading; T4 also takes
    // readings of other blocks that share no cell with it (one nested table per block).
    const ordered = id === 't2' ? list : [...list].sort((a, b) => b.match.keys.length - a.match.keys.length);
    let chosen = ordered;
    if (id !== 't2') {
      chosen = [ordered[0]!];
      const taken = new Set(ordered[0]!.match.keys);
      for (const other of id === 't4' ? ordered.slice(1) : []) {
        if (other.match.keys.some((k) => taken.has(k))) continue;
        chosen.push(other);
        for (const k of other.match.keys) taken.add(k);
      }
    }
    const merged = merge(id, chosen);
    Object.assign(facts, merged.facts);
    tables.push(merged.match);
  }
  const t3 = tables.find((t) => t.id === 't3');
  const t4 = tables.find((t) => t.id === 't4');
  // Table 四 has the same layout in both formats; report it under the table 三 template.
  if (t4 && t3) t4.template = t3.template;
  return { facts, tables, unreadable };
}
