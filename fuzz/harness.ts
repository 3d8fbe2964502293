// The fuzz harness: generates inputs from seeds (fuzz/inputs.ts), runs each through the library in a
// worker thread with a time and heap budget, and checks the invariants:
//   a report or an AuditError (never another exception); no unhandled rejection; each audit within the
//   time limit; heap within the limit; the same input twice → byte-identical JSON; the input file unchanged.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AuditOutcome, CheckRequest, CheckResult } from './check-worker.js';
import { inputFor, inputSeed, type FuzzFormat, type FuzzInput } from './inputs.js';

export type Verdict = 'ok' | 'crash' | 'unhandled-rejection' | 'over-limit' | 'heap' | 'non-deterministic' | 'input-changed';

export interface Failure {
  verdict: Verdict;
  format: FuzzFormat;
  /** Rebuilds the input: `npm run fuzz -- --replay <format>:<seed>`. */
  seed: number;
  name: string;
  size: number;
  description: string;
  detail: string;
}

export interface Figures {
  format: FuzzFormat;
  inputs: number;
  reports: number;
  auditErrors: number;
  crashes: number;
  unhandledRejections: number;
  overLimit: number;
  heap: number;
  nonDeterministic: number;
  inputChanged: number;
  /** Slowest single audit, ms. */
  maxMs: number;
  /** Largest heap seen after an input, MB. */
  maxHeapMb: number;
  seconds: number;
  /** sha256 over the per-input output digests in input order (a failed thread counts as its verdict): two runs with the same seed must agree. */
  digest: string;
}

export interface FuzzOptions {
  format: FuzzFormat;
  /** Run seed: input i has seed inputSeed(seed, format, i). */
  seed: number;
  count: number;
  /** Or: exactly these per-input seeds (replay). */
  seeds?: number[];
  /** Per-audit time limit, ms. */
  timeLimitMs?: number;
  /** Audits per input: 2 (from the file, then from its bytes; they must agree) or 1 (the long run: a second run with the same seed and the same digest checks determinism at half the cost). */
  audits?: 1 | 2;
  /** Heap limit of the worker's old generation, MB; heap after an input above `heapBoundMb` also fails. */
  heapLimitMb?: number;
  heapBoundMb?: number;
  /** Worker threads in parallel. */
  jobs?: number;
  onProgress?: (done: number, figures: Figures) => void;
  onFailure?: (failure: Failure) => void;
}

const workerUrl = new URL(`./check-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

class CheckThread {
  private worker!: Worker;
  private pending: { resolve: (r: CheckResult | { died: string }) => void } | null = null;
  constructor(private readonly heapLimitMb: number) { this.start(); }
  private start(): void {
    // Under tsx the worker module is .ts: Node 20 does not carry the --import hooks into a worker, so register them there first.
    const load = workerUrl.href.endsWith('.ts')
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); })`
      : `import(${JSON.stringify(workerUrl.href)})`;
    this.worker = new Worker(load, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: this.heapLimitMb },
    });
    this.worker.on('message', (result: CheckResult) => { const p = this.pending; this.pending = null; p?.resolve(result); });
    this.worker.on('error', (error: Error & { code?: string }) => {
      const p = this.pending; this.pending = null;
      p?.resolve({ died: `${error.code ?? error.name}: ${error.message}` });
    });
    this.worker.on('exit', (code) => { const p = this.pending; this.pending = null; p?.resolve({ died: `worker exited with code ${code}` }); });
  }
  /** Runs one check; null result with `died`/`timedOut` when the thread had to go. */
  async check(request: CheckRequest, timeoutMs: number): Promise<CheckResult | { died: string } | { timedOut: true }> {
    const answer = new Promise<CheckResult | { died: string }>((resolve) => { this.pending = { resolve }; });
    this.worker.postMessage(request);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<{ timedOut: true }>((resolve) => { timer = setTimeout(() => resolve({ timedOut: true }), timeoutMs); });
    const result = await Promise.race([answer, timeout]);
    clearTimeout(timer);
    if ('timedOut' in result || 'died' in result) await this.restart();
    return result;
  }
  private async restart(): Promise<void> {
    this.pending = null;
    this.worker.removeAllListeners();
    this.worker.on('error', () => {});
    await this.worker.terminate().catch(() => {});
    this.start();
  }
  async close(): Promise<void> {
    this.worker.removeAllListeners();
    await this.worker.terminate().catch(() => {});
  }
}

function sameOutcome(a: AuditOutcome, b: AuditOutcome): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'report' && b.kind === 'report') return a.json === b.json;
  if (a.kind === 'audit-error' && b.kind === 'audit-error') return a.code === b.code && a.message === b.message;
  return a.kind === 'crash' && b.kind === 'crash' && a.message === b.message;
}

/** The verdict on one checked input, with a one-line detail. */
export function judge(result: CheckResult, timeLimitMs: number, heapBoundMb: number): { verdict: Verdict; detail: string } {
  for (const outcome of [result.first, result.second]) {
    if (outcome.kind === 'crash') return { verdict: 'crash', detail: outcome.stack || outcome.message };
  }
  if (result.unhandled.length) return { verdict: 'unhandled-rejection', detail: `${result.unhandled.length}: ${result.unhandled[0]}` };
  const slowest = Math.max(result.first.ms, result.second.ms);
  if (slowest > timeLimitMs) return { verdict: 'over-limit', detail: `${Math.round(slowest)} ms > ${timeLimitMs} ms` };
  if (result.heapUsedMb > heapBoundMb) return { verdict: 'heap', detail: `heap ${Math.round(result.heapUsedMb)} MB after the input > ${heapBoundMb} MB` };
  if (!sameOutcome(result.first, result.second)) {
    const show = (o: AuditOutcome): string => (o.kind === 'report' ? `report ${o.json.length} chars` : o.kind === 'audit-error' ? `${o.code}: ${o.message}` : o.message);
    return { verdict: 'non-deterministic', detail: `from file: ${show(result.first)}; from bytes: ${show(result.second)}` };
  }
  if (result.inputChanged) return { verdict: 'input-changed', detail: 'the input file changed on disk' };
  return { verdict: 'ok', detail: '' };
}

