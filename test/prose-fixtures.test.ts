/**
 * The breakdown and prose-vs-table patterns of issue 9, on the synthetic reports in fixtures/prose/
 * (README there): each pattern has a report whose prose is consistent (no finding) and one with a
 * real mismatch (flagged, at the level the pattern deserves).
 */
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit, type Finding } from '../src/index.js';

const at = (name: string) => new URL(`../fixtures/prose/${name}`, import.meta.url).pathname;
const findings = async (name: string, rule: string): Promise<Finding[]> =>
  (await audit({ path: at(name) })).findings.filter((f) => f.ruleId === rule);
const sums = (name: string) => findings(name, 'prose/breakdown-sum');

test('a list closed by 等 that falls short of its total is a question, not an error', async () => {
  const ok = await sums('deng-ok.txt');
  assert.equal(ok.map((f) => [f.severity, f.kind]), [['info', 'review']]);
  assert.match(ok[0]!.message, /可能未列全/);
  const bad = await sums('deng-bad.txt');
  assert.equal(bad.map((f) => [f.severity, f.actual, f.expected]), [['error', 236, 241]], 'parts above the total stay an error');
  assert.not.match(bad[0]!.message, /未列全/);
});

test('a list joined by 、 ends at 「；」: the next statement’s counts are not its parts', async () => {
  assert.equal(await sums('semicolon-ok.txt'), []);
  const bad = await sums('semicolon-bad.txt');
  assert.equal(bad.map((f) => [f.severity, f.actual, f.expected]), [['error', 20, 21]]);
  assert.is(bad[0]!.related!.length, 2);
});

test('a part written without its unit (`政策文件169、工作动态317条`) is still a part', async () => {
  assert.equal(await sums('bare-part-ok.txt'), []);
  const bad = await sums('bare-part-bad.txt');
  assert.equal(bad.map((f) => [f.severity, f.actual, f.expected]), [['error', 510, 537]]);
  assert.match(bad[0]!.message, /政策文件196条、工作动态317条、通知公告24条/);
});

test('`3、4次` (three or four times) is no list of two parts', async () => {
  const figures = (await audit('一、总体情况\n召开专题会议3、4次，培训会5次。', { file: 'p.txt', format: 'text' })).figures;
  assert.equal(figures.map((f) => f.value), [4, 5]);
});

test('包括, 分别为, 含 in brackets and a colon open a list like 其中', async () => {
  assert.equal(await sums('markers-ok.txt'), []);
  const bad = await sums('markers-bad.txt');
  assert.equal(bad.map((f) => [f.severity, f.actual, f.expected]), [['error', 96, 106], ['error', 5, 6], ['error', 12, 13], ['error', 40, 41]]);
  // 分别为: each count is named by the word before it, not by the whole phrase.
  assert.match(bad[1]!.message, /（予以公开3件、部分公开2件、无法提供1件）/);
});

test('其中 two sentences after its total: parts checked against it, a mismatch is a warning', async () => {
  assert.equal(await sums('later-ok.txt'), []);
  const bad = await sums('later-bad.txt');
  assert.equal(bad.map((f) => [f.severity, f.actual, f.expected]), [['warning', 320, 330]]);
  assert.match(bad[0]!.message, /后文“其中”句/);
});

test('categories right after the total with no marker: a mismatch is a warning', async () => {
  assert.equal(await sums('unmarked-ok.txt'), []);
  const bad = await sums('unmarked-bad.txt');
  assert.equal(bad.map((f) => [f.severity, f.actual, f.expected]), [['warning', 186, 196]]);
  assert.match(bad[0]!.message, /无“其中”等标示/);
});

test('no false list: a category list whose first item is itself a category, and a list of acts', async () => {
  const text = (p: string) => `一、总体情况\n${p}`;
  const run = async (p: string) => (await audit(text(p), { file: 'p.txt', format: 'text' })).findings.filter((f) => f.ruleId === 'prose/breakdown-sum');
  assert.equal(await run('全年发布规范性文件类信息95条，规划计划类信息19条，财政预决算类信息32条，其他信息161条。'), []);
  assert.equal(await run('全年主动公开政府信息100条，更新办事指南20条，回应公众关切5条，发布政策解读3篇。'), []);
  // A list that names 其他 is meant whole, 等 or not.
  const rest = await run('共发布信息107条，其中:减税降费22条，政策及解读共2条；财政预决算共7条；直达基层9条；其他文件共54条等。');
  assert.equal(rest.map((f) => [f.severity, f.expected]), [['error', 94]]);
});

test('prose/table-mismatch: a zero in the prose is a figure (`共收到申请0条` against 新收 48)', async () => {
  const bad = await findings('zero-requests-bad.html', 'prose/table-mismatch');
  assert.equal(bad.map((f) => [f.severity, f.actual, f.expected]), [['warning', 0, 48]]);
  assert.match(bad[0]!.message, /本年新收 0 条，但表三本年新收为 48/);
  assert.equal(await findings('requests-tiao-ok.html', 'prose/table-mismatch'), []);
});

test('prose/table-mismatch: 行政复议4条 mentions the review cases (条 as well as 件)', async () => {
  assert.equal(await findings('review-tiao-ok.html', 'prose/table-mismatch'), []);
  const bad = await findings('review-tiao-bad.html', 'prose/table-mismatch');
  assert.equal(bad.map((f) => [f.severity, f.actual, f.expected]), [['warning', 5, 4]]);
  assert.ok(!bad.some((f) => /未提及/.test(f.message)));
});

test('prose/table-mismatch: `未收到政府信息公开申请` against 新收 48 is a zero in words', async () => {
  const bad = await findings('no-requests-bad.html', 'prose/table-mismatch');
  assert.equal(bad.map((f) => [f.severity, f.actual, f.expected]), [['warning', 0, 48]]);
  // What the applications led to is another claim: no finding from the standard report with it added.
  const html = readFileSync(new URL('../fixtures/html/standard-2021.html', import.meta.url), 'utf8')
    .replace('全年发生政府信息公开行政复议4件，行政诉讼3件。', '全年发生政府信息公开行政复议4件，行政诉讼3件，未收到因政府信息公开申请引起的投诉。');
  const ok = (await audit(html, { file: 'standard.html', format: 'html' })).findings.filter((f) => f.ruleId === 'prose/table-mismatch');
  assert.equal(ok, []);
});

test('a list after several counts joined by 、 is linked to the last one only when it adds up to it', async () => {
  const run = async (p: string) => (await audit(`一、总体情况\n${p}`, { file: 'p.txt', format: 'text' })).findings.filter((f) => f.ruleId === 'prose/breakdown-sum');
  assert.equal(await run('全年行政复议2件、行政诉讼3件，结果分别为维持3件、纠正1件、尚未审结1件。'), []);
  assert.equal(await run('收到申请10件、上年结转2件，其中予以公开8件、不予公开3件、无法提供1件。'), []);
  assert.equal((await run('收到申请10件，其中予以公开8件、不予公开3件、无法提供1件。')).map((f) => f.expected), [12]);
});

test.run();
