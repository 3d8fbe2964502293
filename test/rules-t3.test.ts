import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Root } from '../src/model.js';
import { runRules } from '../src/rules/index.js';
import { t3Rules } from '../src/rules/t3.js';
import { docOf, fixtureTables, rootOf } from './tables-grid.js';


/** The 2021 fixture with some cells changed: `row label prefix → [col index (0-based data col), new text]`. */
function t3With(edits: [string, number, string][]): Root {
  const lines = fixtureTables('t3-2021.txt')[0]!.split('\n').map((line) => {
    const cells = line.split('|');
    for (const [prefix, col, text] of edits) if (cells.some((c) => c.startsWith(prefix))) cells[3 + col] = text;
    return cells.join('|');
  });
  return rootOf([{ table: lines.join('\n') }]);
}

test('t3: a consistent table gives no findings', () => {
  assert.equal(runRules(docOf(rootOf([{ table: fixtureTables('t3-2021.txt')[0]! }])), {}, t3Rules), []);
});

test('t3/balance: message shows both sides and every contributing cell', () => {
  const findings = runRules(docOf(t3With([['四、结转下年度', 6, '3']])), {}, t3Rules);
  const balance = findings.filter((f) => f.ruleId === 't3/balance');
  assert.is(balance.length, 1);
  assert.is(balance[0]!.severity, 'error');
  assert.is(balance[0]!.message, '表三 总计列：新收 81 + 上年结转 2 = 83，但办理结果总计 81 + 结转下年度 3 = 84');
  assert.is(balance[0]!.cells!.length, 4);
  assert.ok(findings.some((f) => f.ruleId === 't3/row-total'), 'row 四 no longer adds up either');
});

test('t3/results-sum: excess in one group → possible multi-ground counting', () => {
  // Count one withheld application under two grounds: rows 5 and 6 of （三） each get +1 in 自然人 and 总计.
  const root = t3With([
    ['5.属于三类内部事务信息', 0, '1'],
    ['5.属于三类内部事务信息', 6, '1'],
  ]);
  const findings = runRules(docOf(root), {}, t3Rules).filter((f) => f.ruleId === 't3/results-sum');
  assert.is(findings.length, 2, 'natural_person and total columns');
  assert.match(findings[0]!.message, /自然人列/);
  assert.match(findings[0]!.message, /结果各项之和 81，（七）总计 80/);
  assert.match(findings[0]!.hint ?? '', /重复计数/);
});

test('t3/row-total: per row, with the applicant cells listed', () => {
  const findings = runRules(docOf(t3With([['（一）予以公开', 6, '23']])), {}, t3Rules);
  const row = findings.find((f) => f.ruleId === 't3/row-total')!;
  assert.match(row.message, /（一）予以公开 行：自然人 22 \+ 商业企业 0/);
  assert.equal([row.expected, row.actual], [22, 23]);
  assert.is(row.cells!.length, 7);
});

test('t3: blank cells are not silently 0 — identity holding only with blank = 0 is info', () => {
  const root = t3With([['2.重复申请', 1, '']]);
  const findings = runRules(docOf(root), {}, t3Rules);
  assert.ok(findings.length > 0);
  assert.ok(findings.every((f) => f.severity === 'info'), JSON.stringify(findings.map((f) => f.message)));
});

test('t3: na (—) counts as 0 and the message says so', () => {
  const root = t3With([['（一）予以公开', 1, '—'], ['（一）予以公开', 0, '21']]);
  const row = runRules(docOf(root), {}, t3Rules).find((f) => f.ruleId === 't3/row-total')!;
  assert.match(row.message, /按 0 计/);
});

test.run();