/** Runs `count` inputs of one format (or the given seeds) and returns the figures and the failures. */
export async function fuzz(options: FuzzOptions): Promise<{ figures: Figures; failures: Failure[] }> {
  const timeLimitMs = options.timeLimitMs ?? 20_000;
  const heapLimitMb = options.heapLimitMb ?? 1536;
  const heapBoundMb = options.heapBoundMb ?? 1024;
  const audits = options.audits ?? 2;
  const stuckMs = audits * timeLimitMs + 15_000;
  const seeds = options.seeds ?? Array.from({ length: options.count }, (_, i) => inputSeed(options.seed, options.format, i));
  const figures: Figures = {
    format: options.format, inputs: 0, reports: 0, auditErrors: 0, crashes: 0, unhandledRejections: 0, overLimit: 0, heap: 0,
    nonDeterministic: 0, inputChanged: 0, maxMs: 0, maxHeapMb: 0, seconds: 0, digest: '',
  };
  const digests: string[] = new Array(seeds.length).fill('');
  const failures: Failure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-fuzz-'));
  const started = Date.now();
  const threads = Array.from({ length: Math.max(1, options.jobs ?? 1) }, () => new CheckThread(heapLimitMb));
  let next = 0;
  const fail = (input: FuzzInput, seed: number, verdict: Verdict, detail: string): void => {
    const failure: Failure = { verdict, format: options.format, seed, name: input.name, size: input.bytes.length, description: input.description, detail: detail.slice(0, 3000) };
    failures.push(failure);
    options.onFailure?.(failure);
  };
  const count = (verdict: Verdict): void => {
    if (verdict === 'crash') figures.crashes++;
    else if (verdict === 'unhandled-rejection') figures.unhandledRejections++;
    else if (verdict === 'over-limit') figures.overLimit++;
    else if (verdict === 'heap') figures.heap++;
    else if (verdict === 'non-deterministic') figures.nonDeterministic++;
    else if (verdict === 'input-changed') figures.inputChanged++;
  };
  try {
    await Promise.all(threads.map(async (thread) => {
      while (next < seeds.length) {
        const i = next++;
        const seed = seeds[i]!;
        const input = inputFor(options.format, seed);
        // The audits, then a margin for thread start-up: past this the thread is stuck and is terminated.
        const result = await thread.check({ id: i, name: input.name, bytes: input.bytes, dir, once: audits === 1 }, stuckMs);
        figures.inputs++;
        if ('timedOut' in result) {
          figures.overLimit++;
          digests[i] = 'timed-out';
          fail(input, seed, 'over-limit', `no answer within ${stuckMs} ms (thread terminated)`);
        } else if ('died' in result) {
          const verdict: Verdict = /OUT_OF_MEMORY|heap/i.test(result.died) ? 'heap' : 'crash';
          count(verdict);
          digests[i] = `died ${verdict}`;
          fail(input, seed, verdict, result.died);
        } else {
          digests[i] = result.digest;
          for (const o of [result.first]) { if (o.kind === 'report') figures.reports++; else if (o.kind === 'audit-error') figures.auditErrors++; }
          figures.maxMs = Math.max(figures.maxMs, Math.round(Math.max(result.first.ms, result.second.ms)));
          figures.maxHeapMb = Math.max(figures.maxHeapMb, Math.round(result.heapUsedMb));
          const { verdict, detail } = judge(result, timeLimitMs, heapBoundMb);
          if (verdict !== 'ok') { count(verdict); fail(input, seed, verdict, detail); }
        }
        figures.seconds = Math.round((Date.now() - started) / 100) / 10;
        options.onProgress?.(figures.inputs, figures);
      }
    }));
  } finally {
    await Promise.all(threads.map((t) => t.close()));
    rmSync(dir, { recursive: true, force: true });
  }
  figures.seconds = Math.round((Date.now() - started) / 100) / 10;
  figures.digest = createHash('sha256').update(digests.join('\n')).digest('hex').slice(0, 16);
  return { figures, failures };
}

export const failed = (f: Figures): number => f.crashes + f.unhandledRejections + f.overLimit + f.heap + f.nonDeterministic + f.inputChanged;

/** The figures of one format on one line (what `npm run fuzz` prints and docs/fuzz.md explains). */
export const figuresLine = (f: Figures): string =>
  `${f.format.padEnd(8)} inputs ${f.inputs}  reports ${f.reports}  audit-errors ${f.auditErrors}  crashes ${f.crashes}  unhandled-rejections ${f.unhandledRejections}  `
  + `over-limit ${f.overLimit}  heap ${f.heap}  non-deterministic ${f.nonDeterministic}  input-changed ${f.inputChanged}  max ${f.maxMs} ms  max-heap ${f.maxHeapMb} MB  ${f.seconds} s  digest ${f.digest}`;

