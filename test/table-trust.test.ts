// Tables on reports nobody tuned for (issue 9, items 3 and 4): variant row labels, header noise in table
// 四, no template row lost silently, HTML and text twins agreeing, digit runs no split makes consistent.
// Fixtures: fixtures/tables/t3-label-variants.txt, fixtures/html/{t4-header-noise,t2-no-regulations}.html,
// fixtures/text-runs/2024-*.txt and 2023-t2-no-regulations.txt (READMEs there say what each shows).
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit, check, extract, ingest, segment, type Finding, type Report, type TableMatch } from '../src/index.js';
import { extractTables } from '../src/extract/tables/index.js';
import { templateLines } from '../src/extract/tables/coverage.js';
import { fixtureTables, rootOf } from './tables-grid.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

const run = (path: string): Promise<Report> => audit({ path });
const of = (report: Report, rule: string): Finding[] => report.findings.filter((f) => f.ruleId === rule);
const row = (report: Report, key: string): (number | null | undefined)[] =>
  ['natural_person', 'org_commercial', 'org_research', 'org_social_welfare', 'org_legal_service', 'org_other', 'total'].map((c) => report.facts[`t3.${key}.${c}`]?.value);

/**
 * The invariant: every template row of every table read is either read (a cell of it is a fact) or named
 * in a problem, and every problem reaches the user as a finding. Returns the rows that break it.
 */
async function silentRows(path: string): Promise<string[]> {
  const tree = await ingest({ path });
  const extracted = extract(tree, segment(structuredClone(tree)));
  const report = check(tree);
  const messages = report.findings.map((f) => f.message);
  const lost: string[] = [];
  for (const match of extracted.tables as TableMatch[]) {
    const problems = match.problems ?? [];
    if (problems.some((p) => p.key === `${match.id}.*`)) continue;
    for (const line of templateLines(match)) {
      const read = Object.keys(extracted.facts).some((k) => k.startsWith(`${line.key}.`));
      const named = problems.filter((p) => p.key === line.key);
      if (!read && named.length === 0) lost.push(`${path}: ${line.key} neither read nor named`);
      for (const p of named) if (!messages.some((m) => m.startsWith(p.message.slice(0, 30)))) lost.push(`${path}: ${line.key} named but not reported`);
    }
  }
  return lost;
}

// ---------------------------------------------------------------------------
// Variant labels
// ---------------------------------------------------------------------------

test('grid: labels with 和 inserted, 仍然…的, a shortened （六）1 with 受理 — all 25 rows read, with notes', () => {
  const [variants] = fixtureTables('t3-label-variants.txt');
  const { facts, tables } = extractTables(rootOf([{ table: variants! }]));
  const t3 = tables.find((t) => t.id === 't3')!;
  assert.is(t3.missing.length, 0, 'no cell missing');
  assert.is(facts['t3.results.other.overdue_correction.natural_person']?.value, 1);
  assert.is(facts['t3.results.withheld.prohibited_by_law.total']?.value, 0);
  assert.ok(t3.notes?.some((n) => n.includes('1.申请人逾期不补正、行政机关不再受理') && n.includes('措辞不同')), 'the reading says which label differed');
});

test('grid: a label naming no template row — that row is not read and a table/unreadable finding names it', () => {
  const [, unknown] = fixtureTables('t3-label-variants.txt');
  const report = check(rootOf([{ table: unknown! }]));
  assert.not.ok(Object.keys(report.facts).some((k) => k.startsWith('t3.results.unable.needs_creation.')), 'no cell guessed for it');
  assert.is(Object.keys(report.facts).filter((k) => k.startsWith('t3.')).length, 168, 'the other 24 rows read');
  const named = of(report, 'table/unreadable').filter((f) => f.message.includes('2.没有现成信息需要另行制作'));
  assert.is(named.length, 1, report.findings.map((f) => f.message).join('\n'));
  assert.match(named[0]!.message, /最接近的标签“2\.经检索无此信息”/);
});

test('text runs: variant labels read in place (no row lost, no misleading finding); 表四 header with spaces inside words', async () => {
  const report = await run(`${FIXTURES}text-runs/2024-label-variants.txt`);
  assert.equal(row(report, 'results.withheld.prohibited_by_law'), [1, 0, 0, 0, 0, 0, 1]);
  assert.equal(row(report, 'results.other.overdue_correction'), [1, 0, 0, 0, 0, 0, 1]);
  assert.equal(row(report, 'results.withheld.state_secret'), [0, 0, 0, 0, 0, 0, 0], 'the row before a variant label keeps its digits');
  assert.equal(of(report, 'table/unreadable'), []);
  assert.equal(report.facts['t4.review.upheld']?.value, 1, '结果 维持 … 尚未 审结 still heads table 四');
  assert.is(Object.keys(report.facts).filter((k) => k.startsWith('t4.')).length, 15);
  assert.equal(report.findings.filter((f) => f.severity === 'error'), []);
});

