// HTML ingest on the hand-made fixtures (fixtures/html/README.md says what each one exercises).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ingest } from '../src/ingest/index.js';
import { parseHtml } from '../src/ingest/html/index.js';
import type { Root, TableNode } from '../src/model.js';

const dir = fileURLToPath(new URL('../fixtures/html/', import.meta.url));
const load = (name: string): Root => parseHtml(readFileSync(dir + name, 'utf8'), { file: name });
const tables = (root: Root): TableNode[] => root.children.filter((b): b is TableNode => b.type === 'table');
const shape = (t: TableNode): [number, number] => [t.children.length, t.children[0]?.children.length ?? 0];
const row = (t: TableNode, r: number): string[] => t.children[r - 1]!.children.map((c) => c.value);
const texts = (root: Root): string[] => root.children.flatMap((b) => (b.type === 'table' ? [] : [b.value]));

// The numbers every fixture carries (identities hold): see README.
const T3_NEW = ['40', '5', '0', '1', '2', '0', '48'];
const T3_TOTAL = ['41', '5', '0', '1', '2', '0', '49'];
const T4 = ['2', '1', '0', '1', '4', '1', '0', '0', '1', '2', '1', '0', '0', '0', '1'];

test('standard-2021: the template grids 14×4, 28×10, 4×15; chrome dropped; metadata read', () => {
  const root = load('standard-2021.html');
  assert.equal(tables(root).map(shape), [[14, 4], [28, 10], [4, 15]]);
  const [t2, t3, t4] = tables(root);
  assert.equal(row(t2!, 4), ['行政规范性文件', '12', '3', '85']);
  assert.equal(row(t2!, 14), ['行政事业性收费', '35.6', '35.6', '35.6']);
  assert.equal(t2!.children[13]!.children[2]!.data.spanOf, [14, 2]);
  assert.equal(row(t3!, 4).slice(3), T3_NEW);
  assert.equal(row(t3!, 27).slice(1), ['（七）总计', '（七）总计', ...T3_TOTAL]);
  assert.equal(row(t4!, 4), T4);
  assert.equal(root.data.metadata, { title: '示例市交通运输局2023年度政府信息公开工作年度报告', publishedOn: '2024-01-26', agency: '示例市交通运输局' });
  const all = texts(root).join('\n');
  for (const chrome of ['首页', '当前位置', '分享到', '上一篇', '下一篇', '相关链接', '版权所有', 'siteConfig', '字号']) {
    assert.not.ok(all.includes(chrome), `chrome "${chrome}" leaked`);
  }
  const headings = root.children.filter((b) => b.type === 'heading');
  assert.equal(headings.filter((h) => h.depth === 1).map((h) => h.value.slice(0, 2)), ['一、', '二、', '三、', '四、', '五、', '六、']);
  assert.equal(headings.filter((h) => h.depth === 2).length, 5);
  assert.equal(tables(root).map((t) => t.data.caption), ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '全年发生政府信息公开行政复议4件，行政诉讼3件。']);
});

test('colspan-mismatch: header and data cells span different grid columns; every origin keeps its span', () => {
  const [t2] = tables(load('colspan-mismatch.html'));
  assert.equal(shape(t2!), [14, 5]);
  // Header: 本年废止件数 covers columns 3–4; data: the 制发 value covers 2–3, 废止 sits in 4.
  assert.equal(row(t2!, 2), ['信息内容', '本年制发件数', '本年废止件数', '本年废止件数', '现行有效件数']);
  assert.equal(row(t2!, 4), ['行政规范性文件', '12', '12', '3', '85']);
  const made = t2!.children[3]!.children[1]!;
  assert.equal([made.data.colspan, t2!.children[3]!.children[2]!.data.spanOf], [2, [4, 2]]);
  assert.equal(row(t2!, 7), ['行政许可', '1530', '1530', '', '']);
});

test('split-labels: a wrapped label makes a continuation row with blank data cells; rowspans absorb it', () => {
  const [, t3] = tables(load('split-labels.html'));
  assert.equal(shape(t3!), [29, 10]);
  assert.equal(row(t3!, 24), ['三、本年度办理结果', '（六）其他处理', '1.申请人无正当理由逾期不补正、', '2', '0', '0', '0', '0', '0', '2']);
  assert.equal(row(t3!, 25), ['三、本年度办理结果', '（六）其他处理', '行政机关不再处理其政府信息公开申请', '', '', '', '', '', '', '']);
  assert.equal(row(t3!, 28).slice(3), T3_TOTAL);
});

test('annex-table: table 四 after section 六 under 附表 is marked annex, sections stay in order', () => {
  const root = load('annex-table.html');
  const found = tables(root);
  assert.is(found.length, 3);
  const t4 = found[2]!;
  assert.is(t4.data.annex, true);
  assert.is(t4.data.caption, '附表：政府信息公开行政复议、行政诉讼情况统计表');
  assert.equal(row(t4, 4), T4);
  assert.is(found[0]!.data.annex, undefined);
  const six = root.children.findIndex((b) => b.type === 'heading' && b.value.startsWith('六、'));
  assert.ok(root.children.indexOf(t4) > six);
});

