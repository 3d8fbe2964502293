import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { auditOne } from './audit-one.js';
import { failedReport } from './failed.js';
import type { Task, TaskResult } from './types.js';

export interface RunnerOptions {
  /** Worker threads; 1 runs in the main thread (simpler to debug, no isolation). */
  jobs?: number;
  /** Per-file limit in ms (0 = none). */
  timeoutMs?: number;
  /** Worker module (tests swap in a misbehaving one). */
  workerUrl?: URL;
}

export interface Runner {
  readonly jobs: number;
  run(task: Task): Promise<TaskResult>;
  close(): Promise<void>;
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Time a fresh worker may take to load before the per-file clock starts anyway. */
const BOOT_ALLOWANCE_MS = 30_000;

function timeoutResult(task: Task, timeoutMs: number): TaskResult {
  const seconds = Math.round(timeoutMs / 100) / 10;
  const message = `审核超时 (timed out after ${seconds} s): ${task.name}`;
  return { report: failedReport(task.name, 'file/timeout', message, 'review'), failed: { code: 'timeout', message } };
}

/** Under tsx the sources are .ts; from dist they are .js. */
function defaultWorkerUrl(): URL {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./worker${ext}`, import.meta.url);
}

/** Runs tasks in a piscina pool; a task over its time limit is aborted, which terminates its worker. */
class PoolRunner implements Runner {
  readonly jobs: number;
  private readonly pool: Piscina;
  private readonly timeoutMs: number;

  constructor(jobs: number, timeoutMs: number, workerUrl: URL) {
    this.jobs = jobs;
    this.timeoutMs = timeoutMs;
    this.pool = new Piscina({
      filename: workerUrl.href,
      minThreads: jobs,
      maxThreads: jobs,
      // The caller never queues more than `jobs` tasks, so the time limit starts when the work does.
      maxQueue: 'auto',
      idleTimeout: 30_000,
    });
  }

  async run(task: Task): Promise<TaskResult> {
    const controller = new AbortController();
    const started = new Int32Array(new SharedArrayBuffer(4));
    // The clock starts when the worker picks the task up (a fresh thread may take a while to load
    // the parsers, e.g. after the previous one was killed), checked every 100 ms.
    let startedAt = 0;
    const submittedAt = Date.now();
    const timer = this.timeoutMs > 0
      ? setInterval(() => {
        if (!startedAt) {
          if (Atomics.load(started, 0)) startedAt = Date.now();
          // A thread that never even starts the task is stuck too.
          else if (Date.now() - submittedAt >= this.timeoutMs + BOOT_ALLOWANCE_MS) controller.abort();
          return;
        }
        if (Date.now() - startedAt >= this.timeoutMs) controller.abort();
      }, Math.min(100, this.timeoutMs))
      : undefined;
    try {
      return (await this.pool.run({ ...task, started }, { signal: controller.signal })) as TaskResult;
    } catch (error) {
      if (controller.signal.aborted) return timeoutResult(task, this.timeoutMs);
      // The worker died (out of memory, a native crash): that file fails, the run goes on.
      const message = `审核时工作线程异常退出 (worker crashed): ${task.name}: ${(error as Error)?.message ?? String(error)}`;
      return { report: failedReport(task.name, 'file/error', message, 'review'), failed: { code: 'crash', message } };
    } finally {
      clearInterval(timer);
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/**
 * One job: in the main thread. The time limit still applies to the result, but a synchronous
 * loop cannot be interrupted here; use --jobs 2+ for untrusted input.
 */
class InProcessRunner implements Runner {
  readonly jobs = 1;
  constructor(private readonly timeoutMs: number) {}

  async run(task: Task): Promise<TaskResult> {
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
  if (jobs === 1 && !options.workerUrl) return new InProcessRunner(timeoutMs);
  return new PoolRunner(jobs, timeoutMs, options.workerUrl ?? defaultWorkerUrl());
}
