import { TEMPLATES, t4Key } from '../../templates/index.js';
import { evaluateSum, reportImpossibleRuns, sumFailure } from '../sum.js';
import type { Rule } from '../types.js';

const T4 = TEMPLATES['2021'].t4;

/** Each block of table 四: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计. */
export const t4BlockSum: Rule = {
  id: 't4/block-sum',
  severity: 'error',
  kind: 'fail',
  description: 'Table 4, every block: upheld + corrected + other + pending = total.',
  check(doc, ctx) {
    reportImpossibleRuns(doc, ctx, this.id);
    for (const block of T4.blocks) {
      const parts = T4.columns.filter((c) => c.key !== 'total');
      const outcome = evaluateSum(
        {
          scope: `表四 ${block.parent ? `${block.parent}（${block.label}）` : block.label}`,
          left: parts.map((c) => ({ key: t4Key(block.key, c.key), label: c.label })),
          right: [{ key: t4Key(block.key, 'total'), label: '总计' }],
          totals: [t4Key(block.key, 'total')],
        },
        doc.facts,
      );
      if (outcome.status === 'fail') {
        ctx.report(sumFailure(outcome));
      } else if (outcome.status === 'ok-if-blank-zero') {
        ctx.report({ message: outcome.message, source: outcome.cells.at(-1)!.source, severity: 'info', cells: outcome.cells });
      }
    }
  },
};
