import { evaluateSum, sumFailure } from '../sum.js';
import type { Rule } from '../types.js';
import { isOmittedTotal, T3_COLUMNS, t3Key } from './common.js';

/** 表三 header note: 第一项加第二项之和，等于第三项加第四项之和, for every column. */
export const t3Balance: Rule = {
  id: 't3/balance',
  severity: 'error',
  kind: 'fail',
  description: 'Table 3, every column: new + carried over = results total + carried forward.',
  check(doc, ctx) {
    const blankOnly: string[] = [];
    const cellsBlankOnly = [];
    for (const col of T3_COLUMNS) {
      const rowsUsed = ['new_received', 'carried_over', 'results.total', 'carried_forward'];
      if (col.key === 'total' && rowsUsed.some((r) => isOmittedTotal(doc, r))) continue;
      const outcome = evaluateSum(
        {
          scope: `表三 ${col.label}列`,
          left: [
            { key: t3Key('new_received', col.key), label: '新收' },
            { key: t3Key('carried_over', col.key), label: '上年结转' },
          ],
          right: [
            { key: t3Key('results.total', col.key), label: '办理结果总计' },
            { key: t3Key('carried_forward', col.key), label: '结转下年度' },
          ],
          totals: [t3Key('results.total', col.key)],
        },
        doc.facts,
      );
      if (outcome.status === 'fail') {
        ctx.report(sumFailure(outcome));
      } else if (outcome.status === 'ok-if-blank-zero') {
        blankOnly.push(col.label);
        cellsBlankOnly.push(...outcome.cells);
      }
    }
    if (blankOnly.length) {
      ctx.report({
        message: `表三 ${blankOnly.join('、')}列：新收 + 上年结转 = 办理结果总计 + 结转下年度 仅在空白单元格按 0 计时成立`,
        source: cellsBlankOnly[0]!.source,
        severity: 'info',
        cells: cellsBlankOnly,
      });
    }
  },
};
