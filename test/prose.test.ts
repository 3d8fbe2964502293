import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { extractFigures } from '../src/extract/prose/index.js';
import { parseText } from '../src/ingest/text/index.js';
import { audit } from '../src/index.js';

const figures = (text: string) => extractFigures(parseText(text, { file: 'p.txt' }));

test('counts with units, labels and exact sources; years and dates are not figures', () => {
  const text = '前言\n2022年度通过目录系统发布信息81条,其中信息公开指南1条、办事指南1条。2022年1月1日起，收费3940元，办结率100%。';
  const found = figures(text);
  assert.equal(found.map((f) => [f.label, f.value, f.unit]), [
    ['通过目录系统发布信息', 81, '条'], ['信息公开指南', 1, '条'], ['办事指南', 1, '条'], ['收费', 3940, '元'], ['办结率', 100, '%'],
  ]);
  assert.equal(found[0]!.source, { file: 'p.txt', line: 2, column: 17, offset: 19 });
  assert.is(text.slice(found[0]!.source.offset!, found[0]!.source.offset! + 3), '81条');
  assert.is(found[1]!.partOf, 0);
  assert.is(found[2]!.partOf, 0);
  assert.is(found[3]!.partOf, undefined);
});

test('breakdowns: 其中 in brackets, 其中 opening the next sentence, 共 after a list', () => {
  const a = figures('共公布信息30条（其中规划类10条，文件类20条）。');
  assert.equal(a.map((f) => f.partOf), [undefined, 0, 0]);
  const b = figures('新增主动公开信息45条。其中，政策类32条；规划类13条。');
  assert.equal(b.map((f) => f.partOf), [undefined, 0, 0]);
  const c = figures('收到自然人申请3件、法人申请4件，共7件。');
  assert.equal(c.map((f) => f.partOf), [2, 2, undefined]);
  // Parts with their shares: a trailing figure without a share is not a part.
  const d = figures('办结81件，其中：予以公开42件，占51.85%；不予公开39件，占48.15%；行政复议案件2件。');
  assert.equal(d.filter((f) => f.partOf === 0).map((f) => f.value), [42, 39]);
});

test('digit runs of tables run together are not prose', () => {
  assert.equal(figures('一、本年新收政府信息公开申请数量 713000074二、上年结转 1000001 三、结果 2100000210 8100009件'), []);
});

const rule = async (text: string) => (await audit(text, { file: 'p.txt', format: 'text' })).findings.filter((f) => f.ruleId === 'prose/breakdown-sum');

test('prose/breakdown-sum passes when the parts add up, or when two parts are only highlights', async () => {
  assert.equal(await rule('一、总体情况\n发布信息10条，其中指南1条、文件9条。'), []);
  assert.equal(await rule('一、总体情况\n主动公开251条。其中，项目审批信息191条，行政规范性文件3条。'), []);
});

test('prose/breakdown-sum fails with both numbers and every part with its source', async () => {
  const found = await rule('一、总体情况\n发布信息10条，其中指南1条、文件9条、动态3条。');
  assert.is(found.length, 1);
  assert.is(found[0]!.severity, 'error');
  assert.is(found[0]!.actual, 10);
  assert.is(found[0]!.expected, 13);
  assert.match(found[0]!.message, '指南1条、文件9条、动态3条');
  assert.equal(found[0]!.related!.map((r) => r.source.column), [13, 18, 23]);
  const less = await rule('一、总体情况\n发布信息20条，其中指南1条、文件9条、动态3条。');
  assert.is(less.length, 1);
});

test.run();
