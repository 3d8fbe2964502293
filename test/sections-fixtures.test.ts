import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit, ingest, segment } from '../src/index.js';

const dir = new URL('../fixtures/sections/', import.meta.url);
const path = (name: string): string => new URL(name, dir).pathname;
const text = (name: string): string => readFileSync(new URL(name, dir), 'utf8');
const sectionFindings = async (input: Parameters<typeof audit>[0], options = {}) =>
  (await audit(input, options)).findings.filter((f) => f.ruleId.startsWith('section/'));

test('passing: the standard titles give no section finding', async () => {
  assert.equal(await sectionFindings({ path: path('standard-2024.txt') }), []);
});

for (const ext of ['txt', 'md', 'html', 'pdf']) {
  test(`reworded titles in their place (${ext}): present, a warning each, no section/missing`, async () => {
    const report = await audit({ path: path(`reworded-2024.${ext}`) });
    assert.ok(report.sections.every((s) => s.present), JSON.stringify(report.sections.map((s) => s.heading)));
    assert.is(report.sections[0]!.heading, '一、年度工作核心成效');
    assert.is(report.sections[4]!.heading, '五、当前存在的突出问题');
    assert.is(report.sections[5]!.heading, '七、其他需要报告的事项');
    const found = report.findings.filter((f) => f.ruleId.startsWith('section/'));
    assert.equal(found.map((f) => [f.ruleId, f.severity, f.kind]), [
      ['section/nonstandard-title', 'warning', 'review'],
      ['section/nonstandard-title', 'warning', 'fail'],
    ]);
    assert.match(found[0]!.message, '按其编号和位置视为“一、总体情况”');
    assert.match(found[1]!.message, '“五、当前存在的突出问题”与“六、下一步改进举措”');
    assert.is(found[1]!.related?.length, 1);
    if (ext === 'pdf') assert.is(found[1]!.source.page, 2);
    else assert.ok(found[1]!.source.line! > found[0]!.source.line!);
  });
}

test('a split 五 covers both halves: the improvements are inside the section, 六 does not end it', async () => {
  const tree = await ingest({ path: path('reworded-2024.txt') });
  const { sections } = segment(tree);
  const problems = sections.find((s) => s.id === 'problems')!;
  const inside = tree.children.slice(problems.start, problems.end).map((n) => (n.type === 'table' ? '' : n.value)).join('\n');
  assert.match(inside, '一是政策解读形式较为单一');
  assert.match(inside, '下一步，我局将丰富解读形式');
  assert.not.match(inside, '信息处理费');
});

for (const ext of ['txt', 'md', 'html', 'pdf']) {
  test(`a number without its 、 (${ext}): 一总体情况 is section 一, with a warning`, async () => {
    const report = await audit({ path: path(`no-separator-2023.${ext}`) });
    assert.ok(report.sections.every((s) => s.present));
    assert.is(report.sections[0]!.heading, '一总体情况');
    const found = report.findings.filter((f) => f.ruleId.startsWith('section/'));
    assert.equal(found.map((f) => f.ruleId), ['section/nonstandard-title', 'section/nonstandard-title']);
    assert.match(found[0]!.message, '编号后缺少“、”');
    assert.is(found[0]!.expected, '一、总体情况');
  });
}

test('without its 、 a number is a heading only at the start of a line, before a section title', async () => {
  const base = text('standard-2024.txt');
  // 一是…, 一年来…, 统一总体… are prose; 一总体情况 glued after a word is no heading either.
  const prose = base.replace('（一）主动公开\n', '一年来总体情况良好。一是强化统筹，统一总体情况报送口径。\n（一）主动公开\n');
  const report = await audit(prose, { file: 'r.txt', format: 'text' });
  assert.equal(report.findings.filter((f) => f.ruleId.startsWith('section/')), []);
  assert.is(report.sections[0]!.heading, '一、总体情况');
});

for (const ext of ['txt', 'md', 'html']) {
  test(`an extended title (${ext}): 六、需要说明的其他事项与附表 is section 六, its whole title kept`, async () => {
    const report = await audit({ path: path(`extended-title-2023.${ext}`) });
    assert.is(report.sections[5]!.present, true);
    assert.is(report.sections[5]!.heading, '六、需要说明的其他事项与附表');
    const found = report.findings.filter((f) => f.ruleId.startsWith('section/'));
    assert.equal(found.map((f) => f.ruleId), ['section/nonstandard-title']);
    assert.match(found[0]!.message, '不是格式规定的标题“六、其他需要报告的事项”');
  });
}

test('failing: a section that numbers its items like sections hides no missing section', async () => {
  // 一、总体情况 lists 一、主动公开 … 五、监督保障; 五 (problems) is missing: 五、监督保障 is not it.
  const found = await sectionFindings({ path: path('nested-numbering-2024.txt') });
  assert.equal(found.map((f) => [f.ruleId, f.severity]), [['section/missing', 'error']]);
  assert.match(found[0]!.message, '五、存在的主要问题及改进情况');
});

test('failing: a reworded title out of place, or a table caption, is not taken for a section', async () => {
  const base = text('reworded-2024.txt');
  // 一、年度工作核心成效 moved after 二: its number no longer fits its place.
  const lines = base.split('\n');
  const at = lines.indexOf('一、年度工作核心成效');
  lines.splice(at, 1);
  lines.splice(lines.indexOf('三、收到和处理政府信息公开申请情况'), 0, '一、年度工作核心成效');
  const moved = await sectionFindings(lines.join('\n'), { file: 'r.txt', format: 'text' });
  assert.ok(moved.some((f) => f.ruleId === 'section/missing' && f.severity === 'error' && f.message.includes('一、总体情况')));
  // A caption numbered like the missing section: 四 is missing, not replaced by its table's caption.
  const caption = text('standard-2024.txt').replace('四、政府信息公开行政复议、行政诉讼情况', '四、行政复议和行政诉讼统计表');
  const found = await sectionFindings(caption, { file: 'r.txt', format: 'text' });
  assert.equal(found.map((f) => [f.ruleId, f.severity]), [['section/missing', 'error']]);
  assert.match(found[0]!.message, '四、政府信息公开行政复议、行政诉讼情况');
});

test('before 2019 (no national format) a heading is never taken from its place', async () => {
  const old = text('reworded-2024.txt').replaceAll('2024年', '2017年').replace('2025年1月19日', '2018年1月19日');
  const report = await audit(old, { file: 'r.txt', format: 'text' });
  assert.is(report.template, 'pre2019');
  assert.is(report.sections[0]!.present, false);
  assert.equal(report.findings.filter((f) => f.ruleId === 'section/nonstandard-title'), []);
});

test.run();
