import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AuditError } from '../src/errors.js';
import { parsePdf, pdfDate } from '../src/ingest/pdf/index.js';
import type { Root, TableNode } from '../src/model.js';
import { runRules } from '../src/rules/index.js';
import { fileRules } from '../src/rules/file.js';
import type { AuditDocument } from '../src/rules/types.js';

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/pdf/', import.meta.url));
const hasCorpus = existsSync(corpus + '2023-hongzequ-1.pdf');
if (!hasCorpus) console.log('note: ../shared/corpus is missing; corpus PDF tests are skipped');

const cache = new Map<string, Promise<Root>>();
function read(path: string): Promise<Root> {
  let tree = cache.get(path);
  if (!tree) cache.set(path, (tree = parsePdf(readFileSync(path), { file: path })));
  return tree;
}

const tables = (root: Root): TableNode[] => root.children.filter((n): n is TableNode => n.type === 'table');
const compact = (s: string): string => s.replace(/\s+/gu, '');

/** The values of the row whose label cells contain `label`, from the first numeric column on. */
function rowValues(table: TableNode, label: string): string[] | undefined {
  for (const row of table.children) {
    const values = row.children.map((c) => c.value);
    if (!values.some((v) => compact(v).includes(label))) continue;
    const first = values.findIndex((v) => /^\d+(\.\d+)?$/u.test(v));
    return first < 0 ? [] : values.slice(first);
  }
  return undefined;
}

function tableWith(root: Root, label: string): TableNode {
  const found = tables(root).find((t) => rowValues(t, label) !== undefined);
  assert.ok(found, `a table with the row ${label}`);
  return found!;
}

function checkProvenance(root: Root): void {
  const text = root.data.text ?? '';
  for (const node of root.children) {
    assert.type(node.data?.page, 'number', `${node.type} has a page`);
    if (node.type === 'table') {
      for (const row of node.children) {
        for (const cell of row.children) {
          assert.type(cell.data.page, 'number', 'cell has a page');
          const start = cell.position!.start.offset!;
          if (!cell.data.spanOf) assert.is(text.slice(start, start + cell.value.length), cell.value, 'cell value is a slice of the text');
        }
      }
    } else {
      const start = node.position!.start.offset!;
      assert.is(text.slice(start, start + node.value.length), node.value, 'value is a slice of the text');
      assert.ok(node.data?.verbatim);
    }
  }
}

// ---------------------------------------------------------------------------
// Real reports (WPS exports)
// ---------------------------------------------------------------------------

