// The bounded fuzz run of `npm test` (docs/fuzz.md): a few hundred seeded inputs over every format through
// the harness of `npm run fuzz`, every invariant checked; and proof that the harness can fail (each
// invariant's verdict from judge(), and a real run with limits set so low that every input must fail).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { failed, figuresLine, fuzz, judge, type Failure } from '../fuzz/harness.js';
import { inputFor, FUZZ_FORMATS, type FuzzFormat } from '../fuzz/inputs.js';
import type { CheckResult } from '../fuzz/check-worker.js';

/** Seed of the bounded run (`npm run fuzz -- --seed 7 --count <n> --format <f>` repeats it). */
const SEED = 7;
const COUNTS: Record<FuzzFormat, number> = { text: 80, html: 60, markdown: 40, pdf: 40 };

test('bounded fuzz run: every format, no crash, no unhandled rejection, none past the limit, deterministic, input unchanged', async () => {
  const lines: string[] = [];
  const failures: Failure[] = [];
  for (const format of FUZZ_FORMATS) {
    const run = await fuzz({ format, seed: SEED, count: COUNTS[format], jobs: 2, timeLimitMs: 20_000 });
    lines.push(figuresLine(run.figures));
    failures.push(...run.failures);
    assert.is(run.figures.inputs, COUNTS[format], `${format}: every input checked`);
    assert.ok(run.figures.reports > 0, `${format}: some inputs give a report`);
    assert.match(run.figures.digest, /^[0-9a-f]{16}$/);
  }
  console.log(`fuzz (seed ${SEED}):\n${lines.join('\n')}`);
  const shown = failures.map((f) => `${f.verdict} --replay ${f.format}:${f.seed} ${f.description}: ${f.detail.split('\n')[0]}`);
  assert.equal(shown, [], 'no failure');
});

test('inputs are rebuilt from their seed alone', () => {
  for (const format of FUZZ_FORMATS) {
    const a = inputFor(format, 12345);
    const b = inputFor(format, 12345);
    assert.is(a.name, b.name);
    assert.is(a.description, b.description);
    assert.ok(Buffer.from(a.bytes).equals(Buffer.from(b.bytes)), `${format}: same bytes`);
  }
});

const report = (json: string, ms = 5) => ({ kind: 'report' as const, json, findings: 0, ms });
const result = (over: Partial<CheckResult> = {}): CheckResult => ({
  id: 0, first: report('{"a":1}'), second: report('{"a":1}'), unhandled: [], inputChanged: false, heapUsedMb: 50, digest: 'x', ...over,
});

test('judge(): each broken invariant is its own verdict', () => {
  const limits = [1000, 500] as const;
  assert.is(judge(result(), ...limits).verdict, 'ok');
  assert.is(judge(result({ second: { kind: 'audit-error', code: 'pdf-broken', message: 'x', ms: 1 }, first: { kind: 'audit-error', code: 'pdf-broken', message: 'x', ms: 1 } }), ...limits).verdict, 'ok', 'a clear AuditError is a result');
  assert.is(judge(result({ second: { kind: 'crash', message: 'Invalid string length', stack: 'RangeError', ms: 1 } }), ...limits).verdict, 'crash');
  assert.is(judge(result({ unhandled: ['Error: stray pdf.js promise'] }), ...limits).verdict, 'unhandled-rejection');
  assert.is(judge(result({ first: report('{"a":1}', 1500) }), ...limits).verdict, 'over-limit');
  assert.is(judge(result({ heapUsedMb: 700 }), ...limits).verdict, 'heap');
  assert.is(judge(result({ second: report('{"a":2}') }), ...limits).verdict, 'non-deterministic');
  assert.is(judge(result({ second: { kind: 'audit-error', code: 'too-large', message: 'x', ms: 1 } }), ...limits).verdict, 'non-deterministic');
  assert.is(judge(result({ inputChanged: true }), ...limits).verdict, 'input-changed');
});

test('a run whose limits every input breaks reports every input as a failure, with its replay seed', async () => {
  const slow = await fuzz({ format: 'text', seed: SEED, count: 3, jobs: 1, timeLimitMs: 0.001 });
  assert.is(slow.figures.overLimit, 3, figuresLine(slow.figures));
  assert.is(failed(slow.figures), 3);
  const replay = await fuzz({ format: 'text', seed: 0, count: 0, seeds: slow.failures.map((f) => f.seed), jobs: 1, timeLimitMs: 0.001 });
  assert.equal(replay.failures.map((f) => [f.seed, f.description]), slow.failures.map((f) => [f.seed, f.description]), 'a failure is rebuilt from its seed');
  const heavy = await fuzz({ format: 'html', seed: SEED, count: 2, jobs: 1, heapBoundMb: 1 });
  assert.is(heavy.figures.heap, 2, figuresLine(heavy.figures));
});

test.run();
