import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { auditMany, type Finding, type Report } from '../src/index.js';
import { agencyKey, runCrossRules } from '../src/batch/rules/index.js';
import { sameFigure } from '../src/batch/rules/copied-figure.js';
import type { CarryCell, Summary, SummaryCell } from '../src/batch/types.js';

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const crossFixtures = fileURLToPath(new URL('../fixtures/cross/', import.meta.url));

const cell = (file: string, value: number | null, raw = value === null ? '' : String(value)): CarryCell =>
  ({ value, raw, kind: value === null ? 'blank' : value === 0 ? 'zero' : 'number', source: { file, table: 3, row: 5, col: 9 } });

function summary(file: string, agency: string | null, year: number | null, extra: Partial<Summary> = {}): Summary {
  return { file, agency, year, template: '2021', contentHash: file, factsHash: null, carriedOver: {}, carriedForward: {}, t2: {}, texts: [], ...extra };
}

/** t2 cells from `{ 'normative_docs.in_force': '9' }`; '' and '—' are kept as non-numbers. */
function t2(file: string, cells: Record<string, string>): Record<string, SummaryCell> {
  const out: Record<string, SummaryCell> = {};
  let row = 3;
  for (const [key, raw] of Object.entries(cells)) {
    out[`t2.${key}`] = { value: /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : null, raw, source: { file, table: 1, row: row++, col: 2 } };
  }
  return out;
}
const docs = (file: string, made: string, repealed: string, inForce: string, row = 'normative_docs') =>
  t2(file, { [`${row}.made`]: made, [`${row}.repealed`]: repealed, [`${row}.in_force`]: inForce });

const PROBLEMS = '一是公开内容还不够全面，部分栏目更新不够及时，信息发布的规范性有待加强；二是政策解读形式较为单一，图解和视频解读数量偏少，解读的针对性不强；三是工作人员业务能力有待提升，对条例的理解还不够深入。下一步，我局将进一步完善信息发布机制，丰富政策解读形式，加强业务培训，不断提高政府信息公开工作水平。';

test('agency names: full-width/half-width and spaces folded; different names stay apart', () => {
  assert.is(agencyKey('平潭综合实验区 财政金融局'), agencyKey('平潭综合实验区财政金融局'));
  assert.is(agencyKey('ＡＢ局（试点）'), agencyKey('AB局(试点)'));
  assert.is.not(agencyKey('某县人民政府办公室'), agencyKey('某县政府办'));
  assert.is(agencyKey('淮安市洪泽区人民政府'), agencyKey('洪泽区人民政府'));
  assert.is(agencyKey('江苏省淮安市洪泽区人民政府'), '洪泽区人民政府');
  assert.is(agencyKey('上海市人民政府办公厅'), '上海市人民政府办公厅');
  assert.is(agencyKey('淮安市财政局'), '淮安市财政局');
  assert.is(agencyKey('淮安市市场监督管理局'), '淮安市市场监督管理局');
  assert.is(agencyKey('  '), null);
});

test('cross-year/carry-over: per column, 2019+ pairs, numbers only, both cells with sources', async () => {
  const y2023 = summary('a-2023.txt', '某区政府', 2023, { carriedForward: { total: cell('a-2023.txt', 4), natural_person: cell('a-2023.txt', 3), org_other: cell('a-2023.txt', null) } });
  const y2024 = summary('a-2024.txt', '某区 政府', 2024, { carriedOver: { total: cell('a-2024.txt', 4), natural_person: cell('a-2024.txt', 2), org_other: cell('a-2024.txt', 0) } });
  const other = summary('b-2024.txt', '另一区政府', 2024, { carriedOver: { total: cell('b-2024.txt', 9) } });
  const findings = (await runCrossRules([y2023, y2024, other])).filter((f) => f.ruleId === 'cross-year/carry-over');
  assert.is(findings.length, 1, 'only natural_person differs; blank vs 0 is not compared; another agency is not paired');
  const [f] = findings as [Finding];
  assert.is(f.source.file, 'a-2024.txt');
  assert.is(f.expected, 3);
  assert.is(f.actual, 2);
  assert.equal(f.cells!.map((c) => [c.key, c.source.file]), [['t3.carried_over.natural_person', 'a-2024.txt'], ['t3.carried_forward.natural_person', 'a-2023.txt']]);
  assert.match(f.message, /自然人.*2023 年报告/);
  // A 2018 → 2019 pair is not checked (the 2019 tables started with the 2019 reports).
  const old = await runCrossRules([
    summary('x-2018.txt', '某区政府', 2018, { carriedForward: { total: cell('x-2018.txt', 5) } }),
    summary('x-2019.txt', '某区政府', 2019, { carriedOver: { total: cell('x-2019.txt', 1) } }),
  ]);
  assert.is(old.length, 0);
});

