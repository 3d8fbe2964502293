// Word files (issue 14): .docx read from its XML, .doc through LibreOffice (or word-extractor), WPS/OFD
// named, hostile packages refused with a clear finding. Fixtures: fixtures/word/ (README.md there).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit, ingest, type Report, type TableNode } from '../src/index.js';
import { auditMany, type BatchItem } from '../src/batch/run.js';
import { parseDoc, findSoffice } from '../src/ingest/doc/index.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const factsOf = (r: Report): Record<string, string | null> => Object.fromEntries(Object.entries(r.facts).map(([k, f]) => [k, f.raw]));
const findingsOf = (r: Report): string[] => r.findings.map((f) => [f.ruleId, f.severity, f.expected ?? '', f.actual ?? ''].join('|')).sort();
const soffice = findSoffice();

/** A .docx package made here: document.xml's body as given. */
function docx(body: string, extra: Record<string, string> = {}): Uint8Array {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
  });
}
const p = (text: string, style?: string): string => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const tc = (text: string, props = ''): string => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}${p(text)}</w:tc>`;

test('a .docx saved by LibreOffice from an HTML report: the same facts and findings as the HTML, every source a paragraph', async () => {
  const html = await audit({ path: fixture('html/standard-2021.html') });
  const word = await audit({ path: fixture('word/standard-2021.docx') });
  assert.is(word.format, 'docx');
  assert.equal(factsOf(word), factsOf(html));
  assert.equal(findingsOf(word), findingsOf(html));
  assert.equal(word.meta, html.meta);
  assert.ok(Object.keys(word.facts).length > 150);
  for (const [key, fact] of Object.entries(word.facts)) {
    assert.ok(fact.source.line! >= 1, `${key} has a paragraph`);
    assert.is(fact.source.page, undefined);
    if (key.startsWith('t3.')) assert.ok(fact.source.table && fact.source.row && fact.source.col, `${key} has its cell`);
  }
  // The paragraph number points at the paragraph the figure is in.
  const tree = await ingest({ path: fixture('word/standard-2021.docx') });
  const total = word.facts['t3.new_received.total']!;
  const line = tree.data.text!.split('\n')[total.source.line! - 1]!;
  assert.is(line, '48');
});

test('every .docx LibreOffice made from our HTML fixtures (fixtures/word/roundtrip) gives its source\'s facts and findings', async () => {
  const dir = fixture('word/roundtrip/');
  const names = readdirSync(dir).filter((n) => n.endsWith('.docx'));
  assert.ok(names.length >= 16);
  for (const name of names) {
    const stem = name.replace(/\.docx$/, '.html');
    const source = existsSync(fixture(`html/${stem}`)) ? fixture(`html/${stem}`) : fixture(`pdf/src/${stem}`);
    const html = await audit({ path: source });
    const word = await audit({ path: dir + name });
    assert.equal(factsOf(word), factsOf(html), name);
    assert.equal(findingsOf(word), findingsOf(html), name);
  }
});

test('a wrong total in a .docx is reported at its paragraph and cell', async () => {
  const bytes = readFileSync(fixture('word/standard-2021.docx'));
  const tree = await ingest(new Uint8Array(bytes), { file: 'r.docx' });
  const table = tree.children.find((b): b is TableNode => b.type === 'table' && b.children.some((r) => r.children.some((c) => c.value === '一、本年新收政府信息公开申请数量')))!;
  const cell = table.children.flatMap((r) => r.children).find((c) => c.value === '48' && !c.data.spanOf)!;
  cell.value = '50';
  const { check } = await import('../src/index.js');
  const report = check(tree);
  const finding = report.findings.find((f) => f.ruleId === 't3/row-total');
  assert.ok(finding, 'row total finding');
  assert.is(finding!.source.file, 'r.docx');
  assert.is(finding!.source.table, table.data.index);
  assert.ok(finding!.source.line! > 1);
});

test('gridSpan and vMerge expand into the grid: origin slot, copies with spanOf, blank gridBefore slots', async () => {
  const body = `${p('表格')}<w:tbl>`
    + `<w:tr>${tc('项目', '<w:vMerge w:val="restart"/>')}${tc('申请人情况', '<w:gridSpan w:val="2"/>')}</w:tr>`
    + `<w:tr>${tc('', '<w:vMerge/>')}${tc('自然人')}${tc('法人')}</w:tr>`
    + `<w:tr>${tc('新收')}${tc('40')}${tc('8')}</w:tr>`
    + `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('1')}${tc('2')}</w:tr>`
    + '</w:tbl>';
  const tree = await ingest(docx(body), { file: 'm.docx' });
  const table = tree.children.find((b): b is TableNode => b.type === 'table')!;
  const grid = table.children.map((r) => r.children.map((c) => c.value));
  assert.equal(grid, [['项目', '申请人情况', '申请人情况'], ['项目', '自然人', '法人'], ['新收', '40', '8'], ['', '1', '2']]);
  const first = table.children[0]!.children;
  assert.equal([first[0]!.data.rowspan, first[1]!.data.colspan], [2, 2]);
  assert.equal(first[2]!.data.spanOf, [1, 2]);
  assert.equal(table.children[1]!.children[0]!.data.spanOf, [1, 1]);
  assert.is(table.data.caption, '表格');
  // Cells point at their paragraph: 项目 is paragraph 2 (after the caption).
  assert.is(first[0]!.position?.start.line, 2);
});

test('headings from styles and numbering; deleted text, field codes and macros are not read, nothing is run', async () => {
  const styles = '<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="a1"><w:name w:val="heading 1"/></w:style></w:styles>';
  const body = p('某局2024年政府信息公开工作年度报告', 'a1') + p('一、总体情况')
    + '<w:p><w:r><w:t>全年</w:t></w:r><w:del><w:r><w:delText>删除的</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>MACROBUTTON Run</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>公开</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:br/><w:t>第二行</w:t></w:r></w:p>';
  // A macro-enabled package: its VBA project is never opened (we read only document.xml, styles.xml, docProps).
  const vba = 'Attribute VB_Name = "ThisDocument"\nSub AutoOpen()\n  Shell "calc.exe"\nEnd Sub';
  const tree = await ingest(docx(body, { 'word/styles.xml': styles, 'word/vbaProject.bin': vba }), { file: 's.docm' });
  assert.not.match(tree.data.text!, /Shell|AutoOpen|MACROBUTTON|删除的/);
  assert.equal(tree.children.map((b) => [b.type, b.type === 'heading' ? b.depth : 0, b.type === 'table' ? '' : b.value]), [
    ['heading', 1, '某局2024年政府信息公开工作年度报告'],
    ['heading', 1, '一、总体情况'],
    ['paragraph', 0, '全年公开'],
    ['paragraph', 0, '第二行'],
  ]);
  assert.is(tree.data.metadata?.title, '某局2024年政府信息公开工作年度报告');
  // The line break keeps the paragraph number; the column moves on.
  const [, , a, b] = tree.children;
  assert.equal([a!.position?.start.line, b!.position?.start.line, b!.position?.start.column], [3, 3, 6]);
});

test('hostile and unsupported Word-family files: one clear finding each, the batch goes on', async () => {
  const names = ['encrypted.docx', 'truncated.docx', 'bomb.docx', 'bomb-lying.docx', 'report.wps', 'report.ofd', 'standard-2021.docx'];
  const items: BatchItem[] = [];
  for await (const item of auditMany(names.map((n) => fixture(`word/${n}`)), { jobs: 1, timeout: 20, cacheDir: null, cross: false })) items.push(item);
  const reports = items.flatMap((i) => (i.type === 'report' ? [i.report] : []));
  const one = (r: Report) => { assert.is(r.findings.length, 1, r.file); return r.findings[0]!; };
  const [encrypted, truncated, bomb, lying, wps, ofd, good] = reports;
  assert.match(one(encrypted!).message, /已加密，需要密码/);
  assert.is(one(encrypted!).ruleId, 'file/error');
  assert.match(one(truncated!).message, /已损坏或不完整.*截断/);
  assert.match(one(bomb!).message, /解压后.*超过上限.*zip 炸弹/);
  assert.match(one(lying!).message, /超过声明的大小 4096 字节.*zip 炸弹/);
  assert.equal([bomb!.findings[0]!.ruleId, lying!.findings[0]!.ruleId], ['file/too-large', 'file/too-large']);
  assert.equal([one(wps!).ruleId, wps!.format], ['file/unsupported-format', 'wps']);
  assert.match(one(wps!).message, /WPS 文档 \(\.wps\)，本工具不读取此格式/);
  assert.equal([one(ofd!).ruleId, ofd!.format], ['file/unsupported-format', 'ofd']);
  assert.match(one(ofd!).message, /OFD 版式文档/);
  assert.is(good!.findings.length, 0);
});

test('a .docx named .txt, and HTML saved as .doc, are read by their bytes', async () => {
  const named = await audit({ path: fixture('word/standard-2021.docx') }, { file: 'report.txt' });
  assert.is(named.format, 'docx');
  const html = readFileSync(fixture('html/standard-2021.html'));
  const asDoc = await audit(new Uint8Array(html), { file: 'report.doc' });
  assert.is(asDoc.format, 'html');
});

test('a .doc (Word 97–2003) read through LibreOffice gives the HTML source\'s facts and findings', async () => {
  if (!soffice) {
    console.log('  (skipped: soffice not on PATH; .ci/run installs libreoffice-writer)');
    return;
  }
  const html = await audit({ path: fixture('html/standard-2021.html') });
  const word = await audit({ path: fixture('word/standard-2021.doc') });
  assert.is(word.format, 'doc');
  assert.equal(factsOf(word), factsOf(html));
  assert.equal(findingsOf(word), findingsOf(html));
});

test('a .doc without LibreOffice: word-extractor reads the text, and a warning says the tables may be lost', async () => {
  const root = await parseDoc(new Uint8Array(readFileSync(fixture('word/standard-2021.doc'))), { file: 'r.doc', maxBytes: 1 << 26, soffice: false });
  assert.is(root.data.format, 'doc');
  assert.is(root.data.reader, 'word-extractor');
  assert.ok(root.children.some((b) => b.type === 'heading' && b.value === '一、总体情况'));
  const { check } = await import('../src/index.js');
  const report = check(root);
  const warning = report.findings.find((f) => f.ruleId === 'file/unsupported-format');
  assert.match(warning!.message, /只读取了文字：未找到 LibreOffice/);
});

test('a truncated .doc is a clear error', async () => {
  const bytes = readFileSync(fixture('word/standard-2021.doc')).subarray(0, 3000);
  try {
    await parseDoc(new Uint8Array(bytes), { file: 'cut.doc', maxBytes: 1 << 26, soffice: false });
    assert.unreachable('should throw');
  } catch (error) {
    assert.is((error as { code: string }).code, 'word-broken');
    assert.match((error as Error).message, /Word 97–2003 文档已损坏或不完整/);
  }
});

test.run();
