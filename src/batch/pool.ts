import { availableParallelism } from 'node:os';
import type { Piscina } from 'piscina';
import { workerEntry } from '../util/sibling-module.js';
import { DEFAULT_HEAP_MB, crashResult, isOutOfMemory, outOfMemoryResult, runIsolated, timeoutResult } from './isolate.js';
import { ThreadRunner, WORKER_YOUNG_GENERATION_MB } from './thread.js';
import type { Task, TaskResult } from './types.js';

export interface RunnerOptions {
  /** Worker threads; 1 is one plain worker thread (no pool), reused from file to file. */
  jobs?: number;
  /** Audit in the calling thread (no thread at all): bounded by the input limits only, not stopped at the time limit. */
  mainThread?: boolean;
  /** Per-file limit in ms (0 = none). */
  timeoutMs?: number;
  /** Worker module (tests swap in a misbehaving one). */
  workerUrl?: URL;
  /** Old-generation heap limit of each worker, MB (default 2048); over it the file gets `file/too-large`. */
  maxHeapMb?: number;
  /** Run every file alone in a fresh worker (hard time and memory limits even with one job; slower start per file). */
  isolate?: boolean;
}

export interface Runner {
  readonly jobs: number;
  /** Tasks the caller may have in flight at once. */
  readonly capacity: number;
  run(task: Task): Promise<TaskResult>;
  close(): Promise<void>;
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Young generation of each worker: 3 × a 32 MB semi-space (V8's default tops out at 16 MB). Most
 * of a report's working set then dies young instead of being promoted, so the worker runs fewer
 * full collections, each of which throws away optimised code that must be compiled again. 64 MB
 * semi-spaces were no faster on the bench but cost ~1 GB more peak RSS in the 2,000-input batch
 * with a 20 MB page (+46 % against 200 inputs; +10 % with 32 MB).
 */

/**
 * Tasks handed to each worker at once. The worker runs them one after another (worker.ts); the
 * second one waiting inside the worker means the worker never idles while the main thread takes in
 * a result and posts the next task (measured: ~10 % of a worker's time with one task each).
 */
const TASKS_PER_WORKER = 2;

const WORKER_LOST = Symbol('worker lost');

/** Beyond the time limit, how long a task may wait to start (a fresh worker loading its parsers) before it counts as stuck. */
const BOOT_ALLOWANCE_MS = 30_000;


/** Runs tasks in a piscina pool; a task over its time limit gets the thread running it terminated. */
class PoolRunner implements Runner {
  readonly jobs: number;
  readonly capacity: number;
  /** piscina is loaded with the first batch that needs a pool, never by `import('xxgk-audit')` or a one-file run. */
  private readonly pool: Promise<Piscina>;
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;
  private readonly isolateLost: boolean;

  constructor(jobs: number, timeoutMs: number, workerUrl: URL, maxHeapMb: number, isolateLost: boolean) {
    this.jobs = jobs;
    this.capacity = jobs * TASKS_PER_WORKER;
    this.timeoutMs = timeoutMs;
    this.maxHeapMb = maxHeapMb;
    this.isolateLost = isolateLost;
    this.pool = import('piscina').then(({ Piscina }) => new Piscina({
      filename: workerUrl.href,
      minThreads: jobs,
      maxThreads: jobs,
      concurrentTasksPerWorker: TASKS_PER_WORKER,
      // The caller never has more than `capacity` tasks in flight; the time limit starts when the work does.
      maxQueue: 'auto',
      idleTimeout: 30_000,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, ...(maxHeapMb > 0 ? { maxOldGenerationSizeMb: maxHeapMb } : {}) },
    }));
  }

  async run(task: Task): Promise<TaskResult> {
    // A task waiting in a worker dies with it when the worker is terminated for another task's time
    // limit, or crashes on another input (out of memory, a native crash): audit it once more, alone in
    // a fresh worker with the same limits, so the innocent file gets its own report and the guilty
    // one its own finding (file/too-large over the heap limit, file/error otherwise).
    const first = await this.runOnce(task);
    if (first !== WORKER_LOST) return first;
    if (this.isolateLost) return runIsolated(task, { timeoutMs: this.timeoutMs, maxHeapMb: this.maxHeapMb });
    // A test's own worker module: run it once more in the pool.
    const second = await this.runOnce(task);
    return second === WORKER_LOST ? (this.lastError && isOutOfMemory(this.lastError) ? outOfMemoryResult(task, this.maxHeapMb) : crashResult(task)) : second;
  }

  private lastError: unknown;

  private async runOnce(task: Task): Promise<TaskResult | typeof WORKER_LOST> {
    const pool = await this.pool;
    // The worker writes its threadId here when it starts the task: the clock starts then (a fresh
    // thread may take a while to load the parsers, e.g. after the previous one was killed), and a
    // task over its limit gets exactly its own thread terminated. No AbortSignal: piscina never
    // gives an abortable task a worker that is busy, which would leave each worker idle between tasks.
    const started = new Int32Array(new SharedArrayBuffer(4));
    let timedOut = false;
    let giveUp: (() => void) | undefined;
    const stuck = new Promise<typeof WORKER_LOST>((resolve) => { giveUp = () => resolve(WORKER_LOST); });
    let startedAt = 0;
    const submittedAt = Date.now();
    const timer = this.timeoutMs > 0
      ? setInterval(() => {
        const threadId = Atomics.load(started, 0);
        if (!threadId) {
          // A thread that never even starts the task is stuck too; its result is ignored if it ever comes.
          if (Date.now() - submittedAt >= this.timeoutMs + BOOT_ALLOWANCE_MS) { timedOut = true; giveUp!(); }
          return;
        }
        startedAt ||= Date.now();
        if (Date.now() - startedAt >= this.timeoutMs && !timedOut) {
          timedOut = true;
          void pool.threads.find((worker) => worker.threadId === threadId)?.terminate();
        }
      }, Math.min(100, this.timeoutMs))
      : undefined;
    let outcome: TaskResult | typeof WORKER_LOST;
    try {
      outcome = await Promise.race([pool.run({ ...task, started }) as Promise<TaskResult>, stuck]);
    } catch (error) {
      this.lastError = error;
      outcome = WORKER_LOST;
    } finally {
      clearInterval(timer);
    }
    return timedOut ? timeoutResult(task, this.timeoutMs) : outcome;
  }

  async close(): Promise<void> {
    await (await this.pool).destroy();
  }
}

/**
 * `mainThread: true`: in the calling thread. The input limits (bytes, characters, cells, depth, PDF
 * streams) and linear readers bound the work; the time limit applies to the result, but a synchronous
 * loop cannot be interrupted here (the default with one job is one worker thread, ThreadRunner).
 */
class InProcessRunner implements Runner {
  readonly jobs = 1;
  readonly capacity = 1;
  constructor(private readonly timeoutMs: number) {}