test('cross-year/copied-text: same agency last year or another agency → quoted span and the other report named', async () => {
  const texts = (file: string, text: string): Summary['texts'] => [{ section: 'problems', text, source: { file, line: 20, column: 1 } }];
  const a2023 = summary('a-2023.txt', '甲局', 2023, { texts: texts('a-2023.txt', PROBLEMS) });
  const a2024 = summary('a-2024.txt', '甲局', 2024, { texts: texts('a-2024.txt', PROBLEMS.replace('我局', '本局')) });
  const b2024 = summary('b-2024.txt', '乙局', 2024, { texts: texts('b-2024.txt', '本年度我们重点推进了基层政务公开标准化规范化建设，梳理公开事项目录，完善依申请公开工作流程，开展了政策解读和回应关切工作，群众满意度有所提高，但仍存在公开深度不够、解读质量不高等问题。') });
  const findings = (await runCrossRules([a2023, a2024, b2024])).filter((f) => f.ruleId === 'cross-year/copied-text');
  assert.is(findings.length, 1, `${JSON.stringify(findings.map((f) => f.message))}`);
  const [f] = findings as [Finding];
  assert.is(f.source.file, 'a-2024.txt');
  assert.match(f.message, /五、存在的主要问题及改进情况.*本机关 2023 年的报告（a-2023\.txt）/);
  assert.match(f.message, /例如：“.*公开内容还不够全面/);
  assert.is(f.related![0]!.source.file, 'a-2023.txt');
  // Another agency copying the same year.
  const c2024 = summary('c-2024.txt', '丙局', 2024, { texts: texts('c-2024.txt', PROBLEMS) });
  const copied = (await runCrossRules([a2023, c2024])).filter((f) => f.ruleId === 'cross-year/copied-text');
  assert.is(copied.length, 1);
  assert.match(copied[0]!.message, /甲局的报告（a-2023\.txt）/);
  // A short 六 (just 无) is never "copied".
  const short = (await runCrossRules([summary('p.txt', '丁局', 2024, { texts: texts('p.txt', '无。') }), summary('q.txt', '戊局', 2024, { texts: texts('q.txt', '无。') })]));
  assert.is(short.length, 0);
});

test('batch/duplicate: same bytes, or same agency + year + facts; the first copy is not flagged', async () => {
  const findings = await runCrossRules([
    summary('a.txt', '甲局', 2024, { contentHash: 'h1', factsHash: 'f1' }),
    summary('a-copy.txt', '甲局', 2024, { contentHash: 'h1', factsHash: 'f1' }),
    summary('a.html', '甲 局', 2024, { contentHash: 'h2', factsHash: 'f1' }),
    summary('b.txt', '乙局', 2024, { contentHash: 'h3', factsHash: 'f1' }),
  ]);
  const dups = findings.filter((f) => f.ruleId === 'batch/duplicate');
  assert.equal(dups.map((f) => f.source.file), ['a-copy.txt', 'a.html']);
  assert.match(dups[0]!.message, /与 a\.txt 内容完全相同/);
  assert.match(dups[1]!.message, /同一机关同一年度/);
});

test('settings: off and severity apply to cross rules; targets limit who is reported (--prior)', async () => {
  const s = [summary('a.txt', '甲局', 2024, { contentHash: 'h' }), summary('b.txt', '甲局', 2024, { contentHash: 'h' })];
  assert.is((await runCrossRules(s, { 'batch/duplicate': 'off' })).length, 0);
  assert.is((await runCrossRules(s, { 'batch/duplicate': 'error' }))[0]!.severity, 'error');
  assert.is((await runCrossRules(s, {}, (x) => x.file === 'a.txt')).length, 0, 'the finding on b.txt is dropped when only a.txt is audited');
});

