import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit } from '../src/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/meta/${name}`, import.meta.url), 'utf8');
const run = async (text: string, file = 'r.txt') => audit(text, { file, format: 'text' });
const only = (findings: { ruleId: string }[], id: string) => findings.filter((f) => f.ruleId === id);

test('meta.year: a body without a title takes its year from the 统计期限', async () => {
  const report = await run(fixture('no-title-2024.txt'));
  assert.is(report.meta.title, null);
  assert.is(report.meta.year, 2024);
  assert.is(report.meta.yearSource, 'period');
  // With the year known, the deadline and period rules can run: signed 2025-01-18, in time.
  assert.equal(report.findings.filter((f) => f.ruleId.startsWith('meta/')), []);
  // Signed after the department deadline: now judged, which a null year could not.
  const late = await run(fixture('no-title-2024.txt').replace('2025年1月18日', '2025年2月18日'));
  assert.is(only(late.findings, 'meta/late').length, 1);
});

test('meta.year: without a period, a sentence naming the year, then the signature year − 1', async () => {
  const noPeriod = fixture('no-title-2024.txt').replace(/本报告中所列数据的统计期限[^。]*。/, '');
  const bySignature = await run(noPeriod);
  assert.is(bySignature.meta.year, 2024);
  assert.is(bySignature.meta.yearSource, 'signature');
  const bySentence = await run(noPeriod.replace('编制本报告。', '编制本报告（2024年度）。').replace('2025年1月18日', '2026年1月18日'));
  assert.is(bySentence.meta.year, 2024);
  assert.is(bySentence.meta.yearSource, 'report-sentence');
  // Nothing in the body names a year: still unknown, never guessed from a figure.
  const nothing = await run(noPeriod.replace(/示例县农业农村局\n2025年1月18日\n/, ''));
  assert.is(nothing.meta.year, null);
  // A title always wins.
  const titled = await run('示例县农业农村局2024年政府信息公开工作年度报告\n' + fixture('no-title-2024.txt'));
  assert.is(titled.meta.yearSource, 'title');
});

test('meta/signed-early: a 2018 report signed 2018-01-16 is an error at the signature line', async () => {
  const report = await run(fixture('signed-early-2018.txt'));
  const found = only(report.findings, 'meta/signed-early');
  assert.is(found.length, 1);
  assert.is(found[0]!.severity, 'error');
  assert.match(found[0]!.message, '2018-01-16');
  assert.is(found[0]!.source.line, 14);
  assert.is(found[0]!.source.column, 1);
  // Passing: the same report signed after the year.
  const fixed = await run(fixture('signed-early-2018.txt').replace('2018年1月16日', '2019年1月16日'));
  assert.equal(only(fixed.findings, 'meta/signed-early'), []);
  // A date on the agency's line is found there too.
  const inline = await run(fixture('signed-early-2018.txt').replace('示例县水利局\n2018年1月16日', '示例县水利局 2018年12月3日'));
  assert.is(only(inline.findings, 'meta/signed-early').length, 1);
  assert.is(only(inline.findings, 'meta/signed-early')[0]!.source.column, 8);
});

test('meta/signed-early: a date in the middle of the report is not its signature', async () => {
  const text = fixture('signed-early-2018.txt').replace('示例县水利局\n2018年1月16日\n', '')
    .replace('信息公开的及时性有待提高。', '信息公开的及时性有待提高。\n示例县水利局\n2018年1月16日');
  assert.equal(only((await run(text)).findings, 'meta/signed-early'), []);
});

test('meta/period: last year quoted as this report\'s own figures, comparisons and other documents are not', async () => {
  const report = await run(fixture('previous-year-figures-2024.txt'));
  const found = only(report.findings, 'meta/period');
  assert.is(found.length, 1, found.map((f) => f.message).join('\n'));
  assert.match(found[0]!.message, '2023年，在主动公开的312条');
  assert.is(found[0]!.source.line, 5);
  assert.is(found[0]!.source.column, 1);
  // Passing: the year corrected; 较2023年增长, 2023年结转, 上年度, 《2023年政务公开工作要点》 stay silent.
  const fixed = await run(fixture('previous-year-figures-2024.txt').replace('2023年，在主动公开的312条', '2024年，在主动公开的341条'));
  assert.equal(only(fixed.findings, 'meta/period'), []);
});

test('meta/period: a comparison or a multi-year stock with last year\'s figures is no finding', async () => {
  const base = fixture('previous-year-figures-2024.txt');
  for (const sentence of [
    '与2023年主动公开的312条相比，本年有所增加。',
    '截至2023年底，累计主动公开政府信息3120条。',
    '2023年以来，我局共主动公开政府信息653条。',
    '根据《2023年主动公开目录》，共发布目录12条。',
  ]) {
    const text = base.replace(/2023年，在主动公开的312条政府信息中，行政处罚信息占比最高。/, sentence);
    assert.equal(only((await run(text)).findings, 'meta/period').map((f) => f.message), [], sentence);
  }
});

test('meta/period: a 2022 report whose introduction says it is the 2023年度 report', async () => {
  const report = await run(fixture('intro-later-year-2022.txt'));
  const found = only(report.findings, 'meta/period');
  assert.is(found.length, 1, found.map((f) => f.message).join('\n'));
  assert.match(found[0]!.message, '2023 年度报告');
  assert.is(found[0]!.source.line, 2);
  assert.is(found[0]!.actual, 2023);
  // The plan for next year in section 五 (2023年，我局将…) is not the introduction.
  const fixed = await run(fixture('intro-later-year-2022.txt').replace('完成了2023年度', '完成了2022年度'));
  assert.equal(only(fixed.findings, 'meta/period'), []);
});

test.run();
