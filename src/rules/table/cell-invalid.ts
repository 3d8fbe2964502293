import { readCell } from '../../extract/tables/cells.js';
import { cellRef } from '../sum.js';
import type { Rule } from '../types.js';

/** Columns that may hold decimals or signs (money, 本年增/减). */
const DECIMAL = /\.(amount_wan_yuan|procurement_amount)$/u;
const SIGNED = /\.change$/u;

/** Counts are integers ≥ 0; a number cell holds a number (spec T2/T3/T4.CELL_DOMAIN). */
export const tableCellInvalid: Rule = {
  id: 'table/cell-invalid',
  severity: 'error',
  kind: 'fail',
  description: 'A table cell holds a negative or fractional count, or text where a number belongs.',
  check(doc, ctx) {
    for (const [key, fact] of Object.entries(doc.facts)) {
      if (!/^t[234]\./u.test(key)) continue;
      const cells = [cellRef(key, fact)];
      if (fact.kind === 'text') {
        ctx.report({ message: `单元格 ${key} 应为数字，实为“${fact.raw}”`, source: fact.source, cells, severity: 'warning' });
        continue;
      }
      if (fact.value === null) continue;
      if (fact.value < 0 && !SIGNED.test(key)) {
        ctx.report({ message: `单元格 ${key} 为负数 ${fact.raw}，件数不能为负`, source: fact.source, cells, actual: fact.value });
      } else if (!Number.isInteger(fact.value) && !DECIMAL.test(key)) {
        ctx.report({ message: `单元格 ${key} 为小数 ${fact.raw}，件数应为整数`, source: fact.source, cells, actual: fact.value });
      }
      const unit = readCell(fact.raw).unit;
      if (key.endsWith('.amount_wan_yuan') && unit === '元') {
        ctx.report({
          message: `单元格 ${key} 写作“${fact.raw}”，而该列单位为万元`,
          source: fact.source,
          cells,
          severity: 'warning',
          hint: `若为 ${fact.value} 元，应填 ${fact.value / 10000} 万元`,
        });
      }
    }
  },
};
