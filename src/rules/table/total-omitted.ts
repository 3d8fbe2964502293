import type { CellRef, Fact } from '../../model.js';
import { TEMPLATES, t4Key } from '../../templates/index.js';
import { APPLICANT_COLUMNS, rowLabel, t3Key, t3Template } from '../t3/common.js';
import { cellRef } from '../sum.js';
import type { Rule } from '../types.js';

const filled = (f: Fact | undefined): boolean => !!f && f.kind === 'number' && (f.value ?? 0) > 0;

/**
 * A 总计 column or row left blank while its parts are filled (spec §4.4.2): one warning per table
 * area; the identities that need the total are not run on a guessed total.
 */
export const tableTotalOmitted: Rule = {
  id: 'table/total-omitted',
  severity: 'warning',
  kind: 'fail',
  description: 'A total column or row is left blank while its parts are filled.',
  check(doc, ctx) {
    const f = doc.facts;
    const rows = t3Template(doc).t3.rows;
    // 表三 总计列
    const blankRows = rows.filter((r) => f[t3Key(r.key, 'total')]?.kind === 'blank' && APPLICANT_COLUMNS.some((c) => filled(f[t3Key(r.key, c.key)])));
    if (blankRows.length) {
      const cells: CellRef[] = blankRows.map((r) => cellRef(t3Key(r.key, 'total'), f[t3Key(r.key, 'total')]!));
      ctx.report({
        message: `表三 总计列有 ${blankRows.length} 行留空，而该行各申请人列已填写：${blankRows.map((r) => {
          const sum = APPLICANT_COLUMNS.reduce((s, c) => s + (f[t3Key(r.key, c.key)]?.value ?? 0), 0);
          return `${rowLabel(r)}（各列合计 ${sum}）`;
        }).join('、')}`,
        source: cells[0]!.source,
        cells,
        hint: '填写总计列；依赖这些总计的勾稽关系未作检查',
      });
    }
    // 表三 （七）总计行
    const leaves = rows.filter((r) => r.key.startsWith('results.') && r.key !== 'results.total');
    const blankCols = [...APPLICANT_COLUMNS, { key: 'total', label: '总计' }].filter(
      (c) => f[t3Key('results.total', c.key)]?.kind === 'blank' && leaves.some((r) => filled(f[t3Key(r.key, c.key)]) && (f[t3Key(r.key, c.key)]!.value ?? 0) > 0),
    );
    if (blankCols.length) {
      const cells = blankCols.map((c) => cellRef(t3Key('results.total', c.key), f[t3Key('results.total', c.key)]!));
      ctx.report({
        message: `表三 （七）总计行在 ${blankCols.map((c) => c.label).join('、')} 列留空，而该列办理结果各项已填写`,
        source: cells[0]!.source,
        cells,
      });
    }
    // 表四 各块总计
    const t4 = TEMPLATES['2021'].t4;
    const blankBlocks = t4.blocks.filter(
      (b) => f[t4Key(b.key, 'total')]?.kind === 'blank' && t4.columns.some((c) => c.key !== 'total' && (f[t4Key(b.key, c.key)]?.value ?? 0) > 0),
    );
    if (blankBlocks.length) {
      const cells = blankBlocks.map((b) => cellRef(t4Key(b.key, 'total'), f[t4Key(b.key, 'total')]!));
      ctx.report({
        message: `表四 ${blankBlocks.map((b) => b.label).join('、')} 的总计留空，而其结果各项已填写`,
        source: cells[0]!.source,
        cells,
      });
    }
  },
};
