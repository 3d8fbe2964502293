import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit } from '../src/index.js';
import { parseMarkdown } from '../src/ingest/markdown/index.js';
import type { TableNode } from '../src/model.js';
import { segment } from '../src/segment/index.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/markdown/report-2024.md', import.meta.url));

test('GFM tables become table nodes with header cells and positions', () => {
  const text = readFileSync(FIXTURE, 'utf8');
  const tree = parseMarkdown(text, { file: 'r.md' });
  assert.is(tree.data.format, 'markdown');
  const table = tree.children.find((n): n is TableNode => n.type === 'table')!;
  assert.is(table.data.origin, 'gfm');
  assert.is(table.children.length, 3);
  assert.ok(table.children[0]!.children.every((c) => c.data.header));
  const cell = table.children[2]!.children[3]!;
  assert.is(cell.value, '12');
  assert.is(text.slice(cell.position!.start.offset!, cell.position!.end.offset!), '12');
});

test('headings as paragraphs, in bold, and as ATX headings are all found', () => {
  const tree = parseMarkdown(readFileSync(FIXTURE, 'utf8'), { file: 'r.md' });
  const { sections, meta } = segment(tree);
  assert.equal(sections.map((s) => s.heading), [
    '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项',
  ]);
  assert.ok(sections.every((s) => s.present && !s.empty));
  assert.is(meta.year, 2024);
  assert.is(meta.agency, '示例县教育局');
  assert.is(sections[3]!.source!.line, 20);
});

test('a clean Markdown report has no section, prose or meta finding', async () => {
  const report = await audit({ path: FIXTURE });
  assert.equal(report.findings.filter((f) => /^(section|prose|meta|template)\//.test(f.ruleId)), []);
});

const MD = fileURLToPath(new URL('../../shared/corpus/2024-shkewei-1.md', import.meta.url));
(existsSync(MD) ? test : test.skip)('the converted 上海市科委 report: two 一 headings, 五 only as content', async () => {
  const report = await audit({ path: MD });
  assert.is(report.sections[1]!.heading, '一、主动公开政府信息情况');
  assert.is(report.sections[4]!.heading, null);
  assert.ok(report.sections[4]!.present);
  assert.ok(report.findings.some((f) => f.ruleId === 'section/duplicate-number'));
});

test.run();
