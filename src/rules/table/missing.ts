import type { TableId } from '../../model.js';
import type { Rule } from '../types.js';

const NAMES: Record<TableId, string> = {
  t2: '表二（主动公开政府信息情况）',
  t3: '表三（收到和处理政府信息公开申请情况）',
  t4: '表四（政府信息公开行政复议、行政诉讼情况）',
};

/** A 2019/2021-format report must carry tables 二, 三 and 四 (anywhere: in its section or an annex). */
export const tableMissing: Rule = {
  id: 'table/missing',
  severity: 'error',
  kind: 'fail',
  description: 'A 2019/2021-format report has no table 2, 3 or 4 anywhere in the document.',
  check(doc, ctx) {
    if (doc.template !== '2019' && doc.template !== '2021') return;
    // Tables we saw but could not read are table/unreadable's business, not missing.
    const unreadable = doc.tree.children.filter((n) => n.type === 'table' && (n.data.image || n.data.unreadable)).length;
    const missing = (['t2', 't3', 't4'] as const).filter(
      (id) => !doc.tables.some((t) => t.id === id) && !Object.keys(doc.facts).some((k) => k.startsWith(`${id}.`)),
    );
    if (missing.length <= unreadable) return;
    const section = { t2: 'proactive', t3: 'requests', t4: 'review_litigation' } as const;
    for (const id of missing) {
      const span = doc.sections.find((s) => s.id === section[id]);
      ctx.report({
        message: `未找到${NAMES[id]}：${doc.template} 年格式要求在报告中列出该统计表`,
        source: span?.source ?? { file: doc.file },
      });
    }
  },
};
