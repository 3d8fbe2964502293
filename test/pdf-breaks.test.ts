/**
 * Tables cut by page breaks and other renderer quirks: rows and merged labels cut in two, text that
 * spills below a cut row, borders a renderer leaves out; plus the page test that decides which pages
 * get their rulings read, and radical code points in the text.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit } from '../src/index.js';
import { parsePdf } from '../src/ingest/pdf/index.js';
import { absorbOverflow, joinCutRow } from '../src/ingest/pdf/join.js';
import { mayHoldTable, type Ruling, type TextItem } from '../src/ingest/pdf/load.js';
import { findRuledTables, type PdfCell, type PdfTable } from '../src/ingest/pdf/tables.js';
import { normaliseSpacing, unifyRadicals } from '../src/ingest/pdf/text.js';
import type { Root, TableNode } from '../src/model.js';

const fixtures = fileURLToPath(new URL('../fixtures/pdf/', import.meta.url));
const tables = (root: Root): TableNode[] => root.children.filter((n): n is TableNode => n.type === 'table');
const texts = (t: TableNode, r: number): string[] => t.children[r]!.children.map((c) => c.value);

// ---------------------------------------------------------------------------
// Rendered fixtures (fixtures/pdf/src/page-breaks.py → page-breaks-<renderer>.html → PDF)
// ---------------------------------------------------------------------------

const T4_VALUES = ['3', '1', '0', '0', '4', '1', '0', '0', '0', '1', '0', '0', '1', '0', '1'];
const RESULTS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

for (const [renderer, pages] of [['chromium', [3, 4]], ['libreoffice', [5, 6]]] as const) {
  const pdf = `${fixtures}page-breaks-${renderer}.pdf`;
  const html = `${fixtures}src/page-breaks-${renderer}.html`;

  test(`page-breaks-${renderer}.pdf: table 四 cut inside its header row reads as printed`, async () => {
    const root = await parsePdf(readFileSync(pdf), { file: pdf });
    const t4 = tables(root).find((t) => t.children.some((r) => r.children.some((c) => c.value === '复议后起诉')))!;
    assert.equal(t4.data.pages, [...pages]);
    assert.is(t4.children.length, 4, 'header rows 3 + data row 1, nothing left of the cut');
    assert.equal(texts(t4, 1).slice(0, 5), RESULTS, 'merged header cells whole again (结果维 + 持)');
    assert.equal(t4.children[2]!.children.slice(0, 5).map((c) => c.data.spanOf), [[2, 1], [2, 2], [2, 3], [2, 4], [2, 5]]);
    assert.equal(texts(t4, 2).slice(5), [...RESULTS, ...RESULTS]);
    assert.equal(texts(t4, 3), T4_VALUES);
  });

  test(`page-breaks-${renderer}.pdf: the same facts as its HTML source`, async () => {
    const [a, b] = await Promise.all([audit({ path: html }), audit({ path: pdf })]);
    const raw = (r: typeof a): Record<string, string> => Object.fromEntries(Object.entries(r.facts).map(([k, f]) => [k, f.raw]));
    assert.is(Object.keys(raw(a)).length, 200);
    assert.equal(raw(b), raw(a));
    assert.is(b.facts['t4.review.upheld']!.source.page, pages[1], 'the data row is on the second page');
    assert.is(b.facts['t4.review.upheld']!.value, 3);
  });
}

test('page-breaks-chromium.pdf: the merged label 三、本年度办 / 理结果 cut by the page is one cell', async () => {
  const pdf = `${fixtures}page-breaks-chromium.pdf`;
  const root = await parsePdf(readFileSync(pdf), { file: pdf });
  const t3 = tables(root).find((t) => t.children.some((r) => r.children.some((c) => c.value === '（七）总计')))!;
  assert.equal(t3.data.pages, [1, 2]);
  assert.is(t3.children.length, 28);
  const label = t3.children.flatMap((r) => r.children).filter((c) => c.data.col === 1 && !c.data.spanOf && c.value.includes('结果'));
  assert.equal(label.map((c) => [c.value, c.data.rowspan]), [['三、本年度办理结果', 22]]);
});

// ---------------------------------------------------------------------------
// Synthetic pages
// ---------------------------------------------------------------------------

/** A run of text: CJK characters a full em wide, others half. */
const item = (str: string, x: number, y: number, size = 10): TextItem => {
  const width = [...str].reduce((w, ch) => w + (/[\x00-\x7f]/u.test(ch) ? size / 2 : size), 0);
  return { str, box: [x, y, x + width, y + size], size, vertical: false };
};
const h = (x0: number, x1: number, y: number): Ruling => ({ x0, y0: y, x1, y1: y });
const v = (x: number, y0: number, y1: number): Ruling => ({ x0: x, y0, x1: x, y1 });

test('a last column whose outer border was not drawn: the horizontals still reach it', () => {
  // Columns 100–200–300–400, rows 700–680–660; no vertical at x = 400 (outside the printable area).
  const rulings = [h(100, 400, 700), h(100, 400, 680), h(100, 400, 660), v(100, 660, 700), v(200, 660, 700), v(300, 660, 700)];
  const items = [item('自然人', 110, 685), item('总计', 310, 685), item('5', 210, 665), item('9', 310, 665)];
  const { tables: found } = findRuledTables(items, rulings);
  assert.is(found.length, 1);
  assert.is(found[0]!.cols, 3);
  assert.equal(found[0]!.cells.filter((c) => c.row === 1).map((c) => c.text), ['', '5', '9']);
  // A ruling that only overshoots the last vertical a little is not a column.
  const short = findRuledTables(items.slice(0, 3), [...rulings.slice(3), h(100, 303, 700), h(100, 303, 680), h(100, 303, 660)]);
  assert.is(short.tables[0]!.cols, 2);
});