test('text runs: an unrecognised label — both the row it hides and the row before it are named, nothing guessed', async () => {
  const report = await run(`${FIXTURES}text-runs/2024-label-unknown.txt`);
  const messages = of(report, 'table/unreadable').map((f) => f.message);
  assert.ok(messages.some((m) => m.includes('1.本机关不掌握相关政府信息') && m.includes('经检索无此信息')), messages.join('\n'));
  assert.ok(messages.some((m) => m.includes('2.没有现成信息需要另行制作') && m.includes('未读取')), messages.join('\n'));
  assert.equal(row(report, 'results.unable.not_held'), [undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  // No rule raises an error from a cell it could not read: read as 0, the unread 1.本机关不掌握 row (1 + 1 = 2)
  // would break t3/results-sum in three columns.
  assert.equal(report.findings.filter((f) => f.ruleId.startsWith('t3/')), []);
});

// ---------------------------------------------------------------------------
// Table 四 header noise (HTML)
// ---------------------------------------------------------------------------

test('HTML: 表四 header cells split/merged across cells (结果 纠正其他 | 结果尚未 审结, one cell for a block, 其它, （件）, zero-width space) — 15 cells as the standard page', async () => {
  const noisy = await run(`${FIXTURES}html/t4-header-noise.html`);
  const standard = await run(`${FIXTURES}html/standard-2021.html`);
  const t4 = (r: Report): Record<string, number | null> =>
    Object.fromEntries(Object.entries(r.facts).filter(([k]) => k.startsWith('t4.')).map(([k, f]) => [k, f.value]));
  assert.is(Object.keys(t4(noisy)).length, 15);
  assert.equal(t4(noisy), t4(standard));
  assert.equal(of(noisy, 'table/missing'), []);
  assert.equal(of(noisy, 'table/unreadable'), []);
});

test('HTML: a table 四 whose header cannot be read is table/unreadable naming the columns, never table/missing', async () => {
  const { parseHtml } = await import('../src/ingest/html/index.js');
  const { readFileSync } = await import('node:fs');
  // The header words replaced by words that are not column labels: the table is there but not matched.
  const html = readFileSync(`${FIXTURES}html/t4-header-noise.html`, 'utf8').replace('结果维持&nbsp;结果<br/>纠正其他&nbsp;结果尚未<br/>审结&nbsp;总计（件）', '维持 改变 其他 未结 小计');
  const report = check(parseHtml(html, { file: 't4-header-broken.html' }));
  assert.equal(of(report, 'table/missing'), []);
  const messages = of(report, 'table/unreadable').map((f) => f.message);
  assert.ok(messages.some((m) => m.includes('行政复议')), messages.join('\n'));
});

test('a table with too few 表四 labels to be matched is table/unreadable (which table, why), not table/missing', () => {
  const grid = ['行政复议|<|<|<|<|诉讼|<|<|<|<|<|<|<|<|<', '甲|乙|丙|丁|戊|己|庚|辛|壬|癸|子|丑|寅|卯|辰', '2|1|0|1|4|1|0|0|1|2|1|0|0|0|1'].join('\n');
  const report = check(rootOf([{ table: grid }]));
  assert.equal(of(report, 'table/missing').filter((f) => f.message.includes('表四')), []);
  const reason = of(report, 'table/unreadable').find((f) => f.message.includes('表格含有表四的部分标签'));
  assert.ok(reason, report.findings.map((f) => f.message).join('\n'));
  assert.match(reason!.message, /未能对应模板的标题或标签：“诉讼”、“甲”、“乙”、“丙” 等 16 处/, 'says which labels failed');
});

test('text runs: a 表四 header word that is no column label — table/unreadable quoting where the header breaks off, not table/missing', async () => {
  const report = await run(`${FIXTURES}text-runs/2024-t4-header-unknown.txt`);
  assert.equal(of(report, 'table/missing'), []);
  const messages = of(report, 'table/unreadable').map((f) => f.message);
  assert.equal(messages.length, 1, messages.join('\n'));
  assert.match(messages[0]!, /表四的表头在“结果改变/);
});

// ---------------------------------------------------------------------------
// HTML page and text copy agree
// ---------------------------------------------------------------------------

test('HTML page and its crawler text: a table 二 without its 规章 row gives the same finding in both', async () => {
  const html = await run(`${FIXTURES}html/t2-no-regulations.html`);
  const text = await run(`${FIXTURES}text-runs/2023-t2-no-regulations.txt`);
  const missing = (r: Report): string[] => of(r, 'table/unreadable').map((f) => f.message).filter((m) => m.includes('“规章”'));
  assert.equal(missing(html), ['表二“规章”一行未找到（报告可能漏列此行），未读取本行。']);
  assert.equal(missing(text), missing(html));
  // The passing twin: the standard page lists the 规章 row and gets no such finding.
  assert.equal(missing(await run(`${FIXTURES}html/standard-2021.html`)), []);
});

// ---------------------------------------------------------------------------
// Digit runs no split makes consistent
// ---------------------------------------------------------------------------

test('text runs: a 表四 run whose every split breaks a block sum is t4/block-sum (the run, the closest split), not only unreadable', async () => {
  const report = await run(`${FIXTURES}text-runs/2024-t4-impossible.txt`);
  const errors = of(report, 't4/block-sum');
  assert.is(errors.length, 1);
  assert.is(errors[0]!.severity, 'error');
  assert.match(errors[0]!.message, /13240150000000000/);
  assert.match(errors[0]!.message, /13\|2\|4\|0\|15\|0\|0\|0\|0\|0\|0\|0\|0\|0\|0（行政复议 13\+2\+4\+0≠15）/);
  assert.not.ok(Object.keys(report.facts).some((k) => k.startsWith('t4.')), 'no cell guessed');
  assert.equal(of(report, 'table/unreadable'), [], 'said once, by the identity');
  // Passing case: a consistent run is read and raises nothing.
  const ok = await run(`${FIXTURES}text-runs/2024-label-variants.txt`);
  assert.equal(of(ok, 't4/block-sum'), []);
});

test('text runs: a （七）总计 run with one column-plausible split is read, and its inconsistency reported', async () => {
  const report = await run(`${FIXTURES}text-runs/2024-total-row-impossible.txt`);
  assert.equal(row(report, 'results.total'), [10, 2, 0, 0, 0, 0, 13]);
  assert.is(of(report, 't3/row-total').length, 1);
  assert.match(of(report, 't3/row-total')[0]!.message, /（七）总计/);
  assert.ok(of(report, 't3/results-sum').some((f) => f.message.includes('总计列')), 'the 总计 column is checked, not left out');
});

test('text runs: a row with no consistent split and several plausible ones stays unread and is t3/row-total', async () => {
  const { extractTextRunTables } = await import('../src/extract/text-runs/index.js');
  const text =
    '三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他' +
    '一、本年新收政府信息公开申请数量1111111111二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开0000000（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000';
  const tree = { type: 'root' as const, children: [{ type: 'paragraph' as const, value: text }], data: { file: 'runs.txt', format: 'text' as const } };
  const { problems, facts } = extractTextRunTables(tree);
  const problem = problems.find((p) => p.key === 't3.new_received');
  assert.ok(problem, JSON.stringify(problems));
  assert.is(problem!.rule, 't3/row-total');
  assert.match(problem!.message, /1111111111/);
  assert.not.ok(Object.keys(facts).some((k) => k.startsWith('t3.new_received.')));
});

// ---------------------------------------------------------------------------
// The invariant, over the fixtures and the corpus
// ---------------------------------------------------------------------------

test('every template row is read or named in a finding: fixtures', async () => {
  const files = [
    ...readdirSync(`${FIXTURES}text-runs`).filter((f) => f.endsWith('.txt')).map((f) => `${FIXTURES}text-runs/${f}`),
    ...readdirSync(`${FIXTURES}html`).filter((f) => f.endsWith('.html')).map((f) => `${FIXTURES}html/${f}`),
  ];
  const lost = (await Promise.all(files.map(silentRows))).flat();
  assert.equal(lost, []);
});

test('every template row is read or named in a finding: corpus', async () => {
  if (!existsSync(CORPUS)) {
    console.log('  (../shared/corpus not present: skipped)');
    return;
  }
  const files = readdirSync(CORPUS).filter((f) => /\.(txt|html|md|pdf)$/.test(f) && f !== 'README.md').map((f) => CORPUS + f);
  const lost: string[] = [];
  for (const file of files) lost.push(...(await silentRows(file)));
  assert.equal(lost, []);
});

test.run();
