/**
 * Template version from the whole text (spec §5.4): 2021 markers, then 2019 markers, then the
 * T3/T4 markers both share (decided by the report year), then the notice cited, then pre-2019 hallmarks.
 */
import type { Meta, Root, TemplateVersion } from '../model.js';
import { TEMPLATES } from '../templates/index.js';

const BOTH = ['本列数据的勾稽关系', '本年新收政府信息公开申请数量', '未经复议直接起诉'];
const PRE2019 = ['收费及减免情况', '回应解读情况', '依申请公开政府信息情况'];

const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

/** All text of the tree, normalised (full/half-width) and without white space. */
export function treeText(tree: Root): string {
  const parts: string[] = [];
  for (const node of tree.children) {
    if (node.type === 'table') {
      for (const row of node.children) for (const cell of row.children) parts.push(cell.value);
    } else parts.push(node.value);
  }
  return norm(parts.join('\n'));
}

export function detectTemplate(tree: Root, meta: Meta, text = treeText(tree)): TemplateVersion {
  const has = (markers: readonly string[]): boolean => markers.some((m) => text.includes(norm(m)));
  // The national tables date from late 2019; older reports' local 统计表 share some of their words.
  if (meta.year !== null && meta.year <= 2018) return 'pre2019';
  if (has(TEMPLATES['2021'].markers)) return '2021';
  if (has(TEMPLATES['2019'].markers)) return '2019';
  const year = meta.year;
  if (has(BOTH)) {
    if (year !== null) return year >= 2021 ? '2021' : year >= 2019 ? '2019' : 'pre2019';
    return 'unknown';
  }
  if (meta.notice?.includes('〔2021〕30号')) return '2021';
  if (meta.notice?.includes('〔2019〕60号')) return '2019';
  if (has(PRE2019) || text.includes('概述')) return 'pre2019';
  return 'unknown';
}
