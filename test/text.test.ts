import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseText } from '../src/ingest/text/index.js';
import type { HeadingNode, TableNode } from '../src/model.js';
import { sourceOf } from '../src/util/source.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/text/${name}`, import.meta.url), 'utf8');
const headings = (text: string): string[] =>
  parseText(text, { file: 't.txt' }).children.filter((n): n is HeadingNode => n.type === 'heading').map((n) => `${n.depth}:${n.value}`);

test('several section headings on one line are split, prose and sub-headings kept', () => {
  const text = '三、收到和处理政府信息公开申请情况 四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 经过努力,成效明显。 (一)提高思想认识,打造平台 准确把握要求。 六、其他需要报告的事项 无。';
  assert.equal(headings(text), [
    '1:三、收到和处理政府信息公开申请情况', '1:四、政府信息公开行政复议、行政诉讼情况', '1:五、存在的主要问题及改进情况',
    '2:(一)提高思想认识,打造平台', '1:六、其他需要报告的事项',
  ]);
});

test('a T3 row label or an enumeration is not a section heading', () => {
  const text = '三、收到和处理政府信息公开申请情况 申请人情况 一、本年新收政府信息公开申请数量 300000030二、上年结转政府信息公开申请数量 0000000 三、本年度办理结果';
  assert.equal(headings(text), ['1:三、收到和处理政府信息公开申请情况']);
  assert.equal(headings('我们的做法：一、加强领导，二、完善制度。'), []);
});

test('headings glued to the digits of a run-together table are found', () => {
  assert.equal(headings('继续办理0000000四、政府信息公开行政复议、行政诉讼情况行政复议 0 0'), ['1:四、政府信息公开行政复议、行政诉讼情况']);
});

test('every node is a verbatim slice with exact line and column', () => {
  const text = fixture('crawler-header.txt');
  const tree = parseText(text, { file: 'c.txt' });
  for (const node of tree.children) {
    if (node.type === 'table') continue;
    assert.ok(node.data?.verbatim);
    const start = node.position!.start;
    assert.is(text.slice(start.offset!, start.offset! + node.value.length), node.value);
  }
  const para = tree.children.find((n) => n.type === 'paragraph' && n.value.includes('主动公开政府信息50条'))!;
  const at = (para as { value: string }).value.indexOf('50条');
  const source = sourceOf(tree, para, at);
  const line = text.split('\n')[source.line! - 1]!;
  assert.is(line.slice(source.column! - 1, source.column! + 2), '50条');
});

test('crawler header lines go to metadata, not to the body', () => {
  const tree = parseText(fixture('crawler-header.txt'), { file: 'c.txt' });
  assert.equal(tree.data.metadata, {
    title: '示例区交通局2024年度政府信息公开工作年度报告', publishedOn: '2025-02-10', agency: '示例区交通局', url: 'https://example.gov.cn/nb/2025/t1.htm',
  });
  assert.not.ok(tree.children.some((n) => n.type !== 'table' && /标题:|发布时间|原文链接|正文 ====/.test(n.value)));
});

test('tab-separated lines become a table with cell positions', () => {
  const text = fixture('clean-2023-department.txt');
  const tree = parseText(text, { file: 'c.txt' });
  const table = tree.children.find((n): n is TableNode => n.type === 'table')!;
  assert.is(table.data.origin, 'text-separated');
  assert.is(table.children.length, 3);
  const cell = table.children[2]!.children[3]!;
  assert.is(cell.value, '10');
  assert.is(text.slice(cell.position!.start.offset!, cell.position!.end.offset!), '10');
  assert.is(table.children[0]!.children.length, table.children[1]!.children.length);
});

test('a 20 000-line text is read in linear time (no hang)', () => {
  const line = '（一）主动公开方面 我局公开信息10条、办事指南2条。一、二、三、四、五、 六 十 1234567 ';
  const text = Array.from({ length: 20000 }, () => line).join('\n') + '\n' + line.repeat(2000);
  const tree = parseText(text, { file: 'big.txt' });
  assert.ok(tree.children.length > 20000);
});

test.run();
