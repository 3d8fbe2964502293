// HTML ingest on the real corpus pages: body found, chrome dropped, tables as span-expanded grids.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decode } from '../src/ingest/decode.js';
import { parseHtml } from '../src/ingest/html/index.js';
import type { BlockNode, Root, TableNode } from '../src/model.js';

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const haveCorpus = existsSync(corpus);
if (!haveCorpus) console.log(`note: ${corpus} is missing; corpus HTML tests are skipped`);

interface Truth {
  facts: Record<string, number | string | null>;
  publish_date: string;
}

const PAGES: { name: string; shapes: [number, number][]; title: RegExp }[] = [
  { name: '2019-shanghaishi-bgt-1.html', shapes: [[18, 5], [26, 10], [4, 15]], title: /^2019年上海市人民政府办公厅政府信息公开工作年度报告$/ },
  { name: '2023-pingtan-1.html', shapes: [[14, 4], [28, 10], [4, 15]], title: /^平潭综合实验区2023年度政府信息公开工作年度报告$/ },
  { name: '2024-pingtan-1.html', shapes: [[14, 4], [28, 10], [4, 15]], title: /^平潭综合实验区2024年度政府信息公开工作年度报告$/ },
  { name: '2025-pingtan-1.html', shapes: [[14, 4], [28, 10], [4, 15]], title: /^平潭综合实验区2025年度政府信息公开工作年度报告$/ },
  { name: '2025-pingtan-gwhbgs-1.html', shapes: [[14, 4], [28, 10], [4, 15]], title: /^平潭综合实验区管委会办公室2025年度政府信息公开工作年度报告$/ },
];

const cache = new Map<string, Root>();
function tree(name: string): Root {
  let root = cache.get(name);
  if (!root) {
    const { text, encoding } = decode(readFileSync(corpus + name), { html: true });
    root = parseHtml(text, { file: name, encoding });
    cache.set(name, root);
  }
  return root;
}
const tables = (root: Root): TableNode[] => root.children.filter((b): b is TableNode => b.type === 'table');
const texts = (root: Root): string[] => root.children.filter((b) => b.type !== 'table').map((b) => (b as Exclude<BlockNode, TableNode>).value);
const truth = (name: string): Truth => JSON.parse(readFileSync(`${corpus}truth/${name}.json`, 'utf8')) as Truth;

