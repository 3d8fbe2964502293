// Large and repetitive inputs: the shortcuts that keep every stage linear must give the same answers as a
// plain search would (timings are in bench/text-large.mjs, not here).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { extractFigures } from '../src/extract/prose/index.js';
import { extractTextRunTables } from '../src/extract/text-runs/index.js';
import { findIn, labelRegex } from '../src/extract/text-runs/labels.js';
import { splitRun, tokenize, valuesOf } from '../src/extract/text-runs/split.js';
import { parseText } from '../src/ingest/text/index.js';
import { pointAt } from '../src/util/source.js';

/** The first match at or after `from` in the whole text, null when it ends after `to` (no window shortcut). */
function plainFindIn(re: RegExp, text: string, from: number, to: number): { start: number; end: number } | null {
  const global = new RegExp(re.source, 'g');
  global.lastIndex = from;
  const m = global.exec(text);
  return m && m.index + m[0].length <= to ? { start: m.index, end: m.index + m[0].length } : null;
}

test('findIn in a window answers as a search of the whole text does, also for labels cut by the window end', () => {
  const labels = ['（一）予以公开', '本年新收政府信息公开申请数量', '总计'];
  const re = labelRegex(labels);
  // Labels spread with white space (scrapes split words), separated by digits and prose.
  const text = '说明 （ 一 ） 予 以\n公 开 3 0 0 0 0 0 3 本年新收政府 信息公开申请数量 12 总\u3000计 7 其他文字（一）予以公开';
  let checked = 0;
  for (let from = 0; from < text.length; from++) {
    for (let to = from; to <= text.length; to++) {
      assert.equal(findIn(re, text, from, to), plainFindIn(re, text, from, to), `from ${from} to ${to}`);
      checked++;
    }
  }
  assert.ok(checked > 1000);
  // A label that starts inside the window but ends after it is not found, not even as a shorter alias.
  const start = text.indexOf('本年新收');
  assert.equal(findIn(re, text, start, start + 6), null);
});

test('a figure after a very long digit run is read, with its column', () => {
  const run = '1'.repeat(100_000);
  const text = `示例区政府2022年政府信息公开工作年度报告\n一、总体情况\n编号${run}，本年发布信息5条。\n`;
  const tree = parseText(text, { file: 'run.txt' });
  const figures = extractFigures(tree);
  assert.equal(figures.map((f) => [f.value, f.unit, f.raw]), [[5, '条', '5条']]);
  const line = text.split('\n')[2]!;
  assert.equal(figures[0]!.source.line, 3);
  assert.equal(figures[0]!.source.column, line.indexOf('5条') + 1);
});

test('a digit run followed by its unit is still one figure; commas and full-width digits too', () => {
  const text = '示例区政府2022年政府信息公开工作年度报告\n本年共受理申请1,234件，其中１２件已办结，另有0012个。\n';
  const figures = extractFigures(parseText(text, { file: 'x.txt' }));
  assert.equal(figures.map((f) => [f.raw, f.value]), [['1,234件', 1234], ['１２件', 12], ['0012个', 12]]);
});

test('many lines split by wide spaces without numbers stay prose; the table after them is still found', () => {
  const prose = '甲单位  乙单位  丙单位\n'.repeat(3000);
  for (const table of ['甲\t1\t2\n乙\t3\t4\n', '\n甲  1  2\n乙  3  4\n']) {
    const tree = parseText(`${prose}${table}`, { file: 'x.txt' });
    const kinds = tree.children.map((node) => node.type);
    assert.equal(kinds.filter((kind) => kind === 'paragraph').length, 3000);
    const tables = tree.children.filter((node) => node.type === 'table');
    assert.is(tables.length, 1);
    assert.equal(tables[0]!.children.map((row) => row.children.map((cell) => cell.value)), [['甲', '1', '2'], ['乙', '3', '4']]);
  }
});

test('table 四 after a long stretch of repeated column headers is read', () => {
  const headers = '行政复议 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计 '.repeat(2000);
  const text = `${headers}1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n`;
  const tree = parseText(text, { file: 'x.txt' });
  const { facts, tables } = extractTextRunTables(tree);
  assert.ok(tables.some((table) => table.id === 't4'));
  assert.is(facts['t4.review.upheld']?.value, 1);
  assert.is(facts['t4.review.total']?.value, 1);
});

test('a decimal or money cell holds at most 24 characters: a long digit run is no cell', () => {
  assert.equal(splitRun(tokenize('1'.repeat(100_000)), ['decimal']), { candidates: [], truncated: false });
  assert.equal(splitRun(tokenize(`3 ${'9'.repeat(100_000)}元`), ['int', 'money']).candidates, []);
  const wide = `${'1'.repeat(20)}.125`;
  assert.equal(splitRun(tokenize(wide), ['decimal']).candidates.map(valuesOf), [[Number(wide)]]);
});

test('positions are the same for two copies of one text', () => {
  const text = 'a\nbb\nccc\n'.repeat(1000);
  const copy = [...text].join('');
  assert.equal(pointAt(text, 25), pointAt(copy, 25));
  assert.equal(pointAt(copy, 9_000), { line: 3001, column: 1, offset: 9_000 });
  assert.equal(pointAt(text, 9_000), pointAt(copy, 9_000));
});

test.run();
