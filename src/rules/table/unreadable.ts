import { sourceOf } from '../../util/source.js';
import type { Rule } from '../types.js';

/** A table is there but we could not read it (image, no template match, low-confidence reading). */
export const tableUnreadable: Rule = {
  id: 'table/unreadable',
  severity: 'warning',
  kind: 'review',
  description: 'A table is present but matches no template, is an image, or was read with low confidence.',
  check(doc, ctx) {
    doc.tree.children.forEach((node) => {
      if (node.type !== 'table') return;
      const reason = node.data.image ? '表格以图片形式发布，无法读取数字' : (node.data.unreadable as string | undefined);
      if (!reason) return;
      ctx.report({ message: `第 ${node.data.index} 个表格无法读取：${reason}`, source: { ...sourceOf(doc.tree, node), table: node.data.index } });
    });
    for (const match of doc.tables) {
      if (match.confidence >= 0.7) continue;
      const name = { t2: '表二', t3: '表三', t4: '表四' }[match.id];
      ctx.report({
        message: `${name}读取把握不大（可信度 ${match.confidence}）：缺少 ${match.missing.length} 个单元格${match.notes?.length ? `；${match.notes.join('；')}` : ''}`,
        source: { file: doc.file, table: match.tableIndex },
      });
    }
  },
};