test('2023 洪泽区: text in reading order, spacing normalised, page numbers gone', async () => {
  if (!hasCorpus) return;
  const root = await read(corpus + '2023-hongzequ-1.pdf');
  assert.is(root.data.pages, 5);
  const headings = root.children.filter((n) => n.type === 'heading' && n.depth === 1).map((n) => (n as { value: string }).value);
  assert.equal(headings, ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']);
  const text = root.data.text!;
  assert.ok(text.includes('主动公开政府信息1136条'), 'CJK spacing: 1136 条 → 1136条');
  assert.ok(text.includes('严格执行“分级审核、先审后发”程序'), 'paragraph joined across the page break');
  assert.not.ok(/^-\d+-$/mu.test(text), 'page numbers removed');
  assert.is(root.data.metadata?.createdOn, '2024-02-26');
  assert.is(root.data.metadata?.title, '洪泽区人民政府2023年政府信息公开工作年度报告');
  checkProvenance(root);
});

test('2023 洪泽区: tables rebuilt from rulings, table 三 joined across pages 3–4', async () => {
  if (!hasCorpus) return;
  const root = await read(corpus + '2023-hongzequ-1.pdf');
  assert.is(tables(root).length, 3);
  const t2 = tableWith(root, '行政事业性收费');
  assert.equal(rowValues(t2, '行政规范性文件'), ['0', '5', '5']);
  assert.equal(rowValues(t2, '行政许可')![0], '550');
  assert.equal(rowValues(t2, '行政处罚')![0], '4119', 'block on page 3 joined to the table of page 2');
  assert.equal(rowValues(t2, '行政事业性收费')![0], '7730.28');
  const t3 = tableWith(root, '（七）总计');
  assert.is(t3.children.length, 26);
  assert.is(t3.children[0]!.children.length, 10);
  assert.equal(t3.data.pages, [3, 4]);
  assert.equal(rowValues(t3, '一、本年新收政府信息公开申请数量'), ['21', '0', '0', '0', '0', '0', '21']);
  assert.equal(rowValues(t3, '1.本机关不掌握相关政府信息'), ['10', '0', '0', '0', '0', '0', '10']);
  assert.equal(rowValues(t3, '2.没有现成信息需要另行制作'), ['3', '0', '0', '0', '0', '0', '3'], 'last row of page 3 (no closing ruling)');
  assert.equal(rowValues(t3, '5.要求行政机关确认或重新出具已获取信息'), ['0', '0', '0', '0', '0', '0', '0'], 'multi-line cell joined');
  assert.equal(rowValues(t3, '（七）总计'), ['21', '0', '0', '0', '0', '0', '21']);
  // Merged header cells are expanded like HTML: copies point at their origin.
  const header = t3.children[1]!.children;
  assert.is(header[4]!.value, '法人或其他组织');
  assert.equal(header[5]!.data.spanOf, [2, 5]);
  assert.is(t3.children[2]!.children[7]!.value, '法律服务机构');
  // Cells keep their own page.
  const total = t3.children.find((r) => r.children.some((c) => c.value === '（七）总计'))!;
  assert.is(total.children.at(-1)!.data.page, 4);
  const t4 = tableWith(root, '复议后起诉');
  assert.equal(t4.children.at(-1)!.children.map((c) => c.value), ['10', '1', '0', '0', '0', '0', '0', '0', '0', '0', '5', '0', '0', '0', '0']);
});

test('2024 洪泽区: table 三 and 四 as printed', async () => {
  if (!hasCorpus) return;
  const root = await read(corpus + '2024-hongzequ-1.pdf');
  const t3 = tableWith(root, '（七）总计');
  assert.equal(rowValues(t3, '一、本年新收政府信息公开申请数量'), ['95', '0', '0', '0', '0', '0', '95']);
  assert.equal(rowValues(t3, '3.危及“三安全一稳定”'), ['1', '0', '0', '0', '0', '0', '1']);
  assert.equal(rowValues(t3, '1.本机关不掌握相关政府信息'), ['31', '0', '0', '0', '0', '0', '31']);
  const t4 = tableWith(root, '复议后起诉');
  assert.equal(t4.children.at(-1)!.children.map((c) => c.value), ['1', '1', '0', '0', '2', '1', '0', '0', '0', '1', '2', '0', '1', '0', '3']);
  const t2 = tableWith(root, '行政事业性收费');
  assert.equal(rowValues(t2, '行政规范性文件'), ['3', '0', '8']);
  checkProvenance(root);
});

// ---------------------------------------------------------------------------
// Our fixtures (fixtures/pdf, rendered from fixtures/pdf/src)
// ---------------------------------------------------------------------------

for (const [name, ruling] of [['report-2021-libreoffice.pdf', 'stroked'], ['report-2021-chromium.pdf', 'filled']] as const) {
  test(`${name}: the 2021 tables from ${ruling} rulings`, async () => {
    const root = await read(fixtures + name);
    assert.ok(tables(root).every((t) => t.data.origin === 'pdf-ruled'));
    const t2 = tableWith(root, '行政事业性收费');
    assert.equal(rowValues(t2, '行政规范性文件'), ['5', '2', '37']);
    assert.equal(rowValues(t2, '行政许可')![0], '1285');
    assert.equal(rowValues(t2, '行政事业性收费')![0], '18.6');
    const t3 = tableWith(root, '（七）总计');
    assert.is(t3.children[0]!.children.length, 10);
    assert.is(t3.children.length, 28);
    assert.equal(rowValues(t3, '一、本年新收政府信息公开申请数量'), ['40', '5', '1', '0', '2', '1', '49']);
    assert.equal(rowValues(t3, '3.其他'), ['1', '0', '0', '0', '0', '1', '2']);
    assert.equal(rowValues(t3, '（七）总计'), ['41', '4', '1', '0', '2', '1', '49']);
    assert.equal(rowValues(t3, '四、结转下年度继续办理'), ['2', '1', '0', '0', '0', '0', '3']);
    assert.ok(t3.children.some((r) => r.children[0]!.value === '三、本年度办理结果'));
    const t4 = tableWith(root, '复议后起诉');
    assert.equal(t4.children.at(-1)!.children.map((c) => c.value), ['2', '1', '0', '1', '4', '1', '0', '0', '1', '2', '1', '0', '0', '0', '1']);
    assert.ok(root.data.text!.includes('主动公开政府信息2156条'));
    checkProvenance(root);
  });
}

test('non-embedded CJK font (STSong-Light): text is read, running header/page numbers removed, split table joined', async () => {
  const root = await read(fixtures + 'cid-font.pdf');
  const text = root.data.text!;
  assert.ok(text.includes('主动公开政府信息81条'), 'text from a non-embedded CID font');
  assert.is(root.children[0]!.type === 'paragraph' && root.children[0].value, '青禾县交通运输局2023年政府信息公开工作年度报告', 'letter-spaced title joined');
  assert.not.ok(/^- \d -$/mu.test(text));
  assert.is(text.split('青禾县交通运输局政府信息公开工作年度报告').length, 1, 'running header removed');
  const all = tables(root);
  assert.is(all.length, 1);
  const table = all[0]!;
  assert.equal(table.data.pages, [1, 2]);
  assert.is(table.children.length, 1 + 2 + 24, 'repeated header on page 2 dropped');
  assert.equal(rowValues(table, '行政规范性文件'), ['3', '1', '15']);
  assert.is(table.children.at(-1)!.children[1]!.value, '24');
  assert.is(table.children.at(-1)!.children[1]!.data.page, 2);
});

test('a page that is only a picture after a table section’s heading: an image table, reported once', async () => {
  const root = await read(fixtures + 'image-page.pdf');
  assert.ok(root.children.some((n) => n.type === 'heading' && n.value === '一、总体情况'), 'the readable page is still read');
  const [picture] = tables(root);
  assert.ok(picture?.data.image, 'the picture stands for table 三');
  assert.equal([picture!.data.page, picture!.children.length, picture!.data.caption], [2, 0, '详见下页表格。']);
  // The table rules report the image table; the page is not reported a second time.
  assert.is(root.data.problems, undefined);
});

test('a page that is only a picture standing for no table: a file/not-machine-readable problem for that page', async () => {
  const root = await read(fixtures + 'image-annex.pdf');
  assert.equal(tables(root), []);
  assert.equal(root.data.problems?.map((p) => [p.ruleId, p.source?.page]), [['file/not-machine-readable', 2]]);
  const findings = runRules({ file: root.data.file, tree: root } as AuditDocument, {}, fileRules);
  assert.is(findings.length, 1);
  assert.is(findings[0]!.ruleId, 'file/not-machine-readable');
  assert.is(findings[0]!.source.page, 2);
});

test('scanned PDF: one problem for the file, no content', async () => {
  const root = await read(fixtures + 'scanned.pdf');
  assert.is(root.children.length, 0);
  assert.is(root.data.problems?.length, 1);
  assert.is(root.data.problems![0]!.ruleId, 'file/not-machine-readable');
  assert.match(root.data.problems![0]!.message, /扫描件或图片/u);
});

for (const [name, code] of [['encrypted.pdf', 'pdf-encrypted'], ['truncated.pdf', 'pdf-broken'], ['corrupt.pdf', 'pdf-broken']] as const) {
  test(`${name}: AuditError ${code}`, async () => {
    try {
      await parsePdf(readFileSync(fixtures + name), { file: name });
      assert.unreachable('should throw');
    } catch (error) {
      assert.instance(error, AuditError);
      assert.is((error as AuditError).code, code);
      assert.is((error as AuditError).file, name);
      assert.match((error as AuditError).message, /PDF/u);
    }
  });
}

test('the caller’s bytes are not detached by pdf.js', async () => {
  const bytes = new Uint8Array(readFileSync(fixtures + 'cid-font.pdf'));
  const length = bytes.length;
  await parsePdf(bytes, { file: 'x.pdf' });
  assert.is(bytes.length, length);
  const again = await parsePdf(bytes, { file: 'x.pdf' });
  assert.ok(again.children.length > 0);
});

test('pdfDate reads PDF dates as written', () => {
  assert.is(pdfDate("D:20240226080023+08'00'"), '2024-02-26');
  assert.is(pdfDate('D:2023'), '2023-01-01');
  assert.is(pdfDate('garbage'), undefined);
  assert.is(pdfDate(undefined), undefined);
});

test.run();
