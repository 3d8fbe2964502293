import { formatSource } from '../../util/source.js';
import type { Rule } from '../types.js';

/**
 * A total stated in the prose with its parts (`发布信息81条，其中…`) must equal their sum. A sum above
 * the total is always wrong; below it only when three or more parts are listed (two parts after
 * 其中 are often just the highlights).
 */
export const proseBreakdownSum: Rule = {
  id: 'prose/breakdown-sum',
  severity: 'error',
  kind: 'fail',
  description: 'A total stated in the prose differs from the sum of the parts listed with it.',
  check(doc, ctx) {
    const figures = doc.figures;
    const partsOf = new Map<number, typeof figures>();
    for (const f of figures) {
      if (f.partOf === undefined) continue;
      const list = partsOf.get(f.partOf) ?? [];
      list.push(f);
      partsOf.set(f.partOf, list);
    }
    figures.forEach((total, index) => {
      const parts = partsOf.get(index) ?? [];
      if (parts.length < 2) return;
      const sum = Math.round(parts.reduce((a, p) => a + p.value, 0) * 1e6) / 1e6;
      if (sum === total.value || (sum < total.value && parts.length < 3)) return;
      const list = parts.map((p) => `${p.label}${p.raw}`).join('、');
      ctx.report({
        message: `“${total.label}${total.raw}”与所列分项之和 ${sum}${total.unit} 不符（${list}）`,
        source: total.source,
        expected: sum,
        actual: total.value,
        related: parts.map((p) => ({ message: `${p.label} ${p.raw}（${formatSource(p.source)}）`, source: p.source })),
      });
    });
  },
};
