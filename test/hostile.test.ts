// Issue 10's hostile inputs (fixtures/hostile/generate.mjs rebuilds each one): a report or one clear
// finding within the limits, in the calling thread (audit()), in the pool (jobs 2), with one job and
// isolated; the batch around each goes on (a valid report after it is still audited).
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit, AuditError, auditIsolated } from '../src/index.js';
import { auditMany, type BatchItem } from '../src/batch/run.js';
import type { Report } from '../src/model.js';
import { defuseEmphasis } from '../src/ingest/markdown/index.js';
// @ts-expect-error: a plain .mjs generator without types
import { hostile, emphasisRuns, flateBomb, figureList, nestedQuotes, starRuns, unclosedHtml } from '../fixtures/hostile/generate.mjs';

type Hostile = { name: string; note: string; bytes: () => Uint8Array };
const inputs = hostile as Hostile[];
const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const good = fileURLToPath(new URL('../fixtures/batch/agency-a-2024.txt', import.meta.url));
const goodPdf = fileURLToPath(new URL('../fixtures/pdf/report-2021-chromium.pdf', import.meta.url));

/** What each input must give: a report, or the file/too-large finding. */
const TOO_LARGE = new Set(['deep.html', 'quotes.md', 'unclosed.html', 'huge.html', 'flate-bomb.pdf']);

let tmp = '';
test.before(async () => { tmp = await mkdtemp(join(tmpdir(), 'xxgk-hostile-')); });
test.after(async () => { await rm(tmp, { recursive: true, force: true }); });

test('audit() in this thread: each hostile input returns a bounded report or throws AuditError too-large; nothing rejects later', async () => {
  const stray: unknown[] = [];
  const onStray = (reason: unknown): void => { stray.push(reason); };
  process.on('unhandledRejection', onStray); // the test's own listener, to see what the library lets escape
  try {
    for (const h of inputs) {
      const bytes = h.bytes();
      try {
        const report = await audit(bytes, { file: h.name });
        assert.not.ok(TOO_LARGE.has(h.name), `${h.name} should be too large`);
        const json = JSON.stringify(report).length;
        assert.ok(json < 40 * bytes.length + 1_000_000, `${h.name}: JSON ${json} chars for ${bytes.length} bytes in`);
      } catch (error) {
        assert.instance(error, AuditError, `${h.name}: ${String(error)}`);
        const code = (error as AuditError).code;
        if (TOO_LARGE.has(h.name)) assert.is(code, 'too-large', `${h.name}: ${(error as Error).message}`);
        else assert.ok(['pdf-broken', 'too-large'].includes(code), `${h.name}: ${code}`);
      }
    }
    await new Promise((r) => setTimeout(r, 300));
  } finally {
    process.off('unhandledRejection', onStray);
  }
  assert.equal(stray.map(String), [], 'no unhandled rejection');
});

test('figures of a long sentence carry an excerpt and the sentence place, not the sentence', async () => {
  const report = await audit(figureList(2_000), { file: 'list.txt' });
  const long = report.figures.filter((f) => f.sentenceLength !== undefined);
  assert.ok(long.length > 1000, `${long.length} figures in the long sentence`);
  for (const f of long) {
    assert.ok(f.sentence.length <= 202, 'excerpt of at most 200 characters (+ …)');
    assert.ok(f.sentenceLength! > 10_000);
    assert.ok(f.sentenceSource?.line, 'the sentence is named by its place');
  }
  assert.ok(long.some((f) => f.sentence.includes(f.raw)), 'the excerpt is around the figure');
});

async function collect(iter: AsyncIterable<BatchItem>): Promise<(Report & { failed?: string })[]> {
  const out: (Report & { failed?: string })[] = [];
  for await (const item of iter) if (item.type === 'report') out.push({ ...item.report, failed: item.failed?.code });
  return out;
}

async function batchFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const h of inputs) {
    const path = join(tmp, h.name);
    await writeFile(path, h.bytes());
    files.push(path);
    // A valid report after each hostile one (a valid PDF after each PDF: it shares its worker).
    const after = join(tmp, `after-${h.name}${h.name.endsWith('.pdf') ? '.pdf' : '.txt'}`);
    await copyFile(h.name.endsWith('.pdf') ? goodPdf : good, after);
    files.push(after);
  }
  return files;
}

function checkBatch(reports: (Report & { failed?: string })[], files: string[], mode: string): void {
  assert.equal(reports.map((r) => r.file), files, `${mode}: one report per input, in order`);
  for (const r of reports) {
    const name = r.file.slice(tmp.length + 1);
    if (name.startsWith('after-')) {
      assert.not.ok(r.failed, `${mode}: ${name} audited (${r.failed}: ${r.findings[0]?.message})`);
      assert.ok(r.sections.length > 0, `${mode}: ${name} has sections`);
    } else if (r.failed) {
      assert.is(r.findings.length, 1, `${mode}: ${name}: one finding`);
      if (TOO_LARGE.has(name)) assert.is(r.findings[0]!.ruleId, 'file/too-large', `${mode}: ${name}: ${r.findings[0]!.message}`);
      else assert.not.match(r.findings[0]!.message, /worker crashed/, `${mode}: ${name}`);
    } else assert.not.ok(TOO_LARGE.has(name), `${mode}: ${name} should be too large`);
  }
}