test('--prior through auditMany: last year is a reference only', async () => {
  const fixture = fileURLToPath(new URL('../fixtures/batch/agency-a-2024.txt', import.meta.url));
  const items = [];
  for await (const item of auditMany([fixture], { jobs: 1, prior: [fixture], cacheDir: null })) items.push(item);
  assert.is(items.filter((i) => i.type === 'report').length, 1, 'the prior report is not yielded');
  const cross = items.find((i) => i.type === 'cross');
  assert.ok(cross && cross.type === 'cross');
  assert.equal(cross.findings.map((f) => [f.ruleId, f.source.file]), [['batch/duplicate', fixture]], 'compared with the prior (same bytes)');
});

test('cross-year/in-force: in_force@Y vs in_force@Y-1 + made − repealed, both rows, four cells with sources', async () => {
  const run = async (...s: Summary[]) => (await runCrossRules(s)).filter((f) => f.ruleId === 'cross-year/in-force');
  // Holds: 10 + 3 − 1 = 12, and 规章 0 + 0 − 0 = 0.
  const ok = await run(
    summary('a-2023.txt', '甲局', 2023, { t2: { ...docs('a-2023.txt', '2', '1', '10'), ...docs('a-2023.txt', '0', '0', '0', 'regulations') } }),
    summary('a-2024.txt', '甲局', 2024, { t2: { ...docs('a-2024.txt', '3', '1', '12'), ...docs('a-2024.txt', '0', '0', '0', 'regulations') } }),
  );
  assert.equal(ok, []);
  // Does not hold, but possible: 470 + 62 − 33 = 499, published 440.
  const [gap, ...rest1] = await run(
    summary('g-2023.txt', '某区人民政府', 2023, { t2: docs('g-2023.txt', '77', '132', '470') }),
    summary('g-2024.txt', '某区人民政府', 2024, { t2: { ...docs('g-2024.txt', '62', '33', '440'), ...docs('g-2024.txt', '0', '0', '0', 'regulations') } }),
  );
  assert.is(rest1.length, 0, '规章 (no 2023 cell) is not compared');
  assert.ok(gap);
  assert.is(gap.source.file, 'g-2024.txt');
  assert.is(gap.expected, 499);
  assert.is(gap.actual, 440);
  assert.is(gap.severity, 'warning');
  assert.is(gap.kind, 'review');
  assert.match(gap.message, /“行政规范性文件”现行有效件数 440.*2023 年现行有效件数 470 \+ 本年制发件数 62 − 本年废止件数 33 = 499，相差 -59/);
  assert.match(gap.message, /失效、清理.*合理性/);
  assert.not.match(gap.message, /不可能/);
  assert.equal(gap.cells!.map((c) => [c.key, c.raw, c.source.file]), [
    ['t2.normative_docs.in_force', '440', 'g-2024.txt'],
    ['t2.normative_docs.made', '62', 'g-2024.txt'],
    ['t2.normative_docs.repealed', '33', 'g-2024.txt'],
    ['t2.normative_docs.in_force', '470', 'g-2023.txt'],
  ]);
  assert.is(gap.related![0]!.source.file, 'g-2023.txt');
  // Impossible: 46 repealed out of at most 9 + 16 (the 经济发展局 case).
  const [bad] = await run(
    summary('j-2024.txt', '经济发展局', 2024, { t2: docs('j-2024.txt', '11', '2', '9') }),
    summary('j-2025.txt', '经济发展局', 2025, { t2: docs('j-2025.txt', '16', '46', '40') }),
  );
  assert.ok(bad);
  assert.is(bad.expected, -21);
  assert.is(bad.actual, 40);
  assert.match(bad.message, /本年废止件数 46 大于 2024 年现行有效件数 9 与本年制发件数 16 之和 25，不可能/);
  assert.is(bad.source.row, 4, 'points at the 废止 cell');
  // Blank, — and missing cells say nothing; nor do non-consecutive years or other agencies.
  const silent = await run(
    summary('b-2023.txt', '乙局', 2023, { t2: docs('b-2023.txt', '2', '1', '') }),
    summary('b-2024.txt', '乙局', 2024, { t2: docs('b-2024.txt', '3', '1', '99') }),
    summary('c-2023.txt', '丙局', 2023, { t2: docs('c-2023.txt', '2', '1', '10') }),
    summary('c-2024.txt', '丙局', 2024, { t2: docs('c-2024.txt', '—', '1', '99') }),
    summary('d-2022.txt', '丁局', 2022, { t2: docs('d-2022.txt', '2', '1', '10') }),
    summary('d-2024.txt', '丁局', 2024, { t2: docs('d-2024.txt', '3', '1', '99') }),
    summary('e-2024.txt', '戊局', 2024, { t2: docs('e-2024.txt', '3', '1', '99') }),
  );
  assert.equal(silent, []);
  // Twin files of one report (HTML + text): the first with the cells is used, and flagged once.
  const twins = await run(
    summary('h-2023.txt', '某区人民政府', 2023, { t2: docs('h-2023.txt', '', '', '') }),
    summary('h-2023.html', '某区人民政府', 2023, { t2: docs('h-2023.html', '77', '132', '470') }),
    summary('h-2024.txt', '某区人民政府', 2024),
    summary('h-2024.html', '某区人民政府', 2024, { t2: docs('h-2024.html', '62', '33', '440') }),
  );
  assert.equal(twins.map((f) => [f.source.file, f.related![0]!.source.file]), [['h-2024.html', 'h-2023.html']]);
});