for (const page of PAGES) {
  test(`${page.name}: three tables with the expected grid shapes, rectangular, spans resolved`, () => {
    if (!haveCorpus) return;
    const root = tree(page.name);
    const found = tables(root);
    assert.equal(found.map((t) => [t.children.length, t.children[0]!.children.length]), page.shapes);
    found.forEach((table, i) => {
      assert.is(table.data.index, i + 1);
      assert.ok(table.position, 'table has a position');
      const width = table.children[0]!.children.length;
      table.children.forEach((row, r) => {
        assert.is(row.children.length, width, `row ${r + 1} of table ${i + 1} is as wide as the grid`);
        row.children.forEach((cell, c) => {
          assert.is(cell.data.row, r + 1);
          assert.is(cell.data.col, c + 1);
          assert.ok(cell.position, 'every cell points into the source');
          if (cell.data.spanOf) {
            const [orow, ocol] = cell.data.spanOf;
            const origin = table.children[orow - 1]!.children[ocol - 1]!;
            assert.is(origin.data.spanOf, undefined, 'a span copy points at an origin cell');
            assert.is(cell.value, origin.value);
            assert.ok(orow + origin.data.rowspan - 1 >= r + 1 && ocol + origin.data.colspan - 1 >= c + 1, 'the origin span covers the copy');
          }
        });
      });
    });
  });

  test(`${page.name}: table 三 and 四 cells equal the hand-checked truth, in table order`, () => {
    if (!haveCorpus) return;
    const root = tree(page.name);
    const facts = truth(page.name).facts;
    const cellText = (v: number | string | null): string => (v === null ? '' : String(v));
    const [, t3, t4] = tables(root);
    // Table 三: three header rows, then one row per item; the last seven columns are the six applicant kinds and 总计.
    const t3Cells = t3!.children.slice(3).flatMap((row) => row.children.slice(-7).map((c) => c.value));
    const t3Truth = Object.entries(facts).filter(([k]) => k.startsWith('t3.')).map(([, v]) => cellText(v));
    assert.equal(t3Cells, t3Truth);
    // Table 四: three header rows, one data row of 15 cells.
    const t4Cells = t4!.children.at(-1)!.children.map((c) => c.value);
    const t4Truth = Object.entries(facts).filter(([k]) => k.startsWith('t4.')).map(([, v]) => cellText(v));
    assert.equal(t4Cells, t4Truth);
  });

  test(`${page.name}: report body without site chrome; title and date from the page`, () => {
    if (!haveCorpus) return;
    const root = tree(page.name);
    const lines = texts(root);
    const all = lines.join('\n');
    assert.ok(page.title.test(root.data.metadata?.title ?? ''), `title: ${root.data.metadata?.title}`);
    assert.is(root.data.metadata?.publishedOn, truth(page.name).publish_date);
    // The six section headings are there, as numbered headings of depth 1.
    const headings = root.children.filter((b) => b.type === 'heading' && b.depth === 1).map((b) => (b as { value: string }).value);
    for (const number of ['一', '二', '三', '四', '五', '六']) {
      assert.ok(headings.some((h) => h.startsWith(`${number}、`)), `heading ${number}、 in ${JSON.stringify(headings)}`);
    }
    // Site chrome and scripts are gone.
    for (const chrome of ['扫一扫', '上一篇', '下一篇', '网站地图', '版权所有', 'function', 'var ', '首页', '关闭']) {
      assert.not.ok(all.includes(chrome), `chrome text "${chrome}" leaked into the body`);
    }
    // Blocks point into the HTML source: the text at the position starts with the block's first character.
    for (const block of root.children) {
      assert.ok(block.position, 'every block has a position');
      if (block.type === 'table') continue;
      const offset = block.position!.start.offset!;
      assert.is(root.data.text!.slice(offset, offset + 1), block.value.slice(0, 1));
    }
    // Nothing of the report is lost: the last section's text is there.
    assert.ok(lines.at(-1)!.length > 0);
  });
}

test('2019-shanghaishi-bgt-1.html: &nbsp; cells are blank, the blank 总计 column stays blank, <br> in labels joins', () => {
  if (!haveCorpus) return;
  const [t2, t3] = tables(tree('2019-shanghaishi-bgt-1.html'));
  assert.is(t2!.children[1]!.children[1]!.value, '本年新制作数量');
  const yieldRow = t3!.children.find((row) => row.children[1]!.value === '（一）予以公开')!;
  assert.equal(yieldRow.children.slice(3).map((c) => c.value), ['258', '12', '', '', '1', '1', '']);
  // 2019 layout: （六）其他处理 is one row spanning the two label columns.
  const other = t3!.children.find((row) => row.children[1]!.value === '（六）其他处理')!;
  assert.equal(other.children[2]!.data.spanOf, [other.children[1]!.data.row, 2]);
  // The header colspan of 本年新公开数量 spans two grid columns; the data cells under it do too.
  assert.is(t2!.children[1]!.children[3]!.data.spanOf?.[1], 3);
});

test('2025-pingtan-gwhbgs-1.html: headers split over <br> and several <p> read as one label', () => {
  if (!haveCorpus) return;
  const [, t3, t4] = tables(tree('2025-pingtan-gwhbgs-1.html'));
  assert.equal(t4!.children[1]!.children.slice(0, 5).map((c) => c.value), ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
  assert.equal(t3!.children[2]!.children.slice(4, 9).map((c) => c.value), ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
});

test.run();
