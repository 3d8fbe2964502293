import type { CellRef } from '../../model.js';
import { evaluateSum, reportImpossibleRuns, sumFailure } from '../sum.js';
import type { Rule } from '../types.js';
import { APPLICANT_COLUMNS, rowLabel, t3Key, t3Template } from './common.js';

/** The 总计 column: the six applicant columns add up to it, row by row. */
export const t3RowTotal: Rule = {
  id: 't3/row-total',
  severity: 'error',
  kind: 'fail',
  description: 'Table 3, every row: the six applicant columns add up to 总计.',
  check(doc, ctx) {
    reportImpossibleRuns(doc, ctx, this.id);
    const blankOnly: string[] = [];
    const blankCells: CellRef[] = [];
    for (const row of t3Template(doc).t3.rows) {
      const outcome = evaluateSum(
        {
          scope: `表三 ${row.label} 行`,
          left: APPLICANT_COLUMNS.map((c) => ({ key: t3Key(row.key, c.key), label: c.label })),
          right: [{ key: t3Key(row.key, 'total'), label: '总计' }],
          totals: [t3Key(row.key, 'total')],
        },
        doc.facts,
      );
      if (outcome.status === 'ok-if-blank-zero') {
        blankOnly.push(rowLabel(row));
        blankCells.push(...outcome.cells.filter((c) => c.value === null));
      }
      if (outcome.status !== 'fail') continue;
      ctx.report(sumFailure(outcome));
    }
    if (blankOnly.length) {
      ctx.report({
        message: `表三 ${blankOnly.length} 行（${blankOnly.slice(0, 5).join('、')}${blankOnly.length > 5 ? ' 等' : ''}）：各申请人列之和 = 总计 仅在空白单元格按 0 计时成立`,
        source: blankCells[0]!.source,
        severity: 'info',
        cells: blankCells.slice(0, 50),
      });
    }
  },
};
