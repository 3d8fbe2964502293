import type { Source, TableMatch } from '../../model.js';
import type { AuditDocument, Rule } from '../types.js';

/** Where the old layout shows: the one-row （六）其他处理 of table 三, else the table's first cell read. */
function placeOf(doc: AuditDocument, table: TableMatch): Source {
  const key = table.keys.find((k) => k.startsWith('t3.results.other.')) ?? table.keys[0];
  const fact = key ? doc.facts[key] : undefined;
  return fact ? { ...fact.source, table: table.tableIndex } : { file: doc.file, table: table.tableIndex };
}

/** Reports for 2021 and later must use the tables of 国办公开办函〔2021〕30号, not the 2019 trial format. */
export const templateOutdated: Rule = {
  id: 'template/outdated',
  severity: 'warning',
  kind: 'fail',
  description: 'A report for 2021 or later uses the 2019 (trial) tables instead of the 2021 format.',
  check(doc, ctx) {
    const year = doc.meta.year;
    if (year === null || year < 2021) return;
    const old = doc.tables.filter((t) => t.template === '2019');
    const names = { t2: '表二', t3: '表三', t4: '表四' } as const;
    if (doc.tables.length) {
      // Table 三 of the two formats differs only in （六）其他处理 (one row in 2019, three in 2021). Next to
      // a 2021 表二 that one row is a 2021 report with one row left in the old layout (a mixed table,
      // seen in real reports): worth a note, not the claim that the report uses the old format.
      const mixed = doc.tables.some((t) => t.id === 't2' && t.template === '2021');
      // Table 四 is the same in both formats; only 二 and 三 tell them apart.
      for (const table of old.filter((t) => t.id !== 't4')) {
        if (table.id === 't3' && mixed) {
          ctx.report({
            severity: 'info',
            message: `${year} 年度报告表三的“（六）其他处理”只有一行（2019 年试行格式）；国办公开办函〔2021〕30号格式分为三项：申请人无正当理由逾期不补正、申请人逾期未按收费通知要求缴纳费用、其他；表二为 2021 年格式`,
            source: placeOf(doc, table),
            expected: '2021',
            actual: '2019 （六）',
          });
          continue;
        }
        ctx.report({
          message: `${year} 年度报告的${names[table.id]}仍使用 2019 年试行格式（应使用国办公开办函〔2021〕30号格式）`,
          source: placeOf(doc, table),
          expected: '2021',
          actual: '2019',
        });
      }
    } else if (doc.template === '2019') {
      ctx.report({
        message: `${year} 年度报告仍使用 2019 年试行格式的统计表（应使用国办公开办函〔2021〕30号格式）`,
        source: { file: doc.file },
        expected: '2021',
        actual: '2019',
      });
    }
  },
};
