import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readCell } from '../src/extract/tables/cells.js';
import fc from 'fast-check';
import { droppedScore, editDistance, labelScore, normaliseLabel, uniqueLabel, unmatchedCount } from '../src/extract/tables/labels.js';
import { TEMPLATES } from '../src/templates/index.js';
import { extractTables } from '../src/extract/tables/index.js';
import { fixtureTables, rootOf } from './tables-grid.js';

const tablesOf = (name: string) => fixtureTables(name).map((table) => ({ table }));

test('cell semantics: blank, zero, na, number, text are different kinds; raw is kept', () => {
  assert.equal(readCell(''), { value: null, kind: 'blank' });
  assert.equal(readCell('\u00a0'), { value: null, kind: 'blank' });
  assert.equal(readCell('0'), { value: 0, kind: 'zero' });
  for (const na of ['—', '-', '－', '–', '——', '/', '／', '无']) assert.is(readCell(na).kind, 'na', na);
  assert.equal(readCell('１２'), { value: 12, kind: 'number' });
  assert.is(readCell('1,234').value, 1234);
  assert.is(readCell('1，234').value, 1234);
  assert.is(readCell('96171.6').value, 96171.6);
  assert.equal(readCell('251000元'), { value: 251000, kind: 'number', unit: '元' });
  assert.equal(readCell('12件'), { value: 12, kind: 'number', unit: '件' });
  assert.equal(readCell('-3'), { value: -3, kind: 'number', signed: true });
  assert.equal(readCell('增5'), { value: 5, kind: 'number', signed: true });
  assert.equal(readCell('减5'), { value: -5, kind: 'number', signed: true });
  assert.is(readCell('详见附件').kind, 'text');
});

test('labels: normalisation and tolerant matching', () => {
  assert.is(normaliseLabel('（一） 予以公开：'), '(一)予以公开');
  assert.is(normaliseLabel('1、属于国家秘密'), '1.属于国家秘密');
  assert.is(labelScore('3、危及"三安全一稳定"', '3.危及“三安全一稳定”'), 1);
  assert.ok(labelScore('5.属于三类内容事务信息', '5.属于三类内部事务信息') >= 0.8, 'typo tolerated');
  assert.is(labelScore('其他', '（六）其他处理'), 0, '其他 is not 其他处理');
  assert.ok(labelScore('总计', '（七）总计') < 0.8, 'the 总计 column is not the （七）总计 row');
});

test('T3 2021: every cell by label × header, with sources', () => {
  const { facts, tables } = extractTables(rootOf(tablesOf('t3-2021.txt')));
  const t3 = tables.find((t) => t.id === 't3')!;
  assert.is(t3.template, '2021');
  assert.is(t3.keys.length, 175);
  assert.equal(t3.missing, []);
  assert.is(t3.confidence, 1);
  assert.is(facts['t3.new_received.total']!.value, 81);
  assert.is(facts['t3.results.partially_granted.org_commercial']!.value, 1);
  assert.is(facts['t3.results.other.other.natural_person']!.value, 1);
  assert.is(facts['t3.carried_forward.total']!.value, 2);
  const src = facts['t3.results.withheld.third_party_rights.total']!.source;
  assert.equal([src.table, src.row, src.col], [1, 11, 10]);
});

test('T3 variants: 合计, 小计 column, typos, 、 numbering, 2019 one-row 其他处理', () => {
  const { facts, tables } = extractTables(rootOf(tablesOf('t3-variants.txt')));
  const t3 = tables.find((t) => t.id === 't3')!;
  assert.is(t3.template, '2019');
  assert.is(t3.keys.length, 23 * 7);
  assert.is(facts['t3.results.withheld.internal_affairs.natural_person']!.value, 1);
  assert.is(facts['t3.results.partially_granted.total']!.value, 1);
  assert.is(facts['t3.results.other.total']!.value, 1);
  assert.is(facts['t3.results.total.total']!.value, 14, '合计 read as total, 小计 not a fact');
  assert.not.ok(Object.keys(facts).some((k) => k.includes('subtotal')));
  assert.ok(t3.notes!.some((n) => n.includes('小计 2') && n.includes('3')), 'subtotal mismatch noted');
});

