import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli.js';
import type { Finding, Report } from '../src/model.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = join(root, '../shared/corpus');
const haveCorpus = existsSync(corpus);

function capture(): { stream: NodeJS.WritableStream; text: () => string } {
  let out = '';
  return { stream: { write: (chunk: string) => { out += chunk; return true; } } as unknown as NodeJS.WritableStream, text: () => out };
}
async function run(args: string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, cwd: root, env: {} });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
const cellText = (value: ExcelJS.CellValue): string => (value === null || value === undefined ? '' : typeof value === 'object' && 'richText' in value ? value.richText.map((r) => r.text).join('') : String(value));

let tmp = '';
let xlsxPath = '';
let envelope: { reports: Report[]; crossFindings: Finding[] } | null = null;
test.before(async () => { tmp = await mkdtemp(join(tmpdir(), 'xxgk-xlsx-')); });
test.after(async () => { await rm(tmp, { recursive: true, force: true }); });

test('xlsx needs a file: to stdout it is a usage error', async () => {
  const r = await run(['--format', 'xlsx', join(root, 'fixtures/batch/agency-a-2024.txt')]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /xlsx 需要 --output/);
  assert.is(r.stdout, '');
});

test('the corpus as xlsx: every finding of the JSON output is on the 问题 sheet; 汇总 and 数据 sheets; frozen Chinese headers, filters, widths', async () => {
  if (!haveCorpus) { console.log('  (note: ../shared/corpus missing; xlsx corpus test skipped)'); return; }
  const files = (await readdir(corpus)).filter((f) => /\.(html|pdf|md|txt)$/.test(f) && !/^README/i.test(f)).sort().map((f) => join(corpus, f));
  const config = join(tmp, 'xxgk-audit.config.json');
  await writeFile(config, JSON.stringify(JSON.parse(await readFile(join(root, 'docs/scorecard-example-a.json'), 'utf8'))));
  xlsxPath = join(tmp, 'corpus.xlsx');
  const jsonPath = join(tmp, 'corpus.json');
  const r = await run(['-j', '2', '-c', config, '--format', 'json,xlsx', '--output', `${jsonPath},${xlsxPath}`, ...files]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  envelope = JSON.parse(await readFile(jsonPath, 'utf8'));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxPath);
  assert.equal(workbook.worksheets.map((w) => w.name), ['问题', '汇总', '数据']);

  const sheet = workbook.getWorksheet('问题')!;
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
  assert.equal(header.slice(0, 10), ['机关', '年度', '文件或网址', '规则', '严重程度', '类型', '问题说明', '位置', '审核状态', '理由']);
  assert.is(sheet.views[0]?.state, 'frozen');
  assert.is((sheet.views[0] as { ySplit?: number }).ySplit, 1);
  assert.ok(sheet.autoFilter, 'filters on');
  assert.ok((sheet.getColumn(7).width ?? 0) >= 60, 'message column wide');
  const rows: string[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push([3, 4, 5, 7].map((i) => cellText(row.getCell(i).value)).join('\u0000'));
    assert.is(row.getCell(7).type, ExcelJS.ValueType.String, 'messages are text');
  });
  const all = [...envelope!.reports.flatMap((rep) => rep.findings), ...envelope!.crossFindings];
  const severity = { error: '错误', warning: '警告', info: '提示' };
  const expected = all.map((f) => [f.source.file, f.ruleId, severity[f.severity], f.message].join('\u0000'));
  assert.is(rows.length, all.length, 'one row per finding');
  assert.equal([...rows].sort(), [...expected].sort(), 'every finding, with its file, rule, severity and Chinese message');

  const facts = workbook.getWorksheet('数据')!;
  assert.is(facts.rowCount, 1 + envelope!.reports.length, 'one row per report');
  const factHeader = (facts.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
  const report = envelope!.reports.find((rep) => rep.file.endsWith('2024-pingtan-1.html'))!;
  const rowOf = facts.getRow(2 + envelope!.reports.indexOf(report));
  assert.is(cellText(rowOf.getCell(1).value), report.file);
  let checked = 0;
  for (const [key, fact] of Object.entries(report.facts)) {
    const cell = rowOf.getCell(factHeader.indexOf(key) + 1);
    assert.is(cellText(cell.value), fact.raw, key);
    if (fact.raw !== '') assert.is(cell.type, ExcelJS.ValueType.String, `${key}: the published text, as text`);
    checked++;
  }
  assert.ok(checked > 100);

  const summary = workbook.getWorksheet('汇总')!;
  const sHeader = (summary.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(cellText);
  assert.equal(sHeader.slice(0, 11), ['机关', '年度', '文件', '模板', '错误', '警告', '提示', '已忽略', '章节（共6）', '读到的表格', '逾期发布']);
  assert.match(sHeader[11]!, /^得分（/);
  const jingfa = [];
  summary.eachRow((row, n) => { if (n > 1 && cellText(row.getCell(3).value).includes('2024-pingtan-jingfaju-1.txt')) jingfa.push(row); });
  assert.is(jingfa.length, 1);
  const row = jingfa[0] as ExcelJS.Row;
  const errors = all.filter((f) => f.source.file.endsWith('2024-pingtan-jingfaju-1.txt') && f.severity === 'error').length;
  assert.is(Number(row.getCell(5).value), errors);
  assert.ok(Number(row.getCell(12).value) < 100, 'errors cost points');
});

test('LibreOffice opens the workbook (soffice --headless --convert-to csv)', () => {
  if (!xlsxPath || !envelope) { console.log('  (note: no corpus workbook; LibreOffice test skipped)'); return; }
  const soffice = ['soffice', 'libreoffice'].find((bin) => spawnSync('which', [bin]).status === 0);
  if (!soffice) { console.log('  (note: LibreOffice (soffice) not installed; the LibreOffice test is skipped — apt-get install libreoffice-calc-nogui to run it)'); return; }
  const out = join(tmp, 'lo');
  const r = spawnSync(soffice, ['--headless', `-env:UserInstallation=file://${join(tmp, 'lo-profile')}`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', out, xlsxPath], { encoding: 'utf8', timeout: 120_000 });
  assert.is(r.status, 0, r.stderr);
  return readFile(join(out, 'corpus.csv'), 'utf8').then((csv) => {
    assert.match(csv, /^机关,年度,文件或网址,规则/);
    const first = envelope!.crossFindings[0] ?? envelope!.reports.flatMap((rep) => rep.findings)[0]!;
    assert.ok(csv.includes(first.ruleId), 'a finding is in the converted sheet');
  });
});

test.run();