  async run(task: Task): Promise<TaskResult> {
    // The audit code is loaded here only: a run on worker threads never loads it in the main thread.
    const { auditOne } = await import('./audit-one.js');
    if (!(this.timeoutMs > 0)) return auditOne(task);
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<TaskResult>((resolve) => {
      timer = setTimeout(() => resolve(timeoutResult(task, this.timeoutMs)), this.timeoutMs);
    });
    try {
      return await Promise.race([auditOne(task), limit]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {}
}

export function createRunner(options: RunnerOptions = {}): Runner {
  const jobs = Math.max(1, Math.floor(options.jobs ?? defaultJobs()));
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxHeapMb = options.maxHeapMb ?? DEFAULT_HEAP_MB;
  if (options.isolate && !options.workerUrl) return new IsolatedRunner(jobs, timeoutMs, maxHeapMb);
  if (options.mainThread && !options.workerUrl) return new InProcessRunner(timeoutMs);
  if (jobs === 1 && !options.workerUrl) return new ThreadRunner({ timeoutMs, maxHeapMb, youngGenerationMb: WORKER_YOUNG_GENERATION_MB });
  // Under tsx (tests) the default worker goes through a bootstrap that registers tsx in the thread (tsx-worker.mjs).
  const own = import.meta.url.endsWith('.ts') ? new URL('./tsx-worker.mjs', import.meta.url) : workerEntry(import.meta.url, 'worker');
  return new PoolRunner(jobs, timeoutMs, options.workerUrl ?? own, maxHeapMb, !options.workerUrl);
}

/** `isolate`: every file alone in a fresh worker (runIsolated), `jobs` at once. */
class IsolatedRunner implements Runner {
  readonly capacity: number;
  constructor(readonly jobs: number, private readonly timeoutMs: number, private readonly maxHeapMb: number) {
    this.capacity = jobs;
  }
  run(task: Task): Promise<TaskResult> {
    return runIsolated(task, { timeoutMs: this.timeoutMs, maxHeapMb: this.maxHeapMb });
  }
  async close(): Promise<void> {}
}