test('a column with no horizontal ruling (a merged label going on from the last page) belongs to its table', () => {
  // The frame 150–250–350 × 500–700; the first column 100–150 only has its outer vertical.
  const rulings = [h(150, 350, 700), h(150, 350, 600), h(150, 350, 500), v(150, 500, 700), v(250, 500, 700), v(350, 500, 700), v(100, 500, 700)];
  const items = [item('1.重复申请', 155, 650), item('3', 260, 650), item('2.其他', 155, 550), item('0', 260, 550)];
  const { tables: found } = findRuledTables(items, rulings);
  assert.is(found[0]!.cols, 3);
  assert.is(found[0]!.xs[0], 100);
  // A vertical line elsewhere on the page (shorter than the table, or far away) stays out.
  assert.is(findRuledTables(items, [...rulings.slice(0, 6), v(100, 640, 700)]).tables[0]!.cols, 2);
  assert.is(findRuledTables(items, [...rulings.slice(0, 6), v(20, 500, 700)]).tables[0]!.cols, 2);
});

function table(rows: string[][], y0 = 100): PdfTable {
  const cells: PdfCell[] = [];
  rows.forEach((row, r) => row.forEach((text, c) => cells.push({ row: r, col: c, rowspan: 1, colspan: 1, text, box: [c * 50, y0 - (r + 1) * 20, (c + 1) * 50, y0 - r * 20] })));
  return { rows: rows.length, cols: rows[0]!.length, cells, box: [0, y0 - rows.length * 20, rows[0]!.length * 50, y0], xs: rows[0]!.map((_, c) => c * 50).concat(rows[0]!.length * 50) };
}

test('a row cut by the page break goes back up; a new row never does', () => {
  const prev = table([['信息内容', '本年处理决定数量'], ['结果维', '复议后']]);
  const joined = joinCutRow(prev, table([['持', '起诉'], ['3', '1']], 800), 0)!;
  assert.equal(joined.prev.cells.slice(2).map((c) => c.text), ['结果维持', '复议后起诉']);
  assert.is(joined.next.rows, 1);
  // A row with data is a new row (行政强制 under 行政处罚), and so is a numbered label.
  assert.is(joinCutRow(table([['行政处罚', '356']]), table([['行政强制', '12']], 800), 0), null);
  assert.is(joinCutRow(table([['（三）不予公开', '']]), table([['（四）无法提供', '']], 800), 0), null);
  // A blank row at the top of the next page is the blank rest of a cut row: dropped.
  const blank = joinCutRow(table([['7.属于行政执法案卷', '0']]), table([['', ''], ['8.属于行政查询事项', '1']], 800), 0)!;
  assert.is(blank.next.rows, 1);
  assert.equal(blank.next.cells.map((c) => c.text), ['8.属于行政查询事项', '1']);
});

test('text spilled below a cut row joins its cells; a heading or a note across columns does not', () => {
  const cut = table([['行政复议', '行政诉讼'], ['结果维', '结果纠']]);
  const spill = (strs: [string, number][]) => [{ box: [0, 40, 100, 50] as [number, number, number, number], size: 10, items: strs.map(([s, x]) => item(s, x, 45)) }];
  const got = absorbOverflow(cut, spill([['持', 5], ['正', 55]]))!;
  assert.equal(got.cells.slice(2).map((c) => c.text), ['结果维持', '结果纠正']);
  assert.is(absorbOverflow(cut, spill([['四、政府信息公开行政复议', 5]])), null, 'a heading under the table');
  assert.is(absorbOverflow(cut, spill([['注：本表数据截至年底', 5]])), null, 'a note wider than a cell');
});

test('which pages get their rulings read: text in columns or written vertically, not prose', () => {
  const prose = [item('2023年，本机关主动公开政府信息', 60, 700, 12), item('1136', 253, 700.4, 12), item('条，其中', 278, 700, 12)];
  assert.not.ok(mayHoldTable(prose), 'a number set on a slightly different baseline is no column');
  assert.ok(mayHoldTable([item('行政许可', 60, 500), item('550', 300, 500)]), 'a label and a number far apart');
  assert.ok(mayHoldTable([item('信息内容', 60, 500), item('本年制发件数', 200, 500), item('本年废止件数', 320, 500)]));
  assert.ok(mayHoldTable([{ ...item('三、本年度办理结果', 60, 500), vertical: true }]));
});

test('radical code points some writers use for ideographs are read as the ideographs', () => {
  assert.is(unifyRadicals('中华人⺠共和国'), '中华人民共和国');
  assert.is(unifyRadicals('⾸⻚'), '首页');
  assert.is(unifyRadicals('⼾籍'), '户籍', 'the simplified 户, not NFKC’s 戶');
  assert.is(normaliseSpacing('⼆、主动公开 ⻔户网站'), '二、主动公开门户网站');
});

test.run();