test('labels with dropped characters: matched only when one row of the table fits', () => {
  const rows = TEMPLATES['2021'].t3.rows;
  // Printed in two real reports: 法规禁 dropped.
  assert.is(uniqueLabel('2.其他法律行政止公开', rows)?.item.key, 'results.withheld.prohibited_by_law');
  assert.ok(labelScore('2.其他法律行政止公开', '2.其他法律行政法规禁止公开') < 0.8, 'plain edit distance rejects it');
  assert.is(uniqueLabel('1.本机关不掌相关信息', rows)?.item.key, 'results.unable.not_held');
  // Another item number, a substituted word, or too short to say: no match.
  assert.is(droppedScore('3.其他法律行政止公开', '2.其他法律行政法规禁止公开'), 0, 'item numbers differ');
  assert.is(uniqueLabel('2.其他行政机关禁止公开', rows), null, 'two characters replaced, not dropped');
  assert.is(uniqueLabel('2.其他', rows), null);
  // Two rows of the same table fit equally well: ambiguous, so neither.
  const twins = [
    { key: 'a', label: '1.属于国家秘密事项' },
    { key: 'b', label: '1.属于国家秘密信息' },
  ];
  assert.is(uniqueLabel('1.属于国家秘密', twins), null);
  assert.is(uniqueLabel('1.属于国家秘密', twins.slice(0, 1))?.item.key, 'a');
});

test('T3 with a label that lost characters: the row is read, the note says so', () => {
  const [text] = tablesOf('t3-2021.txt');
  const damaged = text!.table.replace('2.其他法律行政法规禁止公开|0|0|0|0|0|0|0', '2.其他法律行政止公开|1|0|0|0|0|0|1');
  assert.ok(damaged !== text!.table, 'fixture row found');
  const { facts, tables } = extractTables(rootOf([{ table: damaged }]));
  const t3 = tables.find((t) => t.id === 't3')!;
  assert.is(t3.keys.length, 175);
  assert.equal(t3.missing, []);
  assert.is(facts['t3.results.withheld.prohibited_by_law.natural_person']!.value, 1);
  assert.is(facts['t3.results.withheld.prohibited_by_law.total']!.source.row, facts['t3.results.withheld.state_secret.total']!.source.row! + 1);
  assert.is(facts['t3.results.withheld.state_secret.natural_person']!.value, 0, 'neighbour rows keep their own values');
  assert.ok(t3.notes!.some((n) => n.includes('2.其他法律行政止公开') && n.includes('缺字')));
});

test('T3 split over two tables: the headerless part inherits the columns', () => {
  const { facts, tables } = extractTables(rootOf(tablesOf('t3-split.txt')));
  const t3 = tables.find((t) => t.id === 't3')!;
  assert.is(t3.keys.length, 175);
  assert.is(facts['t3.results.unable.not_held.total']!.value, 2);
  assert.is(facts['t3.results.unable.not_held.total']!.source.table, 2);
});

test('T3 garbled conversion: label-less rows filled by template order at lower confidence', () => {
  const root = rootOf(tablesOf('t3-garbled.txt'));
  const { facts, tables } = extractTables(root);
  const t3 = tables.find((t) => t.id === 't3')!;
  assert.ok(t3.confidence < 1);
  assert.is(facts['t3.results.withheld.internal_affairs.total']!.value, 1);
  assert.is(facts['t3.results.unable.not_held.natural_person']!.value, 4);
  assert.is(facts['t3.results.unable.needs_creation.total']!.value, 6);
  assert.is(facts['t3.results.other.overdue_correction.org_commercial']!.value, 2);
  assert.is(facts['t3.results.other.overdue_fee.total']!.value, 0);
  assert.is(facts['t3.carried_forward.total']!.kind, 'blank');
  assert.is(facts['t3.new_received.total']!.value, 34);
});

test('T2 2019 on a misaligned 5-column grid: values named by their header', () => {
  const { facts, tables } = extractTables(rootOf(tablesOf('t2-2019-misaligned.txt')));
  const t2 = tables.find((t) => t.id === 't2')!;
  assert.is(t2.template, '2019');
  assert.is(facts['t2.regulations.total_published']!.value, 524);
  assert.is(facts['t2.licensing.change']!.value, 3);
  assert.is(facts['t2.licensing.decisions']!.value, 12);
  assert.is(facts['t2.penalty.change']!.kind, 'na');
  assert.is(facts['t2.penalty.decisions']!.value, 7);
  assert.is(facts['t2.fees.change']!.value, 0);
  assert.is(facts['t2.central_procurement.procurement_items']!.value, 6);
  const amount = facts['t2.central_procurement.procurement_amount']!;
  assert.equal([amount.raw, amount.value], ['251000元', 251000]);
  assert.equal(t2.missing, []);
});