test('batch/copied-figure: comparing figures (rounding, adjacent transposition, at least 4 significant digits)', () => {
  assert.equal(sameFigure(5949.088667, 5949.088667), { how: 'equal' });
  assert.equal(sameFigure(5949.09, 5949.088667), { how: 'rounded' });
  assert.equal(sameFigure(4166.214619, 4166.241619), { how: 'transposed' });
  assert.equal(sameFigure(18615.06, 18651.06), { how: 'transposed' });
  assert.is(sameFigure(4166.214619, 4166.244619), null, 'two digits changed, not swapped');
  assert.is(sameFigure(4166.2146, 4166.4126), null, 'digits swapped but not adjacent');
  assert.is(sameFigure(12.5, 12.5), null, 'too few significant digits');
  assert.is(sameFigure(1200, 1200), null, 'trailing zeros are not significant');
  assert.is(sameFigure(1865, 18651.06), null);
  assert.is(sameFigure(0, 0), null);
});

test('batch/copied-figure: a department repeating the area government\'s fee total → the department is flagged', async () => {
  const fee = (file: string, raw: string) => t2(file, { 'fees.amount_wan_yuan': raw });
  const run = async (...s: Summary[]) => (await runCrossRules(s)).filter((f) => f.ruleId === 'batch/copied-figure');
  const gov23 = summary('gov-2023.txt', '某区人民政府', 2023, { t2: fee('gov-2023.txt', '5949.088667') });
  const zone25 = summary('zone-2025.html', '平潭综合实验区', 2025, { t2: fee('zone-2025.html', '4166.241619') });
  const findings = await run(
    gov23,
    summary('cz-2023.txt', '某区财政局', 2023, { t2: fee('cz-2023.txt', '5949.09') }),
    zone25,
    summary('cj-2025.txt', '平潭综合实验区财政金融局', 2025, { t2: fee('cj-2025.txt', '4166.214619') }),
    // Not flagged: its own figure; the same figure in another year; a small figure; a department as reference.
    summary('tj-2023.txt', '某区统计局', 2023, { t2: fee('tj-2023.txt', '1865') }),
    summary('cz-2024.txt', '某区财政局', 2024, { t2: fee('cz-2024.txt', '5949.088667') }),
    summary('gov-2022.txt', '某区人民政府', 2022, { t2: fee('gov-2022.txt', '12.5') }),
    summary('jt-2022.txt', '某区交通局', 2022, { t2: fee('jt-2022.txt', '12.5') }),
    summary('ban-2025.txt', '平潭综合实验区管委会办公室', 2025, { t2: fee('ban-2025.txt', '0') }),
    summary('sw-2025.txt', '平潭综合实验区商务局', 2025, { t2: fee('sw-2025.txt', '4166.214619') }),
  );
  assert.equal(findings.map((f) => f.source.file), ['cz-2023.txt', 'cj-2025.txt', 'sw-2025.txt'], 'sw copies the zone too; the 财政金融局 is no reference, being a department');
  const [rounded, transposed] = findings as [Finding, Finding];
  assert.is(rounded.severity, 'warning');
  assert.is(rounded.kind, 'review');
  assert.match(rounded.message, /“行政事业性收费”本年收费金额（万元） 5949\.09 与某区人民政府 2023 年总体报告（gov-2023\.txt）的同一数字 5949\.088667 四舍五入后相同/);
  assert.match(transposed.message, /4166\.214619 与平潭综合实验区 2025 年总体报告（zone-2025\.html）的同一数字 4166\.241619 仅有相邻两位数字顺序颠倒/);
  assert.equal(transposed.cells!.map((c) => [c.key, c.raw, c.source.file]), [
    ['t2.fees.amount_wan_yuan', '4166.214619', 'cj-2025.txt'],
    ['t2.fees.amount_wan_yuan', '4166.241619', 'zone-2025.html'],
  ]);
  assert.equal(transposed.related!.map((r) => r.source.file), ['zone-2025.html']);
  // The 2019 format's 政府集中采购 总金额 is compared the same way.
  const procurement = await run(
    summary('gov-2019.txt', '某县人民政府', 2019, { template: '2019', t2: t2('gov-2019.txt', { 'central_procurement.procurement_amount': '251387' }) }),
    summary('cg-2019.txt', '某县采购中心', 2019, { template: '2019', t2: t2('cg-2019.txt', { 'central_procurement.procurement_amount': '251387' }) }),
  );
  assert.equal(procurement.map((f) => [f.source.file, f.cells![0]!.key]), [['cg-2019.txt', 't2.central_procurement.procurement_amount']]);
  assert.match(procurement[0]!.message, /“政府集中采购”采购总金额 251387 .* 相同/);
});

