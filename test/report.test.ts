import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { csvField, csvReporter, jsonReporter, ndjsonReporter, stylishReporter } from '../src/report/index.js';
import type { Finding } from '../src/model.js';
import { collector, sampleReport } from './_report-fixtures.js';

const cross: Finding[] = [{
  ruleId: 'batch/duplicate', severity: 'warning', kind: 'review', message: '与 a.txt 内容完全相同（重复的报告）',
  source: { file: 'reports/2024-某局, "测试".txt' },
}];

/** A tiny RFC 4180 reader, enough to check our quoting round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  return rows;
}

test('csv: BOM, CRLF, RFC 4180 quoting; one row per finding incl. cross; summary with counts', () => {
  assert.is(csvField('a,"b"'), '"a,""b"""');
  assert.is(csvField('line1\nline2'), '"line1\nline2"');
  assert.is(csvField(null), '');
  const out = collector();
  const summary = collector();
  const reporter = csvReporter(out.write, { writeSummary: summary.write });
  reporter.start();
  reporter.report(sampleReport());
  reporter.finish(cross);
  const text = out.text();
  assert.ok(text.startsWith('\uFEFF'), 'UTF-8 BOM for Excel');
  const rows = parseCsv(text.slice(1));
  assert.is(rows.length, 1 + 3 + 1, 'header + 3 findings + 1 cross finding');
  const header = rows[0]!;
  const rec = (r: string[]) => Object.fromEntries(header.map((h, i) => [h, r[i]]));
  const first = rec(rows[1]!);
  assert.is(first.file, 'reports/2024-某局, "测试".txt');
  assert.is(first.ruleId, 't3/balance');
  assert.is(first.cells, 't3.new_received.total=7; t3.carried_over.total=0');
  assert.is(first.table, '2');
  assert.is(rec(rows[4]!).ruleId, 'batch/duplicate');
  const sums = parseCsv(summary.text().slice(1));
  const sumRow = Object.fromEntries(sums[0]!.map((h, i) => [h, sums[1]![i]]));
  assert.equal([sumRow.agency, sumRow.year, sumRow.template, sumRow.errors, sumRow.warnings, sumRow.infos], ['某局', '2024', '2021', '1', '2', '1']);
});

test('json: the contract envelope, cross findings after the reports, identical on a rerun', () => {
  const run = () => {
    const out = collector();
    const r = jsonReporter(out.write);
    r.start(); r.report(sampleReport()); r.report(sampleReport('b.md')); r.finish(cross);
    return out.text();
  };
  const text = run();
  const data = JSON.parse(text);
  assert.is(data.version, 1);
  assert.is(data.reports.length, 2);
  assert.equal(data.reports[0], sampleReport());
  assert.is(data.crossFindings[0].ruleId, 'batch/duplicate');
  assert.not.ok('generatedAt' in data, 'no timestamp by default');
  assert.is(run(), text);
  const empty = collector();
  const r = jsonReporter(empty.write, { timestamp: '2025-01-01T00:00:00.000Z' });
  r.start(); r.finish([]);
  assert.equal(JSON.parse(empty.text()), { version: 1, generatedAt: '2025-01-01T00:00:00.000Z', reports: [], crossFindings: [] });
});

test('ndjson: one report per line as it comes, then the cross line', () => {
  const out = collector();
  const r = ndjsonReporter(out.write);
  r.start();
  r.report(sampleReport());
  assert.is(out.text().split('\n').length, 2, 'the first report is written before the batch ends');
  r.report(sampleReport('b.md'));
  r.finish(cross);
  const lines = out.text().trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.is(lines.length, 3);
  assert.is(lines[1].file, 'b.md');
  assert.equal(lines[2], { crossFindings: cross });
});

test('stylish: grouped by file, place severity message ruleId, cells, summary; quiet keeps errors only', () => {
  const out = collector();
  const r = stylishReporter(out.write);
  r.start(); r.report(sampleReport()); r.finish(cross);
  const text = out.text();
  assert.match(text, /reports\/2024-某局, "测试"\.txt\n/);
  assert.match(text, /42:20 表2\(4,9\)\s+error\s+表三 总计列.*t3\/balance/);
  assert.match(text, /第3页\s+info\s+.*table\/low-confidence \[待核\]/);
  assert.match(text, /t3\.new_received\.total=7@/);
  assert.match(text, /跨报告检查/);
  assert.match(text, /1 份报告，4 个问题：1 个错误，2 个警告，1 个提示/);
  assert.not.match(text, /\u001b\[/, 'no colour unless asked');
  const quiet = collector();
  const q = stylishReporter(quiet.write, { quiet: true });
  q.start(); q.report(sampleReport()); q.finish([]);
  assert.match(quiet.text(), /t3\/balance/);
  assert.not.match(quiet.text(), /section\/empty|table\/low-confidence/);
  const colour = collector();
  const c = stylishReporter(colour.write, { color: true });
  c.start(); c.report(sampleReport()); c.finish([]);
  assert.match(colour.text(), /\u001b\[31merror/);
});

test('stylish: a contributing cell of another report (last year\'s) is named by its file', () => {
  const inForce: Finding = {
    ruleId: 'cross-year/in-force', severity: 'warning', kind: 'review', message: '现行有效件数 440 与上年推算不符',
    source: { file: 'reports/2024-某局.html', line: 9, table: 1, row: 4, col: 4 },
    cells: [
      { key: 't2.normative_docs.in_force', value: 440, raw: '440', source: { file: 'reports/2024-某局.html', line: 9, table: 1, row: 4, col: 4 } },
      { key: 't2.normative_docs.in_force', value: 470, raw: '470', source: { file: 'reports/2023-某局.html', line: 8, table: 1, row: 4, col: 4 } },
    ],
  };
  const out = collector();
  const r = stylishReporter(out.write);
  r.start(); r.report(sampleReport()); r.finish([inForce]);
  assert.match(out.text(), /t2\.normative_docs\.in_force=440@9:1 表1\(4,4\)，t2\.normative_docs\.in_force=470@2023-某局\.html 8:1 表1\(4,4\)/);
});

test('stylish: no cross-report heading when every cross finding is hidden (dismissed, or not an error under -q)', () => {
  const dismissed: Finding = { ...cross[0]!, review: { state: 'dismissed', reason: '已核实' } } as Finding;
  for (const [options, findings] of [[{}, [dismissed]], [{ quiet: true }, cross]] as const) {
    const out = collector();
    const r = stylishReporter(out.write, options);
    r.start(); r.finish([...findings]);
    assert.not.match(out.text(), /跨报告检查/);
  }
  const shown = collector();
  const r = stylishReporter(shown.write, { showSuppressed: true });
  r.start(); r.finish([dismissed]);
  assert.match(shown.text(), /跨报告检查[\s\S]*已忽略：已核实/);
});

test.run();
