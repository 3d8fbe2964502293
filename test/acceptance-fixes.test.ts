/**
 * The fixes the corpus acceptance test drove, each on our own fixtures (fixtures/acceptance/) or
 * small inline documents: rows we cannot read are told to the user with their splits; garbled
 * Markdown tables are read where the counts force it; wrapped prose lines are one sentence; parts
 * with shares find their total; prose-vs-table mappings that the words allow; an empty 统计期限.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { extractFigures } from '../src/extract/prose/index.js';
import { audit, type Figure, type Report } from '../src/index.js';
import { parseMarkdown } from '../src/ingest/markdown/index.js';
import { parseText } from '../src/ingest/text/index.js';
import { runRules } from '../src/rules/index.js';
import { metaPeriod } from '../src/rules/meta/period.js';
import { proseBreakdownSum } from '../src/rules/prose/breakdown-sum.js';
import { proseTableMismatch } from '../src/rules/prose/table-mismatch.js';
import { docOf, fixtureTables, rootOf } from './tables-grid.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/acceptance/${name}`, import.meta.url));
const errorsOf = (report: Report, family: RegExp) => report.findings.filter((f) => family.test(f.ruleId) && f.severity === 'error');

/** Audits a variant of a fixture (one replacement) from a temporary file with the same extension. */
async function auditVariant(name: string, from: string, to: string): Promise<Report> {
  const text = readFileSync(fixture(name), 'utf8');
  assert.ok(text.includes(from), `fixture ${name} contains ${from}`);
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-acceptance-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, text.replace(from, to));
    return await audit({ path });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- table/unreadable: one review finding per row we could not read -------------------------------