test('split-table: table 三 in two <table>s, the second without a header, each a grid of its own', () => {
  const found = tables(load('split-table.html'));
  assert.equal(found.map(shape), [[14, 4], [12, 10], [16, 10], [4, 15]]);
  assert.equal(found.map((t) => t.data.index), [1, 2, 3, 4]);
  assert.equal(row(found[2]!, 1), ['三、本年度办理结果', '（三）不予公开', '6.属于四类过程性信息', '0', '1', '0', '0', '0', '0', '1']);
  assert.is(found[2]!.data.caption, '（续表）');
  assert.equal(row(found[2]!, 15).slice(3), T3_TOTAL);
});

test('no-header: table 三 without its three header rows is still a 25×10 grid', () => {
  const [, t3] = tables(load('no-header.html'));
  assert.equal(shape(t3!), [25, 10]);
  assert.equal(row(t3!, 1), ['一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量', '一、本年新收政府信息公开申请数量', ...T3_NEW]);
});

test('nested-table: inner tables become tables of their own, not text of the outer cells', () => {
  const found = tables(load('nested-table.html'));
  assert.equal(found.map(shape), [[14, 4], [28, 10], [2, 2], [2, 5], [3, 10]]);
  const outer = found[2]!;
  assert.equal(row(outer, 2), ['', '']);
  assert.equal(outer.children[1]!.children.map((c) => c.data.nested), [[4], [5]]);
  assert.equal(row(found[3]!, 2), T4.slice(0, 5));
  assert.equal(row(found[4]!, 3), T4.slice(5));
  assert.equal(row(found[4]!, 1).slice(4, 6), ['未经复议直接起诉', '复议后起诉']);
});

test('image-table: an image in a table frame and an image under a table heading are image tables', () => {
  const found = tables(load('image-table.html'));
  assert.equal(found.map((t) => t.data.image ?? false), [true, true, false]);
  assert.equal(found.map(shape), [[1, 1], [0, 0], [4, 15]]);
  assert.is(found[1]!.data.src, '/upload/2024/01/t3.jpg');
  assert.is(found[1]!.data.caption, '三、收到和处理政府信息公开申请情况');
});

test('word-sloppy: Word markup (MsoNormal, <o:p>, no </td></tr>, conditional rows) gives the standard grids', () => {
  const root = load('word-sloppy.html');
  const [t2, t3, t4] = tables(root);
  assert.equal([t2, t3, t4].map((t) => shape(t!)), [[14, 4], [28, 10], [4, 15]]);
  assert.equal(row(t3!, 4).slice(3), T3_NEW);
  assert.equal(row(t3!, 7).slice(1, 3), ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）']);
  assert.equal(row(t4!, 4), T4);
  // A source line break inside Chinese text is layout, not content.
  assert.ok(texts(root).includes('全年共收到政府信息公开申请48件，上年结转3件，办结49件，结转下年度2件。'));
  assert.is(root.data.metadata?.title, '示例市交通运输局2023年度政府信息公开工作年度报告');
});

test('gbk-no-charset: GBK bytes without any charset declaration read like the UTF-8 page', async () => {
  const root = await ingest({ path: `${dir}gbk-no-charset.html` });
  const standard = load('standard-2021.html');
  assert.equal(
    tables(root).map((t) => t.children.map((r) => r.children.map((c) => c.value))),
    tables(standard).map((t) => t.children.map((r) => r.children.map((c) => c.value))),
  );
  assert.equal(texts(root), texts(standard));
});

test('a body fragment without <html>, positions exact, <br> splits lines, &nbsp;-only cells blank', () => {
  const html = '<p>一、总体情况</p><p>第一行<br>第二行</p><table><tr><td>&nbsp;</td><td> 1 2 </td></tr></table>';
  const root = parseHtml(html, { file: 'frag.html' });
  assert.equal(texts(root), ['一、总体情况', '第一行', '第二行']);
  const second = root.children[2]!;
  assert.is(html.slice(second.position!.start.offset, second.position!.end.offset), '第二行');
  const [table] = tables(root);
  assert.equal(row(table!, 1), ['', '1 2']);
  assert.is(table!.children[0]!.children[1]!.position!.start.offset, html.indexOf('<td> 1'));
});

test('a page with only an image in its body reports that it is not machine-readable', () => {
  const root = parseHtml('<html><body><div class="TRS_Editor"><p><img src="scan.jpg" width="800" height="1100"></p></div></body></html>', { file: 'scan.html' });
  assert.is(root.data.problems?.[0]?.ruleId, 'file/not-machine-readable');
});

test.run();
