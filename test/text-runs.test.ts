import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { BlockNode, Root } from '../src/model.js';
import { extractTextRunTables } from '../src/extract/text-runs/index.js';
import { splitRun, tokenize, valuesOf } from '../src/extract/text-runs/split.js';
import { TEMPLATES } from '../src/templates/index.js';
import { pointAt, positionOf } from '../src/util/source.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/text-runs/', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

/** A report tree as a text reader gives it: one verbatim paragraph per non-empty line, with offsets. */
function treeOf(text: string, file: string, extra: { before?: BlockNode[] } = {}): Root {
  const children: BlockNode[] = [...(extra.before ?? [])];
  let offset = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) children.push({ type: 'paragraph', value: line, position: positionOf(text, offset, offset + line.length), data: { verbatim: true } });
    offset += line.length + 1;
  }
  return { type: 'root', children, data: { file, format: 'text', text } };
}

function load(name: string): { text: string; tree: Root } {
  const text = readFileSync(FIXTURES + name, 'utf8');
  return { text, tree: treeOf(text, name) };
}

const values = (facts: Record<string, { value: number | null }>, prefix: string, cols: string[]): (number | null | undefined)[] =>
  cols.map((col) => facts[`${prefix}.${col}`]?.value);
const T3_COLS = ['natural_person', 'org_commercial', 'org_research', 'org_social_welfare', 'org_legal_service', 'org_other', 'total'];
const T4_COLS = ['upheld', 'corrected', 'other', 'pending', 'total'];

// ---------------------------------------------------------------------------
// Splitting
// ---------------------------------------------------------------------------

test('a 7-digit run has exactly one split into 7 cells', () => {
  const { candidates } = splitRun(tokenize('3000003'), new Array(7).fill('int'));
  assert.equal(candidates.map(valuesOf), [[3, 0, 0, 0, 0, 0, 3]]);
});

test('whitespace is a cell boundary and leading zeros are never a cell', () => {
  const { candidates } = splitRun(tokenize('230 000023'), new Array(7).fill('int'));
  assert.ok(candidates.every((pieces) => pieces.every((piece) => piece.raw === '0' || !piece.raw.startsWith('0'))));
  assert.ok(candidates.some((pieces) => valuesOf(pieces).join() === '23,0,0,0,0,0,23'));
  // No cell spans the space at index 3.
  assert.not.ok(candidates.some((pieces) => pieces.some((piece) => piece.start < 3 && piece.start + piece.raw.length > 3)));
  const rowValid = candidates.filter((pieces) => valuesOf(pieces).slice(0, 6).reduce((a, b) => a + b, 0) === pieces[6]!.value);
  assert.equal(rowValid.map(valuesOf), [[23, 0, 0, 0, 0, 0, 23]]);
});

test('signed, decimal and money cells keep their raw text', () => {
  assert.equal(splitRun(tokenize('35-15'), ['int', 'signed_int']).candidates.map(valuesOf), [[35, -15]]);
  const money = splitRun(tokenize('3 1200.50元'), ['int', 'money']).candidates;
  assert.equal(money.map((pieces) => pieces.map((piece) => piece.raw)), [['3', '1200.50元']]);
  assert.is(money[0]![1]!.value, 1200.5);
  assert.equal(splitRun(tokenize('4166.214619'), ['decimal']).candidates.map(valuesOf), [[4166.214619]]);
});

// ---------------------------------------------------------------------------
// Synthetic crawler texts
// ---------------------------------------------------------------------------

test('T3 rows with two row-valid splits are decided by the column identities', () => {
  const { text, tree } = load('2025-columns-decide.txt');
  const result = extractTextRunTables(tree, TEMPLATES);
  assert.equal(values(result.facts, 't3.new_received', T3_COLS), [15, 1, 0, 0, 0, 0, 16]);
  assert.equal(values(result.facts, 't3.results.granted', T3_COLS), [10, 1, 0, 0, 0, 0, 11]);
  assert.equal(values(result.facts, 't3.results.total', T3_COLS), [15, 1, 0, 0, 0, 0, 16]);
  assert.is(result.problems.filter((problem) => problem.key?.startsWith('t3')).length, 0);
  // The cell's source points at its own digits in the file.
  const fact = result.facts['t3.results.granted.org_commercial']!;
  assert.is(fact.raw, '1');
  const at = text.indexOf('（一）予以公开101000011') + '（一）予以公开10'.length;
  assert.equal([fact.source.offset, fact.source.line, fact.source.column], [at, pointAt(text, at).line, pointAt(text, at).column]);
  assert.equal([fact.source.table, fact.source.row, fact.source.col], [2, 6, 5]);
  assert.is(fact.kind, 'number');
  assert.is(result.facts['t3.carried_over.total']!.kind, 'zero');
});

