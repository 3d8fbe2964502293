import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { auditMany, type BatchItem } from '../src/batch/run.js';
import { expandInputs } from '../src/batch/inputs.js';
import type { Report } from '../src/model.js';

const fixtures = fileURLToPath(new URL('../fixtures/batch/', import.meta.url));
const misbehaving = new URL('../fixtures/batch/misbehaving-worker.ts', import.meta.url);
const good = join(fixtures, 'agency-a-2024.txt');

async function collect(iter: AsyncIterable<BatchItem>): Promise<{ reports: (Report & { failed?: string })[]; cross: BatchItem[] }> {
  const reports: (Report & { failed?: string })[] = [];
  const cross: BatchItem[] = [];
  for await (const item of iter) {
    if (item.type === 'report') {
      assert.is(item.index, reports.length, 'indexes count up in input order');
      reports.push({ ...item.report, failed: item.failed?.code });
    } else cross.push(item);
  }
  return { reports, cross };
}

let tmp = '';
test.before(async () => { tmp = await mkdtemp(join(tmpdir(), 'xxgk-batch-')); });
test.after(async () => { await rm(tmp, { recursive: true, force: true }); });

test('junk batch: empty, binary, truncated PDF, 20 MB HTML, missing → one finding per bad file, input order, no crash', async () => {
  const big = join(tmp, 'big.html');
  // 20 MB of markup with no report in it.
  await writeFile(big, `<html><body>${'<div><span>无关内容 lorem ipsum</span></div>\n'.repeat(420_000)}</body></html>`);
  const inputs = [good, join(fixtures, 'empty.txt'), join(fixtures, 'junk.txt'), join(fixtures, 'truncated.pdf'), big, join(tmp, 'missing.txt'), join(fixtures, 'agency-b-2024.txt')];
  const { reports, cross } = await collect(auditMany(inputs, { jobs: 2, timeout: 5, cacheDir: null }));
  assert.equal(reports.map((r) => r.file), inputs, 'one report per input, in input order');
  for (const i of [1, 2, 3, 5]) {
    const r = reports[i]!;
    assert.is(r.findings.length, 1, `${r.file}: exactly one finding`);
    assert.is(r.findings[0]!.ruleId, 'file/error');
    assert.is(r.findings[0]!.severity, 'error');
    assert.ok(r.failed, 'marked as not audited');
  }
  assert.is(reports[1]!.failed, 'empty');
  assert.is(reports[2]!.failed, 'binary');
  assert.is(reports[5]!.failed, 'not-found');
  assert.is(reports[4]!.format, 'html');
  assert.ok(!reports[4]!.failed || reports[4]!.failed === 'timeout', `the big page is audited or times out (${reports[4]!.failed})`);
  assert.not.ok(reports[0]!.failed);
  assert.not.ok(reports[6]!.failed);
  assert.is(cross.length, 1, 'then one cross item');
});

test('a worker stuck in a synchronous loop is killed at the time limit; a dying worker → file/error; the run goes on', async () => {
  const inputs = [good, join(tmp, 'hang.txt'), join(fixtures, 'agency-b-2024.txt'), join(tmp, 'die.txt'), good];
  const started = Date.now();
  const { reports } = await collect(auditMany(inputs, { jobs: 2, timeout: 1.5, workerUrl: misbehaving, cacheDir: null, cross: false }));
  assert.ok(Date.now() - started < 20_000, 'did not wait for the loop');
  assert.equal(reports.map((r) => r.file), inputs);
  assert.equal(reports[1]!.findings.map((f) => f.ruleId), ['file/timeout']);
  assert.match(reports[1]!.findings[0]!.message, /审核超时 \(timed out after 1\.5 s\)/);
  assert.equal(reports[3]!.findings.map((f) => f.ruleId), ['file/error']);
  assert.match(reports[3]!.findings[0]!.message, /worker crashed/);
  for (const i of [0, 2, 4]) assert.not.ok(reports[i]!.failed, `${inputs[i]} audited after the bad ones: ${reports[i]!.findings[0]?.message}`);
});

test('a file waiting in the same worker as one that hangs is audited again, not reported as a crash', async () => {
  // One worker holds two tasks: the good file waits behind the hang and dies with the thread.
  const inputs = [join(tmp, 'hang.txt'), good, join(fixtures, 'agency-b-2024.txt')];
  const { reports } = await collect(auditMany(inputs, { jobs: 1, timeout: 1, workerUrl: misbehaving, cacheDir: null, cross: false }));
  assert.equal(reports.map((r) => r.file), inputs);
  assert.equal(reports[0]!.findings.map((f) => f.ruleId), ['file/timeout']);
  for (const i of [1, 2]) assert.not.ok(reports[i]!.failed, `${inputs[i]} audited: ${reports[i]!.findings[0]?.message}`);
});

test('results come in input order even when later files finish first', async () => {
  const inputs = [join(tmp, 'hang-slow.txt'), good, good, good];
  const { reports } = await collect(auditMany(inputs, { jobs: 2, timeout: 1, workerUrl: misbehaving, cacheDir: null, cross: false }));
  assert.equal(reports.map((r) => r.file), inputs);
  assert.is(reports[0]!.findings[0]!.ruleId, 'file/timeout');
});

test('jobs 1 runs in the main thread and gives the same reports as the pool', async () => {
  const inputs = [good, join(fixtures, 'agency-b-2024.txt'), join(fixtures, 'empty.txt')];
  const one = await collect(auditMany(inputs, { jobs: 1, cacheDir: null }));
  const two = await collect(auditMany(inputs, { jobs: 2, cacheDir: null }));
  assert.equal(one.reports, two.reports);
  assert.equal(one.cross, two.cross);
});

test('bytes and an abort signal: stop scheduling, keep what is done', async () => {
  const controller = new AbortController();
  const seen: string[] = [];
  const inputs = Array.from({ length: 6 }, (_, i) => ({ name: `mem-${i}.txt`, bytes: new TextEncoder().encode('2024年度政府信息公开工作年度报告\n一、总体情况\n发布信息81条。') }));
  for await (const item of auditMany(inputs, { jobs: 1, signal: controller.signal, cacheDir: null })) {
    if (item.type !== 'report') continue;
    seen.push(item.report.file);
    if (seen.length === 2) controller.abort();
  }
  assert.ok(seen.length >= 2 && seen.length < 6, `stopped early (${seen.length})`);
  assert.equal(seen.slice(0, 2), ['mem-0.txt', 'mem-1.txt']);
});

test('inputs: a directory is walked recursively for report files, sorted; - is stdin', async () => {
  const specs = await expandInputs([fixtures]);
  const names = specs.map((s) => s.name.split('/').pop());
  assert.equal(names, ['agency-a-2024.txt', 'agency-b-2024.txt', 'empty.txt', 'junk.txt', 'truncated.pdf']);
  const { Readable } = await import('node:stream');
  const stdin = await expandInputs(['-'], { stdin: Readable.from([Buffer.from('abc')]) });
  assert.is(stdin[0]!.kind, 'bytes');
  assert.is(stdin[0]!.name, '<stdin>');
});

test.run();
