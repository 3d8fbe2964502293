import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit } from '../src/index.js';
import { agencyTypeOf } from '../src/rules/meta/agency-type.js';

const CLEAN = readFileSync(new URL('../fixtures/text/clean-2023-department.txt', import.meta.url), 'utf8');
const run = async (text: string, prefix: string, options = {}) =>
  (await audit(text, { file: 'r.txt', format: 'text', ...options })).findings.filter((f) => f.ruleId.startsWith(prefix));

test('passing: the clean report has no meta or template finding', async () => {
  const report = await audit(CLEAN, { file: 'r.txt', format: 'text' });
  assert.is(report.meta.signedOn, '2024-01-20');
  assert.equal(report.findings.filter((f) => /^(meta|template)\//.test(f.ruleId)), []);
});

test('agency type from the name', () => {
  assert.is(agencyTypeOf('茂名市茂南区财政局'), 'department');
  assert.is(agencyTypeOf('威海市文登区人民政府办公室'), 'department');
  assert.is(agencyTypeOf('某某县人民政府'), 'government');
  assert.is(agencyTypeOf('平潭综合实验区'), 'government');
  assert.is(agencyTypeOf(null), null);
});

test('meta/late: a department signing on 2月5日 is late; a government is not; the option overrides', async () => {
  const late = CLEAN.replace('2024年1月20日', '2024年2月5日');
  const found = await run(late, 'meta/late');
  assert.is(found.length, 1);
  assert.match(found[0]!.message, '落款日期');
  assert.is(found[0]!.expected, '2024-01-31');
  const government = late.replaceAll('示例市示例区统计局', '示例市示例区人民政府');
  assert.equal(await run(government, 'meta/late'), []);
  assert.is((await run(government, 'meta/late', { agencyType: 'department' })).length, 1);
});

test('meta/late reads local deadlines from the config settings', async () => {
  const late = CLEAN.replace('2024年1月20日', '2024年2月5日');
  const settings = { 'meta/late': { deadlines: { department: '02-10' } } };
  assert.equal(await run(late, 'meta/late', { settings }), []);
  const earlier = { 'meta/late': { deadlines: { department: '01-15' } } };
  const found = await run(CLEAN, 'meta/late', { settings: earlier });
  assert.is(found.length, 1);
  assert.is(found[0]!.expected, '2024-01-15');
});

test('meta/late prefers the publication date and says so', async () => {
  const text = `标题: 示例市示例区统计局2023年政府信息公开工作年度报告\n发布时间: 2024-04-02 10:00\n==================== 正文 ====================\n${CLEAN}`;
  const found = await run(text, 'meta/late');
  assert.is(found.length, 1);
  assert.match(found[0]!.message, '发布日期 2024-04-02');
});

test('meta/period: a period of the wrong year, and last year written for this year', async () => {
  const wrongPeriod = CLEAN.replace('统计期限为2023年1月1日至2023年12月31日', '统计期限为2022年1月1日至2022年12月31日');
  const found = await run(wrongPeriod, 'meta/period');
  assert.is(found.length, 2);
  const copied = CLEAN.replace('2023年，我局主动公开政府信息120条', '2022年主动公开政府信息120条');
  const prose = await run(copied, 'meta/period');
  assert.is(prose.length, 1);
  assert.match(prose[0]!.message, '2022');
  // Comparing with last year on purpose is not a mistake.
  const compared = CLEAN.replace('2023年，我局主动公开政府信息120条', '2023年主动公开120条，较2022年主动公开政府信息100条有所增加');
  assert.equal(await run(compared, 'meta/period'), []);
});

test('template/outdated: a 2023 report with 2019 table words', async () => {
  const old = CLEAN.replace('本年制发件数\t本年废止件数\t现行有效件数', '本年新制作数量\t本年新公开数量\t对外公开总数量');
  const report = await audit(old, { file: 'r.txt', format: 'text' });
  assert.is(report.template, '2019');
  const found = report.findings.filter((f) => f.ruleId === 'template/outdated');
  assert.ok(found.length >= 1);
  assert.is(found[0]!.severity, 'warning');
  const in2020 = old.replaceAll('2023年', '2020年').replace('2024年1月20日', '2021年1月20日');
  assert.equal((await audit(in2020, { file: 'r.txt', format: 'text' })).findings.filter((f) => f.ruleId === 'template/outdated'), []);
});

test('template/outdated: a 2021 表二 beside a one-row （六）其他处理 is a mixed table, an info naming the row; without the 2021 表二 it is the old format', async () => {
  const html = readFileSync(new URL('../fixtures/html/standard-2021.html', import.meta.url), 'utf8');
  // The three sub-rows of （六） folded into the 2019 trial format's single row (sums kept: 2 + 0 + 1).
  const oneRow = html.replace(
    /<tr><td rowspan="3"><p>（六）其他处理<\/p><\/td>[\s\S]*?<tr><td><p>3\.其他<\/p><\/td>.*?<\/tr>/,
    '<tr><td colspan="2"><p>（六）其他处理</p></td><td><p>2</p></td><td><p>0</p></td><td><p>0</p></td><td><p>0</p></td><td><p>1</p></td><td><p>0</p></td><td><p>3</p></td></tr>',
  );
  assert.not.equal(oneRow, html);
  const mixed = await audit(oneRow, { file: 'r.html', format: 'html' });
  assert.is(mixed.facts['t3.results.other.total']?.raw, '3');
  assert.ok(mixed.facts['t2.normative_docs.in_force']);
  const notes = mixed.findings.filter((f) => f.ruleId === 'template/outdated');
  assert.is(notes.length, 1);
  assert.is(notes[0]!.severity, 'info');
  assert.match(notes[0]!.message, '（六）其他处理”只有一行');
  assert.is(notes[0]!.source.table, mixed.facts['t3.results.other.total']!.source.table);
  // Without a 2021 表二 beside it nothing says the report is of the 2021 format: the old-format warning.
  const old = oneRow.replace(/<table[\s\S]*?<\/table>/, '');
  assert.not.ok((await audit(old, { file: 'r.html', format: 'html' })).facts['t2.normative_docs.in_force']);
  const outdated = (await audit(old, { file: 'r.html', format: 'html' })).findings.filter((f) => f.ruleId === 'template/outdated');
  assert.ok(outdated.some((f) => f.severity === 'warning' && f.message.includes('表三仍使用 2019 年试行格式')), JSON.stringify(outdated));
});

test.run();
