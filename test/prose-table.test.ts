import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Figure } from '../src/model.js';
import { runRules } from '../src/rules/index.js';
import { proseTableMismatch } from '../src/rules/prose/table-mismatch.js';
import { docOf, fixtureTables, rootOf } from './tables-grid.js';

const t3 = fixtureTables('t3-2021.txt')[0]!;
const t4 = fixtureTables('t4.txt')[0]!;
const fig = (label: string, value: number, sentence: string): Figure => ({
  label, value, raw: `${value}件`, unit: '件', sentence, source: { file: 'fixture', line: 1, column: 1 },
});

function run(figures: Figure[], paragraphs: string[] = []) {
  const doc = docOf(rootOf([...paragraphs, { table: t3 }, { table: t4 }]));
  doc.figures = figures;
  return runRules(doc, {}, [proseTableMismatch]);
}

test('prose/table-mismatch: matching figures give nothing', () => {
  const findings = run([
    fig('收到政府信息公开申请', 81, '本年度共收到政府信息公开申请81件'),
    fig('上年结转', 2, '上年结转2件'),
    fig('办结', 81, '办结81件'),
    fig('结转下年度', 2, '结转下年度2件'),
    fig('不予公开', 5, '不予公开5件'),
    fig('行政复议', 2, '行政复议2件'),
    fig('行政诉讼', 7, '行政诉讼7件'),
  ], ['本年度发生行政复议2件、行政诉讼7件。']);
  assert.equal(findings, []);
});

test('prose/table-mismatch: counts that disagree, with the cells and a hint', () => {
  const findings = run([fig('受理政府信息公开申请', 85, '受理政府信息公开申请85件'), fig('无法提供', 31, '无法提供31件'), fig('予以公开及部分公开', 22, '予以公开及部分公开22件')]);
  assert.is(findings.length, 2);
  assert.match(findings[0]!.message, /正文称本年新收 85 件，但表三本年新收为 81/);
  assert.equal([findings[0]!.expected, findings[0]!.actual], [81, 85]);
  assert.match(findings[1]!.message, /予以公开及部分公开 22 件，但表三予以公开及部分公开为 42/);
  assert.match(findings[1]!.hint ?? '', /可能只引用了/);
});

test('prose/table-mismatch: 均获维持 against pending and corrected cells', () => {
  const findings = run([], ['行政复议2件、行政诉讼7件，均获维持。']);
  assert.is(findings.length, 1);
  assert.match(findings[0]!.message, /尚未审结 1 件、结果纠正 1 件/);
});

test('prose/table-mismatch: table 四 counts the prose never mentions → review', () => {
  const findings = run([fig('收到政府信息公开申请', 81, '收到申请81件')], ['本机关高度重视行政复议和诉讼应诉工作。']);
  assert.ok(findings.length >= 2);
  assert.ok(findings.every((f) => f.kind === 'review'));
});

test.run();