test('batch in the pool (jobs 2): every hostile input ends as a report or one finding, the valid ones after it are audited', async () => {
  const files = await batchFiles();
  checkBatch(await collect(auditMany(files, { jobs: 2, timeout: 60, cacheDir: null, cross: false })), files, 'pool');
});

test('batch with one job (main thread) and isolated: the same', async () => {
  const files = await batchFiles();
  checkBatch(await collect(auditMany(files, { jobs: 1, timeout: 60, cacheDir: null, cross: false })), files, 'main thread');
  checkBatch(await collect(auditMany(files, { jobs: 1, isolate: true, timeout: 60, cacheDir: null, cross: false })), files, 'isolated');
});

test('nested blockquotes: the depth is counted from the line prefixes before micromark builds them (20,000 `>` used to exhaust a worker heap); maxDepth moves the limit', async () => {
  for (const n of [20_000, 200_000]) {
    try {
      await audit(nestedQuotes(n), { file: 'quotes.md' });
      assert.unreachable(`${n} nested >`);
    } catch (error) {
      assert.is((error as AuditError).code, 'too-large', String(error));
      assert.match((error as Error).message, new RegExp(`${n} > 1000 \\(maxDepth\\)`));
    }
  }
  const report = await audit(`${nestedQuotes(3)}\n- 一\n  - 二\n\n一、总体情况\n正文 - 内容 > 比较\n`, { file: 'ok.md' });
  assert.ok(report.sections.some((s) => s.present), 'ordinary quotes and lists are read');
});

test('emphasis delimiters that cannot be emphasis are read as text: many runs (40,000 `*a`) and long runs (12,000 `*`) no longer stall micromark; ordinary emphasis is kept', async () => {
  for (const [name, text] of [['emphasis.md', emphasisRuns(40_000)], ['stars.md', starRuns(12_000, 24)]] as const) {
    const report = await audit(text, { file: name });
    assert.ok(report.sections.some((s) => s.present), `${name}: the report around them is read`);
  }
  // A report's own emphasis (a few short runs) goes to micromark untouched; the rest is made text, the same length.
  for (const file of [join(corpus, '2024-shkewei-1.md'), fileURLToPath(new URL('../fixtures/markdown/report-2024.md', import.meta.url))]) {
    const text = readFileSync(file, 'utf8');
    assert.is(defuseEmphasis(text), text, `${file} is parsed as published`);
  }
  const ordinary = '主动公开**政府信息**120条，_其中_文件15条。';
  assert.is(defuseEmphasis(ordinary), ordinary);
  const long = `x${'*'.repeat(65)}重点**加粗**`;
  assert.is(defuseEmphasis(long), `x${'＊'.repeat(65)}重点**加粗**`, 'only the run too long to be emphasis');
  const many = emphasisRuns(6_000);
  assert.is(defuseEmphasis(many).length, many.length);
  assert.not.match(defuseEmphasis(many), /\*/, 'past 5,000 runs every delimiter is text');
});

test('unclosed tags: the HTML parse stops at the depth limit, so a page of 10⁵ unclosed <div>s is too large at once, and maxDepth moves the limit', async () => {
  for (const n of [10_000, 100_000]) {
    try {
      await audit(unclosedHtml(n), { file: 'unclosed.html' });
      assert.unreachable(`${n} unclosed <div>s`);
    } catch (error) {
      assert.is((error as AuditError).code, 'too-large', String(error));
      assert.match((error as Error).message, /1001 > 1000 \(maxDepth\)/);
    }
  }
  const report = await audit(unclosedHtml(1_500), { file: 'unclosed.html', maxDepth: 2_000 });
  assert.ok(report.sections.length > 0, 'under a raised limit the page is read');
});

test('auditIsolated: the time limit and the heap limit stop the work; the limits are options', async () => {
  const late = await auditIsolated(figureList(3_000), { file: 'slow.txt', timeout: 0.001 });
  assert.equal(late.findings.map((f) => f.ruleId), ['file/timeout']);
  const heavy = await auditIsolated(figureList(20_000), { file: 'heavy.txt', maxHeapMb: 16 });
  assert.equal(heavy.findings.map((f) => f.ruleId), ['file/too-large'], heavy.findings[0]?.message);
  const bomb = await auditIsolated(flateBomb(64), { file: 'bomb.pdf', maxPdfStreamBytes: 16 * 1024 * 1024 });
  assert.equal(bomb.findings.map((f) => f.ruleId), ['file/too-large']);
  const ok = await auditIsolated({ path: good });
  assert.ok(ok.sections.length > 0 && !ok.findings.some((f) => f.ruleId.startsWith('file/')), 'a valid report is audited');
  try {
    await audit(figureList(100), { file: 'x.txt', maxChars: 1000 });
    assert.unreachable('maxChars');
  } catch (error) { assert.is((error as AuditError).code, 'too-large'); }
  const capped = await audit(figureList(100), { file: 'x.txt', maxFindings: 1 });
  assert.ok(capped.findings.length <= 2);
  if (capped.findings.length === 2) assert.is(capped.findings[1]!.ruleId, 'file/findings-capped');
});

test.run();