test('T4 with more than 15 digits is split by the block sums; T2 keeps decimals and reports ambiguous rows', () => {
  const { tree } = load('2025-columns-decide.txt');
  const result = extractTextRunTables(tree, TEMPLATES);
  assert.equal(values(result.facts, 't4.review', T4_COLS), [9, 3, 0, 0, 12]);
  assert.equal(values(result.facts, 't4.litigation_after_review', T4_COLS), [2, 0, 1, 0, 3]);
  assert.equal(result.facts['t4.review.total']!.source.col, 5);
  assert.is(result.facts['t2.fees.amount_wan_yuan']!.value, 12.5);
  assert.is(result.facts['t2.fees.amount_wan_yuan']!.raw, '12.5');
  assert.is(result.facts['t2.licensing.decisions']!.value, 120);
  assert.equal(values(result.facts, 't2.regulations', ['made', 'repealed', 'in_force']), [0, 0, 0]);
  assert.is(result.facts['t2.normative_docs.made'], undefined);
  const problem = result.problems.find((entry) => entry.key === 't2.normative_docs');
  assert.ok(problem, 'ambiguous 5416 is a problem');
  assert.equal(problem!.candidates, [[5, 4, 16], [5, 41, 6], [54, 1, 6]]);
  assert.match(problem!.message, /5416/);
  assert.equal(result.tables.map((table) => [table.id, table.template, table.tableIndex, table.nodeIndex]), [
    ['t2', '2021', 1, -1],
    ['t3', '2021', 2, -1],
    ['t4', '2021', 3, -1],
  ]);
  assert.ok(result.tables[0]!.missing.includes('t2.normative_docs.made'));
});

test('when the column identities do not hold, ambiguous rows stay unread with their candidates', () => {
  const { tree } = load('2025-zero-total.txt');
  const result = extractTextRunTables(tree, TEMPLATES);
  for (const row of ['new_received', 'results.granted']) {
    assert.is(result.facts[`t3.${row}.total`], undefined, row);
    const problem = result.problems.find((entry) => entry.key === `t3.${row}`);
    assert.ok(problem && problem.candidates!.length === 2, row);
  }
  assert.equal(values(result.facts, 't3.results.total', T3_COLS), [0, 0, 0, 0, 0, 0, 0]);
  assert.equal(values(result.facts, 't3.results.unable.not_held', T3_COLS), [3, 0, 0, 0, 0, 0, 3]);
  // 15 digits: forced, and the report's own defect (corrected 1, total 0) survives.
  assert.equal(values(result.facts, 't4.review', T4_COLS), [0, 1, 0, 0, 0]);
  // Spaces separate the T2 cells: 0 1 0 has one reading.
  assert.equal(values(result.facts, 't2.normative_docs', ['made', 'repealed', 'in_force']), [0, 1, 0]);
});

test('a row whose own total fits no split, or with digits missing, is a problem and not a guess', () => {
  const { tree } = load('2025-row-total-wrong.txt');
  const result = extractTextRunTables(tree, TEMPLATES);
  const wrong = result.problems.find((entry) => entry.key === 't3.results.granted');
  assert.ok(wrong);
  assert.match(wrong!.message, /30000041/);
  assert.ok(wrong!.candidates!.length >= 1);
  assert.is(result.facts['t3.results.granted.total'], undefined);
  const short = result.problems.find((entry) => entry.key === 't3.results.unable.not_held');
  assert.ok(short, 'five digits cannot fill seven cells');
  assert.is(result.facts['t3.results.unable.not_held.total'], undefined);
  assert.equal(values(result.facts, 't3.new_received', T3_COLS), [3, 0, 0, 0, 0, 0, 3]);
  // T4 with a space between every cell.
  assert.equal(values(result.facts, 't4.litigation_direct', T4_COLS), [12, 0, 0, 0, 12]);
  assert.equal(values(result.facts, 't2.normative_docs', ['made', 'repealed', 'in_force']), [0, 0, 8]);
  assert.ok(result.tables.find((table) => table.id === 't3')!.missing.includes('t3.results.granted.total'));
});

test('the 2019 trial format: single-row 其他处理, spaced runs, signed change, procurement amount', () => {
  const { tree } = load('2019-trial-format.txt');
  const result = extractTextRunTables(tree, TEMPLATES);
  assert.equal(result.tables.map((table) => [table.id, table.template]), [['t2', '2019'], ['t3', '2019'], ['t4', '2019']]);
  assert.equal(values(result.facts, 't3.new_received', T3_COLS), [23, 0, 0, 0, 0, 0, 23]);
  assert.equal(values(result.facts, 't3.results.other', T3_COLS), [0, 0, 0, 0, 0, 0, 0]);
  assert.equal(values(result.facts, 't3.results.total', T3_COLS), [23, 0, 0, 0, 0, 0, 23]);
  assert.equal(values(result.facts, 't3.carried_forward', T3_COLS), [0, 0, 0, 0, 0, 0, 0]);
  assert.equal(values(result.facts, 't2.normative_docs', ['new_made', 'new_published', 'total_published']), [12, 12, 40]);
  assert.equal(values(result.facts, 't2.licensing', ['prev_year_items', 'change', 'decisions']), [100, -5, 95]);
  assert.equal(values(result.facts, 't2.other_mgmt_services', ['prev_year_items', 'change', 'decisions']), [10, 0, 0]);
  assert.equal(values(result.facts, 't2.fees', ['prev_year_items', 'change']), [35, -15]);
  assert.is(result.facts['t2.central_procurement.procurement_amount']!.raw, '1200.50元');
  assert.ok(result.problems.some((entry) => entry.key === 't2.penalty'), '2648-18538 splits four ways');
  assert.equal(values(result.facts, 't4.review', T4_COLS), [0, 1, 0, 0, 0]);
});