test('crawler text: an ambiguous table-二 row is a review finding that lists its splits; a missing row is named', async () => {
  const report = await audit({ path: fixture('crawler-t2-unreadable.txt') });
  const unreadable = report.findings.filter((f) => f.ruleId === 'table/unreadable');
  assert.ok(unreadable.every((f) => f.kind === 'review'));
  const split = unreadable.find((f) => f.message.includes('行政规范性文件'));
  assert.ok(split, 'the ambiguous row is reported');
  assert.match(split!.message, /“5416”/);
  assert.match(split!.message, /5\|4\|16、5\|41\|6、54\|1\|6/);
  assert.ok(split!.source.line && split!.source.column, 'the finding points at the digits');
  assert.ok(unreadable.some((f) => /“规章”一行未找到/.test(f.message)), 'the missing 规章 row is reported');
  // Never a guessed number: the row's cells are absent, the readable ones are there.
  assert.is(report.facts['t2.normative_docs.made'], undefined);
  assert.is(report.facts['t2.licensing.decisions']?.value, 0);
  assert.equal(errorsOf(report, /^(t3|t4|table)\//), []);
});

test('crawler text: 收到 N件 = 新收 + 上年结转 is no mismatch; any other number is', async () => {
  const report = await audit({ path: fixture('crawler-t2-unreadable.txt') });
  assert.equal(report.findings.filter((f) => f.ruleId === 'prose/table-mismatch'), []);
  const wrong = await auditVariant('crawler-t2-unreadable.txt', '共收到政府信息公开申请3件', '共收到政府信息公开申请4件');
  const found = wrong.findings.filter((f) => f.ruleId === 'prose/table-mismatch');
  assert.is(found.length, 1);
  assert.match(found[0]!.message, /正文称本年新收 4 件，但表三本年新收为 2/);
});

// --- Markdown: a garbled conversion ------------------------------------------------------------------

test('Markdown: delimiter rows inside a table body are not rows of the table', () => {
  const md = '| 项目 | 数量 | 备注 |\n|---|---|---|\n| 甲 | 1 | x |\n| 2 | 3 | 4 |\n|---|---|---|\n| 乙 | 5 | y |\n';
  const root = parseMarkdown(md, { file: 'inline.md' });
  const table = root.children.find((n) => n.type === 'table');
  assert.ok(table && table.type === 'table');
  const rows = table.children.map((row) => row.children.map((cell) => cell.value).join('|'));
  assert.equal(rows, ['项目|数量|备注', '甲|1|x', '2|3|4', '乙|5|y']);
});

test('Markdown: table 三 cut into pieces with label-less rows is read in full; table 二 lines outside the table too', async () => {
  const report = await audit({ path: fixture('garbled-split.md') });
  const t3 = Object.keys(report.facts).filter((k) => k.startsWith('t3.'));
  assert.is(t3.length, 25 * 7, 'every cell of table 三');
  // Label-less rows placed between their labelled neighbours (counts agree exactly).
  assert.is(report.facts['t3.results.partially_granted.total']?.value, 1);
  assert.is(report.facts['t3.results.withheld.internal_affairs.total']?.value, 1);
  assert.is(report.facts['t3.results.unable.not_held.org_commercial']?.value, 1);
  assert.is(report.facts['t3.results.other.overdue_correction.total']?.value, 1);
  assert.is(report.facts['t2.licensing.decisions']?.value, 12, 'a table-二 row printed as a line of text');
  assert.is(report.facts['t2.normative_docs.in_force']?.value, 20);
  assert.equal(errorsOf(report, /^(t3|t4|table)\//), []);
  assert.equal(report.findings.filter((f) => f.ruleId.startsWith('prose/')), []);
});

test('Markdown: a wrapped breakdown is one sentence (the unit may sit on the next line)', async () => {
  const ok = await audit({ path: fixture('garbled-split.md') });
  const labels = ok.figures.map((f) => `${f.label}=${f.value}${f.unit}`);
  assert.ok(labels.includes('动态类信息发布=80条'), labels.join(' '));
  assert.ok(labels.includes('部分公开答复=1件'), 'unit on the next line');
  assert.ok(labels.some((l) => l.startsWith('转下一年度') && l.endsWith('=1件')), 'label wrapped over two lines');
  const bad = await auditVariant('garbled-split.md', '累计发布信息 120 条', '累计发布信息 125 条');
  const sum = bad.findings.filter((f) => f.ruleId === 'prose/breakdown-sum');
  assert.is(sum.length, 1);
  assert.match(sum[0]!.message, /125 条”与所列分项之和 120条 不符/);
});

// --- prose figures -----------------------------------------------------------------------------------

function figuresOf(text: string): Figure[] {
  return extractFigures(parseText(text, { file: 'inline.txt' }));
}

test('figures: parts with shares belong to the total their shares point at, even in the sentence before', () => {
  const figures = figuresOf('答复申请200件（含上年结转10件）。予以公开100件，占50%；不予公开20件，占10%；无法提供60件，占30%；其他处理0件。');
  const total = figures.findIndex((f) => f.value === 200);
  const parts = figures.filter((f) => f.partOf === total).map((f) => f.value);
  assert.equal(parts, [100, 20, 60, 0]);
  assert.is(figures.find((f) => f.value === 10)!.partOf, undefined, 'the bracketed aside is no part');
});

test('figures: shares that point at no stated total link nothing', () => {
  const figures = figuresOf('答复申请500件。予以公开100件，占50%；不予公开20件，占10%；无法提供60件，占30%。');
  assert.ok(figures.every((f) => f.partOf === undefined));
});

test('figures: a 其中 list with an item that has no count is not a full breakdown', () => {
  const figures = figuresOf('当年发布政府信息393件，其中包括：行政规范性文件13件；规划计划文件2件；部门预算、决算信息；人大代表建议50件、政协提案85件。');
  const total = figures.findIndex((f) => f.value === 393);
  assert.equal(figures.filter((f) => f.partOf === total).map((f) => f.value), [13, 2]);
});

test('figures: counts with their unit after a space are prose, not a table row run together', () => {
  const figures = figuresOf('网站发布信息2139条，其中动态类1744条、政务信息393条、解读类21条。累计关注人数 1016823 人；阅读量 1924252 次，点赞量 303855 次。');
  assert.ok(figures.some((f) => f.value === 2139));
});

test('figures: cases counted in 起 are figures, and table 四 counts them as mentioned', () => {
  const figures = figuresOf('因依申请公开引发行政复议2起、行政诉讼7起，均已审结。2023年1月1日起施行。');
  assert.equal(figures.map((f) => `${f.label}=${f.value}${f.unit}`), ['因依申请公开引发行政复议=2起', '行政诉讼=7起']);
  const doc = docOf(rootOf(['因依申请公开引发行政复议2起、行政诉讼7起。', { table: fixtureTables('t3-2021.txt')[0]! }, { table: fixtureTables('t4.txt')[0]! }]));
  doc.figures = figures;
  assert.equal(runRules(doc, {}, [proseTableMismatch]), []);
});

// --- prose/breakdown-sum: shares -------------------------------------------------------------------

function breakdownFindings(text: string) {
  const root = parseText(text, { file: 'inline.txt' });
  const doc = docOf(root);
  doc.figures = extractFigures(root);
  return runRules(doc, {}, [proseBreakdownSum]);
}

test('prose/breakdown-sum: a share that does not match part ÷ total is a warning; rounded shares pass', () => {
  assert.equal(breakdownFindings('答复申请7件。予以公开3件，占42.9%；部分公开3件，占42.9%；不予公开1件，占14.3%。'), []);
  const findings = breakdownFindings('答复申请805件。予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；无法提供265件，占32.9%；不予处理247件，占30.7%。');
  assert.is(findings.length, 1);
  assert.is(findings[0]!.severity, 'warning');
  assert.match(findings[0]!.message, /258件”的占比写作 33\.9%，按“答复申请805件”计算应为 32\.0%/);
});

// --- prose/table-mismatch: what the words allow ----------------------------------------------------

const t3 = fixtureTables('t3-2021.txt')[0]!;
const t4 = fixtureTables('t4.txt')[0]!;
const t2 = fixtureTables('t2-2021.txt')[0]!;
const fig = (label: string, value: number, sentence: string): Figure => ({
  label, value, raw: `${value}件`, unit: '件', sentence, source: { file: 'fixture', line: 1, column: 1 },
});

function mismatch(figures: Figure[], paragraphs: string[] = [], tables: string[] = [t3, t4]) {
  const doc = docOf(rootOf([...paragraphs, ...tables.map((table) => ({ table }))]));
  doc.figures = figures;
  return runRules(doc, {}, [proseTableMismatch]);
}

test('prose/table-mismatch: 公开答复 is 予以公开, not the 办理结果总计', () => {
  assert.equal(mismatch([fig('公开答复', 22, '办结81件，其中公开答复22件')]), []);
  const found = mismatch([fig('公开答复', 23, '办结81件，其中公开答复23件')]);
  assert.is(found.length, 1);
  assert.match(found[0]!.message, /予以公开 23 件，但表三予以公开为 22/);
});

test('prose/table-mismatch: an office counting on behalf of the government is a review, not a warning', () => {
  const found = mismatch([fig('区政府办代表区政府受理政府信息公开申请', 17, '区政府办代表区政府受理政府信息公开申请17件')]);
  assert.is(found.length, 1);
  assert.is(found[0]!.kind, 'review');
  assert.is(found[0]!.severity, 'info');
  const plain = mismatch([fig('区政府受理政府信息公开申请', 17, '区政府受理政府信息公开申请17件')]);
  assert.is(plain[0]!.severity, 'warning');
});

test('prose/table-mismatch: 现行有效 / 制发 行政规范性文件 against table 二', () => {
  const doc = docOf(rootOf([{ table: t2 }]));
  const made = doc.facts['t2.normative_docs.made']!.value!;
  const inForce = doc.facts['t2.normative_docs.in_force']!.value!;
  const ok = mismatch([fig('现行有效行政规范性文件', inForce, `集中发布现行有效行政规范性文件${inForce}件`), fig('本年度制发的规范性文件', made, `制发的规范性文件${made}件`)], [], [t2]);
  assert.equal(ok, []);
  const found = mismatch([fig('现行有效行政规范性文件', inForce + 1, `集中发布现行有效行政规范性文件${inForce + 1}件`)], [], [t2]);
  assert.is(found.length, 1);
  assert.match(found[0]!.message, new RegExp(`现行有效行政规范性文件 ${inForce + 1} 件，但表二现行有效行政规范性文件为 ${inForce}`));
});

test('prose/table-mismatch: cases the prose never mentions count the parts when the 总计 is printed 0', () => {
  const zeroTotal = t4.replace('1|1|0|0|2|4|0|0|1|5|1|0|1|0|2', '1|1|0|0|0|0|0|0|0|0|0|0|0|0|0');
  assert.ok(zeroTotal !== t4);
  const found = mismatch([fig('收到政府信息公开申请', 81, '收到申请81件')], ['本机关重视行政复议工作。'], [t3, zeroTotal]);
  const review = found.find((f) => /行政复议/.test(f.message));
  assert.ok(review, found.map((f) => f.message).join(' / '));
  assert.match(review!.message, /表四显示行政复议 2 件，正文未提及其数量/);
});

// --- meta/period: an empty 统计期限 --------------------------------------------------------------------

test('meta/period: the statistical period sentence published without its dates', () => {
  const run = (text: string) => {
    const doc = docOf(parseText(text, { file: 'inline.txt' }));
    doc.meta.year = 2013;
    return runRules(doc, {}, [metaPeriod]);
  };
  assert.equal(run('本报告所列数据的统计期限自2013年1月1日至2013年12月31日。'), []);
  const found = run('本报告所列数据的统计期限自至。本报告的电子版可在门户网站下载。');
  assert.is(found.length, 1);
  assert.match(found[0]!.message, /统计期限的起止日期空缺/);
});

test.run();
