import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit } from '../src/index.js';

const CLEAN = readFileSync(new URL('../fixtures/text/clean-2023-department.txt', import.meta.url), 'utf8');
const run = async (text: string, prefix = 'section/') =>
  (await audit(text, { file: 'r.txt', format: 'text' })).findings.filter((f) => f.ruleId.startsWith(prefix));

test('passing: a clean report has no section finding', async () => {
  assert.equal(await run(CLEAN), []);
});

test('section/missing: a report without 五 gets an error naming it', async () => {
  const text = CLEAN.replace(/五、存在的主要问题及改进情况\n[^\n]*\n/, '');
  const found = await run(text);
  assert.equal(found.map((f) => [f.ruleId, f.severity]), [['section/missing', 'error']]);
  assert.match(found[0]!.message, '存在的主要问题及改进情况');
});

test('section/empty: 一 or 五 with a heading but nothing under it; 六 saying 无 is fine', async () => {
  const text = CLEAN.replace(/(五、存在的主要问题及改进情况\n)[^\n]*\n/, '$1').replace(/(六、其他需要报告的事项\n)[^\n]*\n/, '$1无。\n');
  const found = await run(text);
  assert.equal(found.map((f) => f.ruleId), ['section/empty']);
  assert.is(found[0]!.source.line, 16);
});

test('section/order: sections out of the format order give one warning', async () => {
  const lines = CLEAN.split('\n');
  const start = lines.findIndex((l) => l.startsWith('五、'));
  const moved = [...lines.slice(0, 2), ...lines.slice(start, start + 2), ...lines.slice(2, start), ...lines.slice(start + 2)].join('\n');
  const found = await run(moved);
  assert.equal(found.map((f) => [f.ruleId, f.severity]), [['section/order', 'warning']]);
  assert.match(found[0]!.message, '五');
});

test('section/duplicate-number: two headings numbered 二', async () => {
  const found = await run(CLEAN.replace('三、收到和处理', '二、收到和处理'));
  assert.equal(found.map((f) => f.ruleId), ['section/duplicate-number']);
  assert.ok(found[0]!.related?.length);
});

test('wording variants and typos still count as the section', async () => {
  const text = CLEAN.replace('四、政府信息公开行政复议、行政诉讼情况', '四、政府信息公开行政法复议与行政诉讼情况')
    .replace('五、存在的主要问题及改进情况', '五、存在的主要问题及明年工作计划');
  // Present (no section/missing), each with a warning that its title is not the format's.
  const found = await run(text);
  assert.equal(found.map((f) => [f.ruleId, f.severity]), [['section/nonstandard-title', 'warning'], ['section/nonstandard-title', 'warning']]);
  assert.match(found[0]!.message, '行政法复议');
  assert.match(found[1]!.message, '明年工作计划');
});

test.run();
