import type { CellRef, Source } from '../../model.js';
import { evaluateSum, sumFailure } from '../sum.js';
import type { Rule } from '../types.js';
import { isOmittedTotal, resultLeaves, rowLabel, T3_COLUMNS, t3Key, t3Template } from './common.js';

/** （七）总计 is the sum of the result leaves: 21 rows (2021) or 19 (2019); groups have no cells of their own. */
export const t3ResultsSum: Rule = {
  id: 't3/results-sum',
  severity: 'error',
  kind: 'fail',
  description: 'Table 3, every column: the result rows add up to (七)总计.',
  check(doc, ctx) {
    const leaves = resultLeaves(doc);
    const groups = t3Template(doc).t3.groups;
    const blankOnly: string[] = [];
    const blankCells: CellRef[] = [];
    let blankSource: Source | undefined;
    for (const col of T3_COLUMNS) {
      // Not run on a guessed total: blank 总计 cells are table/total-omitted's finding.
      if (col.key === 'total' && leaves.some((r) => isOmittedTotal(doc, r.key))) continue;
      const outcome = evaluateSum(
        {
          scope: `表三 ${col.label}列`,
          left: leaves.map((r) => ({ key: t3Key(r.key, col.key), label: rowLabel(r) })),
          right: [{ key: t3Key('results.total', col.key), label: '（七）总计' }],
          totals: [t3Key('results.total', col.key)],
        },
        doc.facts,
      );
      if (outcome.status === 'ok-if-blank-zero') {
        blankOnly.push(col.label);
        blankCells.push(...outcome.cells.filter((c) => c.value === null));
        blankSource ??= outcome.cells.at(-1)!.source;
      }
      if (outcome.status !== 'fail') continue;
      let hint: string | undefined;
      const excess = outcome.left - outcome.right;
      if (excess > 0) {
        // Excess that one group alone can explain, while the balance holds: likely one application counted under several grounds.
        // Only refusal grounds can be cumulated (spec §4.4.1): （三）不予公开、（四）无法提供、（五）不予处理.
        const refusals = groups.filter((g) => /withheld|unable|not_processed/u.test(g.key));
        const candidates = refusals.filter((g) => {
          const sum = leaves
            .filter((r) => r.group === g.key)
            .reduce((s, r) => s + (doc.facts[t3Key(r.key, col.key)]?.value ?? 0), 0);
          const nonzero = leaves.filter((r) => r.group === g.key && (doc.facts[t3Key(r.key, col.key)]?.value ?? 0) > 0).length;
          return sum >= excess && nonzero >= 2;
        });
        if (candidates.length) {
          hint = `超出部分 ${excess} 可能来自 ${candidates.map((g) => g.label).join('、')}：可能存在一件申请按多种情形重复计数`;
        }
      }
      ctx.report({
        ...sumFailure(outcome, `${outcome.message}（结果各项之和 ${outcome.left}，（七）总计 ${outcome.right}）${hint ? `；${hint}` : ''}`),
        hint,
      });
    }
    if (blankOnly.length && blankSource) {
      ctx.report({
        message: `表三 ${blankOnly.join('、')}列：办理结果各项之和 = （七）总计 仅在空白单元格按 0 计时成立`,
        source: blankSource,
        severity: 'info',
        cells: blankCells.slice(0, 50),
      });
    }
  },
};