test('fixtures/cross through auditMany: in-force and copied-figure findings end to end', async () => {
  const files = readdirSync(crossFixtures).filter((f) => f.endsWith('.txt')).sort().map((f) => join(crossFixtures, f));
  let cross: Finding[] = [];
  for await (const item of auditMany(files, { jobs: 1, cacheDir: null })) if (item.type === 'cross') cross = item.findings;
  const mine = cross.filter((f) => f.ruleId === 'cross-year/in-force' || f.ruleId === 'batch/copied-figure');
  const name = (p: string) => p.split('/').pop();
  assert.equal(mine.map((f) => [name(f.source.file), f.ruleId, f.cells![0]!.key, f.actual]), [
    ['caizhengju-2023.txt', 'batch/copied-figure', 't2.fees.amount_wan_yuan', 5949.09],
    ['caizhengju-2024.txt', 'batch/copied-figure', 't2.fees.amount_wan_yuan', 18615.06],
    ['gov-2024.txt', 'cross-year/in-force', 't2.normative_docs.in_force', 440],
    ['jiaotongju-2024.txt', 'cross-year/in-force', 't2.normative_docs.in_force', 40],
  ]);
  // Real sources from the files: line and column of the cell, and the other report's cell in `related`.
  const [copied, , gap, impossible] = mine as [Finding, Finding, Finding, Finding];
  assert.ok(copied.source.line && copied.source.column);
  assert.is(name(copied.related![0]!.source.file), 'gov-2023.txt');
  assert.ok(copied.related![0]!.source.line);
  assert.is(gap.expected, 499);
  assert.is(name(gap.related![0]!.source.file), 'gov-2023.txt');
  assert.match(impossible.message, /不可能/);
  assert.equal(impossible.cells!.map((c) => c.raw), ['40', '16', '46', '9']);
});

/** The whole corpus through auditMany, once for all corpus tests below. */
let corpusRun: Promise<{ files: string[]; reports: Report[]; cross: Finding[] }> | null = null;
function runCorpus() {
  corpusRun ??= (async () => {
    const files = readdirSync(corpus).filter((f) => /\.(html|pdf|md|txt)$/.test(f) && !/^README/i.test(f)).sort();
    const reports: Report[] = [];
    let cross: Finding[] = [];
    for await (const item of auditMany(files.map((f) => join(corpus, f)), { jobs: 2, cacheDir: null })) {
      if (item.type === 'report') reports.push(item.report);
      else cross = item.findings;
    }
    return { files, reports, cross };
  })();
  return corpusRun;
}

