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
      // Table 四 is the same in both formats; only 二 and 三 tell them apart.
      for (const table of old.filter((t) => t.id !== 't4')) {
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
