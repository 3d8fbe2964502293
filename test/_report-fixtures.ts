// Synthetic Reports for reporter tests (not a test file: no `.test.ts`).
import type { Finding, Report } from '../src/model.js';

export function sampleReport(file = 'reports/2024-某局, "测试".txt'): Report {
  const cell = (key: string, raw: string, row: number, col: number) => ({
    key, value: raw === '' ? null : Number(raw), raw, source: { file, line: 40 + row, column: 3, table: 2, row, col },
  });
  const facts: Report['facts'] = {
    't3.new_received.natural_person': { value: 5, raw: '5', kind: 'number', source: { file, line: 42, column: 3, table: 2, row: 4, col: 3 } },
    't3.new_received.total': { value: 7, raw: '7', kind: 'number', source: { file, line: 42, column: 20, table: 2, row: 4, col: 9 } },
    't3.carried_over.total': { value: 0, raw: '0', kind: 'zero', source: { file, line: 43, column: 20, table: 2, row: 5, col: 9 } },
  };
  const findings: Finding[] = [
    {
      ruleId: 't3/balance', severity: 'error', kind: 'fail',
      message: '表三 总计列：第一项加第二项（7）不等于第三项加第四项（6）',
      source: { file, line: 42, column: 20, table: 2, row: 4, col: 9 },
      expected: 7, actual: 6,
      cells: [cell('t3.new_received.total', '7', 4, 9), cell('t3.carried_over.total', '0', 5, 9)],
    },
    { ruleId: 'section/empty', severity: 'warning', kind: 'fail', message: '“五、存在的主要问题及改进情况”没有内容', source: { file, line: 80, column: 1 } },
    { ruleId: 'table/low-confidence', severity: 'info', kind: 'review', message: '表四 只识别了部分列，"请核对"', source: { file, page: 3 } },
  ];
  return {
    file, format: 'text', template: '2021',
    meta: { title: '2024年政府信息公开工作年度报告', agency: '某局', year: 2024, period: { from: null, to: null }, signedOn: '2025-01-20', publishedOn: null },
    sections: [{ id: 'overview', number: '一', heading: '一、总体情况', present: true, empty: false, source: { file, line: 3, column: 1 } }],
    facts, figures: [], findings,
  };
}

/** Collects what a reporter writes. */
export function collector(): { write: (chunk: string) => void; text: () => string } {
  const chunks: string[] = [];
  return { write: (chunk) => { chunks.push(chunk); }, text: () => chunks.join('') };
}
