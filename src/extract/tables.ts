/**
 * Document tables → T2/T3/T4 facts. Tables are recognised by their labels wherever they are
 * (in their section, in an annex, several to a table or one table split in parts); the template
 * (2021 or 2019) is chosen per table.
 */
import type { Facts, Root, TableId, TableMatch, TableNode } from '../model.js';
import { type TableExtraction, type TablePart } from './match-common.js';
import { matchT2, t2Signal } from './match-t2.js';
import { matchT3, t3Signal } from './match-t3.js';
import { matchT4, t4Signal } from './match-t4.js';

export type { TableExtraction, TablePart } from './match-common.js';

export interface TablesResult {
  facts: Facts;
  tables: TableMatch[];
  /** Tables that are there but match no template (or are images), with the reason. */
  unreadable: { nodeIndex: number; tableIndex: number; reason: string }[];
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
  const confidence = Math.max(...parts.map((p) => p.match.confidence));
  return { facts, match: { ...first, id, keys, missing, confidence, ...(notes.length ? { notes } : {}) } };
}

export function extractTables(tree: Root): TablesResult {
  const parts: (TablePart & { kind: TableId | null })[] = [];
  tree.children.forEach((node, nodeIndex) => {
    if (node.type === 'table') parts.push({ table: node, nodeIndex, kind: node.data.image ? null : classify(node) });
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
      }
      continue;
    }
    const got = part.kind === 't2' ? matchT2(tree, part) : part.kind === 't4' ? matchT4(tree, part) : null;
    if (got) found[got.id].push(got);
    else if (part.kind) unreadable.push({ nodeIndex: part.nodeIndex, tableIndex: part.table.data.index, reason: `表格像是表${part.kind === 't2' ? '二' : '四'}，但无法按模板读取单元格` });
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
    // T2 may come as one table per block: merge. T3/T4: keep the most complete reading first.
    const ordered = id === 't2' ? list : [...list].sort((a, b) => b.match.keys.length - a.match.keys.length);
    const merged = merge(id, id === 't2' ? ordered : [ordered[0]!]);
    Object.assign(facts, merged.facts);
    tables.push(merged.match);
  }
  const t3 = tables.find((t) => t.id === 't3');
  const t4 = tables.find((t) => t.id === 't4');
  // Table 四 has the same layout in both formats; report it under the table 三 template.
  if (t4 && t3) t4.template = t3.template;
  return { facts, tables, unreadable };
}