test('a T4 run with two readings that both satisfy the block sums is one table-wide problem', () => {
  const text = readFileSync(FIXTURES + '2025-columns-decide.txt', 'utf8').replace('9300120000020103', '11021140000010001');
  const result = extractTextRunTables(treeOf(text, 'x.txt'), TEMPLATES);
  assert.not.ok(Object.keys(result.facts).some((key) => key.startsWith('t4.')));
  const problem = result.problems.find((entry) => entry.key === 't4.*');
  assert.ok(problem);
  assert.equal(problem!.candidates, [[1, 10, 2, 1, 14, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1], [11, 0, 2, 1, 14, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]]);
  assert.is(problem!.source.offset, text.indexOf('11021140000010001'));
  assert.is(problem!.source.table, 3);
  assert.equal(result.tables.find((table) => table.id === 't4')!.missing.length, 15);
});

test('pre-2019 reports and texts without the tables give nothing', () => {
  const { tree } = load('2016-old-format.txt');
  const result = extractTextRunTables(tree, TEMPLATES);
  assert.equal(result, { facts: {}, tables: [], problems: [] });
  assert.equal(extractTextRunTables(treeOf('', 'empty.txt'), TEMPLATES), { facts: {}, tables: [], problems: [] });
});

test('real tables before the runs shift the table numbers; options.tables restricts the search', () => {
  const text = readFileSync(FIXTURES + '2025-columns-decide.txt', 'utf8');
  const table: BlockNode = { type: 'table', children: [], data: { index: 1 } };
  const tree = treeOf(text, 'x.txt', { before: [table] });
  const result = extractTextRunTables(tree, TEMPLATES, { tables: ['t3', 't4'] });
  assert.equal(result.tables.map((entry) => [entry.id, entry.tableIndex]), [['t3', 3], ['t4', 4]]);
  assert.not.ok(Object.keys(result.facts).some((key) => key.startsWith('t2.')));
  assert.is(result.facts['t4.review.total']!.source.table, 4);
});

// ---------------------------------------------------------------------------
// Corpus: every crawler text against its hand-checked truth
// ---------------------------------------------------------------------------

test('corpus crawler texts: facts equal the truth; only T2 splits the text cannot decide are left unread', () => {
  if (!existsSync(CORPUS)) {
    console.log(`  (skipped: corpus not found at ${CORPUS})`);
    return;
  }
  const files = readdirSync(CORPUS).filter((name) => name.endsWith('.txt') && existsSync(`${CORPUS}truth/${name}.json`)).sort();
  assert.ok(files.length > 0);
  const lines: string[] = [];
  let wrongTotal = 0;
  for (const name of files) {
    const text = readFileSync(CORPUS + name, 'utf8');
    const truth = JSON.parse(readFileSync(`${CORPUS}truth/${name}.json`, 'utf8')) as { facts?: Record<string, unknown> };
    const result = extractTextRunTables(treeOf(text, name), TEMPLATES);
    let right = 0;
    let wrong = 0;
    let unresolved = 0;
    for (const [key, expected] of Object.entries(truth.facts ?? {})) {
      if (key.endsWith('.raw') || key.endsWith('.amount_yuan')) continue; // reader's notes, not cells
      const fact = result.facts[key];
      if (!fact) {
        if (expected === null) right++; // a row the report does not have
        else {
          unresolved++;
          assert.ok(key.startsWith('t2.'), `${name}: ${key} unread (only T2 may stay ambiguous)`);
          assert.ok(result.problems.some((problem) => problem.key && key.startsWith(`${problem.key}.`)), `${name}: ${key} unread without a problem`);
        }
        continue;
      }
      if (fact.value === expected) right++;
      else {
        wrong++;
        lines.push(`    WRONG ${name} ${key}: ${fact.value} (truth ${String(expected)})`);
      }
      // Every fact points at its own digits.
      assert.is(text.slice(fact.source.offset!, fact.source.offset! + fact.raw.length), fact.raw, `${name} ${key} source`);
    }
    for (const key of Object.keys(result.facts)) assert.ok(key in (truth.facts ?? {}), `${name}: fact ${key} not in the truth`);
    wrongTotal += wrong;
    lines.push(`  ${name}: right ${right} / wrong ${wrong} / unresolved ${unresolved}`);
  }
  console.log(lines.join('\n'));
  assert.is(wrongTotal, 0);
});

test.run();