test('corpus: the 平潭 chain and 洪泽区 2023→2024 carry-over agrees with the truth files', async () => {
  if (!existsSync(corpus)) {
    console.log('  (skipped: ../shared/corpus not found)');
    return;
  }
  const { files, reports, cross } = await runCorpus();
  assert.is(reports.length, files.length, 'every report audited');
  // Truth: which (file, column) carry-over pairs disagree.
  const truth = (f: string) => JSON.parse(readFileSync(join(corpus, 'truth', `${f}.json`), 'utf8')) as { facts?: Record<string, number | null> };
  let compared = 0;
  for (const report of reports) {
    const co = Object.keys(report.facts).filter((k) => k.startsWith('t3.carried_over.'));
    if (!co.length || !report.meta.agency || !report.meta.year) continue;
    const prev = reports.find((r) => r.meta.year === report.meta.year! - 1 && agencyKey(r.meta.agency) === agencyKey(report.meta.agency)
      && Object.keys(r.facts).some((k) => k.startsWith('t3.carried_forward.')));
    if (!prev || prev.meta.year! < 2019) continue;
    compared++;
    const name = (p: string) => p.split('/').pop()!;
    const tNow = truth(name(report.file)).facts ?? {};
    const tPrev = truth(name(prev.file)).facts ?? {};
    const expected = co.map((k) => k.slice('t3.carried_over.'.length))
      .filter((col) => tNow[`t3.carried_over.${col}`] != null && tPrev[`t3.carried_forward.${col}`] != null && tNow[`t3.carried_over.${col}`] !== tPrev[`t3.carried_forward.${col}`]);
    const actual = cross.filter((f) => f.ruleId === 'cross-year/carry-over' && f.source.file === report.file).map((f) => f.cells![0]!.key.slice('t3.carried_over.'.length));
    assert.equal(actual.sort(), expected.sort(), `${name(report.file)} vs ${name(prev.file)}`);
  }
  if (!compared) console.log('  (note: no consecutive-year pair has carry-over facts yet; the pairwise check ran on nothing)');
});

test('corpus: 经济发展局 2024→2025 现行有效件数 and the 财政金融局 fees copied from the zone total', async () => {
  if (!existsSync(corpus)) {
    console.log('  (skipped: ../shared/corpus not found)');
    return;
  }
  const { reports, cross } = await runCorpus();
  const name = (p: string) => p.split('/').pop();
  const byName = (f: string) => reports.find((r) => name(r.file) === f);
  // 2024 现行有效 9 → 2025: 9 + 16 − 46 = −21, published 40. The crawler text runs these digits
  // together ambiguously, so the facts may be missing; the rule then rightly stays silent.
  const j24 = byName('2024-pingtan-jingfaju-1.txt')!;
  const j25 = byName('2025-pingtan-jingfaju-1.txt')!;
  const inForce = cross.filter((f) => f.ruleId === 'cross-year/in-force' && name(f.source.file) === '2025-pingtan-jingfaju-1.txt');
  if (j24.facts['t2.normative_docs.in_force']?.value != null && ['made', 'repealed', 'in_force'].every((c) => j25.facts[`t2.normative_docs.${c}`]?.value != null)) {
    assert.is(inForce.length, 1);
    assert.is(inForce[0]!.expected, -21);
    assert.is(inForce[0]!.actual, 40);
  } else {
    assert.equal(inForce, []);
    console.log('  (note: 经济发展局 表二 行政规范性文件 rows are not read from the crawler text; cross-year/in-force is checked on fixtures only)');
  }
  // Every in-force finding must agree with the truth files' cells.
  const truth = (f: string) => (JSON.parse(readFileSync(join(corpus, 'truth', `${f}.json`), 'utf8')) as { facts?: Record<string, number | null> }).facts ?? {};
  for (const f of cross.filter((x) => x.ruleId === 'cross-year/in-force')) {
    for (const c of f.cells!) assert.is(truth(name(c.source.file)!)[c.key], c.value, `${name(c.source.file)} ${c.key}`);
  }
  // 财政金融局 2023: 5949.09 = the zone's 5949.088667 rounded; 2025: 4166.214619 vs the zone's 4166.241619.
  const copied = cross.filter((f) => f.ruleId === 'batch/copied-figure');
  const of = (file: string) => copied.filter((f) => name(f.source.file) === file);
  assert.is(of('2023-pingtan-caijinju-1.txt').length, 1);
  assert.equal(of('2023-pingtan-caijinju-1.txt')[0]!.related!.map((r) => name(r.source.file)).sort(), ['2023-pingtan-1.html', '2023-pingtan-1.txt']);
  assert.is(of('2025-pingtan-caijinju-1.txt').length, 1);
  assert.match(of('2025-pingtan-caijinju-1.txt')[0]!.message, /4166\.214619.*4166\.241619 仅有相邻两位数字顺序颠倒/);
  assert.equal([...new Set(copied.map((f) => name(f.source.file)))].sort(), ['2023-pingtan-caijinju-1.txt', '2025-pingtan-caijinju-1.txt'], 'no other report is flagged');
});

test.run();
