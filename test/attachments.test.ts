import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit, ingest } from '../src/index.js';

const read = (path: string): string => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');
const PAGE = read('html/attachment-only.html');
const DOC_URL = 'https://www.qinghe.example.gov.cn/zwgk/zfxxgknb/202501/P020250122583016729414.doc';

test('a page with only a title and a .doc link: one finding naming the file, nothing else', async () => {
  const report = await audit(PAGE, { file: 'page.html', format: 'html' });
  assert.equal(report.findings.map((f) => [f.ruleId, f.severity, f.kind]), [['file/attachment-only', 'warning', 'review']]);
  const [finding] = report.findings;
  assert.match(finding!.message, '没有报告正文');
  assert.match(finding!.message, '青禾县公安局2024年政府信息公开工作年度报告.doc');
  assert.match(finding!.message, DOC_URL);
  assert.is(finding!.source.line, 23);
  assert.is(finding!.related?.length, 1);
  // The page's own metadata is still read.
  assert.is(report.meta.year, 2024);
  assert.is(report.meta.publishedOn, '2025-01-22');
});

test('HTML ingest keeps the body\'s attachment links with their place; menus and sidebars are not the body', async () => {
  const tree = await ingest(PAGE, { file: 'page.html', format: 'html' });
  assert.equal(tree.data.attachments, [{
    href: './P020250122583016729414.doc',
    text: '青禾县公安局2024年政府信息公开工作年度报告.doc',
    ext: 'doc',
    inBody: true,
    source: { file: 'page.html', line: 23, column: 32, offset: PAGE.indexOf('<a href="./P0') },
    url: DOC_URL,
  }]);
});

test('the link may say 点击下载: the type comes from the href; without a page URL the href stays relative', async () => {
  const page = PAGE.replace(/<meta name="Url"[^>]*>\n/, '')
    .replace(/>青禾县公安局2024年政府信息公开工作年度报告\.doc<\/a>/, '>点击下载</a>').replace('.doc" title="青禾县公安局2024年政府信息公开工作年度报告.doc"', '.docx"');
  const local = await audit(page, { file: 'page.html', format: 'html' });
  assert.equal(local.findings.map((f) => f.ruleId), ['file/attachment-only']);
  assert.match(local.findings[0]!.message, '“点击下载”');
  const tree = await ingest(page, { file: 'page.html', format: 'html' });
  assert.is(tree.data.attachments?.[0]?.ext, 'docx');
  assert.is(tree.data.attachments?.[0]?.url, undefined);
  // Fetched from a URL: resolved against it.
  const fetched = await ingest(page, { file: 'https://www.qinghe.example.gov.cn/zwgk/nb/t1.html', format: 'html' });
  assert.is(fetched.data.attachments?.[0]?.url, 'https://www.qinghe.example.gov.cn/zwgk/nb/P020250122583016729414.docx');
});

test('no link in the body (only the sidebar\'s downloads, a javascript: link): no attachment finding', async () => {
  const page = PAGE.replace(/<p style="text-indent:2em;">附件：.*<\/p>/, '<p><a href="javascript:download(\'bg.doc\')">下载</a></p>');
  const tree = await ingest(page, { file: 'page.html', format: 'html' });
  assert.is(tree.data.attachments, undefined);
  const report = await audit(page, { file: 'page.html', format: 'html' });
  assert.not.ok(report.findings.some((f) => f.ruleId === 'file/attachment-only'));
});

test('passing: a full report that also links to attachments is audited as usual, its links kept', async () => {
  const page = read('html/standard-2021.html').replace(
    /(<div class="TRS_Editor">)/,
    '$1\n<p>附件：<a href="/uploads/2024/tjb.xlsx">统计表.xlsx</a>　<a href="/uploads/2024/nb.pdf">年度报告（PDF版）</a></p>',
  );
  const report = await audit(page, { file: 'full.html', format: 'html' });
  assert.not.ok(report.findings.some((f) => f.ruleId === 'file/attachment-only'));
  assert.ok(report.sections.every((s) => s.present));
  const plain = await audit(read('html/standard-2021.html'), { file: 'full.html', format: 'html' });
  assert.equal(report.findings.map((f) => f.ruleId), plain.findings.map((f) => f.ruleId));
  const tree = await ingest(page, { file: 'full.html', format: 'html' });
  assert.equal(tree.data.attachments?.map((a) => [a.ext, a.text]), [['xlsx', '统计表.xlsx'], ['pdf', '年度报告（PDF版）']]);
});

test('a crawler text that only names its attachment gets the same one finding', async () => {
  const report = await audit(read('text/attachment-only.txt'), { file: 'a.txt', format: 'text' });
  assert.equal(report.findings.map((f) => f.ruleId), ['file/attachment-only']);
  assert.match(report.findings[0]!.message, '青禾县公安局2024年政府信息公开工作年度报告.doc');
  assert.equal([report.findings[0]!.source.line, report.findings[0]!.source.column], [6, 4]);
});

test('a Markdown page with a link to the PDF: one finding with the link\'s URL', async () => {
  const report = await audit(read('markdown/attachment-only.md'), { file: 'a.md', format: 'markdown' });
  assert.equal(report.findings.map((f) => f.ruleId), ['file/attachment-only']);
  assert.match(report.findings[0]!.message, 'https://www.qinghe.example.gov.cn/zwgk/zfxxgknb/202501/P020250122583016729414.pdf');
  assert.is(report.findings[0]!.source.line, 7);
});

test('passing: a text report naming an annexed table file is a report, not an attachment page', async () => {
  const text = read('text/clean-2023-department.txt').replace('本年度未收取信息处理费。', '本年度未收取信息处理费。\n附件：示例区统计局2023年政府信息公开情况统计表.xls');
  const report = await audit(text, { file: 'r.txt', format: 'text' });
  assert.not.ok(report.findings.some((f) => f.ruleId === 'file/attachment-only'));
  // A page that only names a file is not taken for one unless the name is an attachment type.
  const none = await audit('青禾县公安局2024年政府信息公开工作年度报告\n详见附件。\n', { file: 'b.txt', format: 'text' });
  assert.not.ok(none.findings.some((f) => f.ruleId === 'file/attachment-only'));
});

test.run();