test('T2 2021: 规范性文件 alias, full-width digits, separators', () => {
  const { facts, tables } = extractTables(rootOf(tablesOf('t2-2021.txt')));
  assert.is(tables.find((t) => t.id === 't2')!.template, '2021');
  assert.equal([facts['t2.normative_docs.made']!.value, facts['t2.normative_docs.made']!.raw], [12, '１２']);
  assert.is(facts['t2.normative_docs.in_force']!.value, 1234);
  assert.is(facts['t2.licensing.decisions']!.value, 2629);
  assert.is(facts['t2.fees.amount_wan_yuan']!.value, 5949.088667);
  assert.is(Object.keys(facts).length, 10);
});

test('T4 with header, and the same numbers without header at lower confidence', () => {
  const [withHeader, bare] = fixtureTables('t4.txt');
  const a = extractTables(rootOf([{ table: withHeader! }]));
  assert.is(a.tables[0]!.keys.length, 15);
  assert.is(a.facts['t4.litigation_direct.pending']!.value, 1);
  assert.is(a.facts['t4.litigation_after_review.other']!.value, 1);
  assert.is(a.tables[0]!.confidence, 1);
  const b = extractTables(rootOf(['四、政府信息公开行政复议、行政诉讼情况', { table: bare! }]));
  // A bare row of 15 numbers is not recognised as table 四 without any T4 label in or above it.
  assert.is(b.tables.length, 0);
});

test('T4 in nested tables: each inner table is named by the outer header over its cell', () => {
  // Outer 2×2 frame (行政复议 | 行政诉讼 over two cells holding tables 2 and 3), as HTML ingest gives it.
  const root = rootOf([
    { table: '行政复议|行政诉讼\n|' },
    { table: '结果维持|结果纠正|其他结果|尚未审结|总计\n2|1|0|1|4' },
    { table: '未经复议直接起诉|<|<|<|<|复议后起诉|<|<|<|<\n结果维持|结果纠正|其他结果|尚未审结|总计|结果维持|结果纠正|其他结果|尚未审结|总计\n1|0|0|1|2|1|0|0|0|1' },
  ]);
  const frame = root.children[0]!;
  if (frame.type === 'table') frame.children[1]!.children.forEach((cell, c) => { cell.data.nested = [c + 2]; });
  const { facts, tables, unreadable } = extractTables(root);
  const t4 = tables.find((t) => t.id === 't4')!;
  assert.is(t4.keys.length, 15);
  assert.is(t4.confidence, 1);
  assert.is(facts['t4.review.pending']!.value, 1);
  assert.is(facts['t4.review.total']!.source.table, 2);
  assert.is(facts['t4.litigation_after_review.total']!.value, 1);
  assert.equal(unreadable, [], 'neither the frame nor an inner table is unreadable');
  // Without the outer header the review numbers have no block: not read, and the table is flagged.
  if (frame.type === 'table') frame.children[0]!.children[0]!.value = '';
  const bare = extractTables(root);
  assert.not.ok('t4.review.total' in bare.facts);
  assert.is(bare.unreadable.length, 1);
});

test('tables are found by content anywhere and an image table is flagged', () => {
  const root = rootOf(['附表', ...tablesOf('t4.txt').slice(0, 1), ...tablesOf('t3-2021.txt')]);
  const image = rootOf([{ table: 'x' }]).children[0]!;
  if (image.type === 'table') image.data.image = true;
  root.children.push(image);
  const { tables, unreadable } = extractTables(root);
  assert.equal(tables.map((t) => t.id).sort(), ['t3', 't4']);
  assert.is(unreadable.length, 1);
});

test('the cheap bound that skips the edit-distance table never exceeds the distance (so no typo is ruled out wrongly)', () => {
  // Label-like strings: a few CJK characters and digits, so that pairs share characters often.
  const char = fc.constantFrom(...'其他法律行政法规禁止公开不予信息处理决定123（）、.'.split(''));
  const label = fc.array(char, { maxLength: 14 }).map((cs) => cs.join(''));
  fc.assert(fc.property(label, label, (a, b) => unmatchedCount(a, b) <= editDistance(a, b)), { seed: 11, numRuns: 3000 });
  assert.is(unmatchedCount('属于三类内容事务信息', '属于三类内部事务信息'), 1);
  assert.is(unmatchedCount('本年新收政府信息公开申请数量', '其他'), 14);
});

test.run();
