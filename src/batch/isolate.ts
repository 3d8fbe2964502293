/**
 * The containment primitive: one audit in a fresh worker thread with a heap limit, terminated at the
 * time limit. Whatever the input does (a loop that never yields, memory without end, a native crash,
 * a parser's stray rejection), the caller gets a report: the audit's own, or one with `file/timeout`,
 * `file/too-large` (over the heap limit) or `file/error` (the worker died). Used by the pool for a
 * file whose worker died (so an innocent neighbour is audited alone), by `isolate: true` runs and by
 * `auditIsolated()`.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../util/sibling-module.js';
import { failedReport } from './failed.js';
import type { Task, TaskResult } from './types.js';

export interface IsolateOptions {
  /** Per-file limit in ms (0 = none). Default 60 s. */
  timeoutMs?: number;
  /** Old-generation heap of the worker, MB (0 = V8's default). Default DEFAULT_HEAP_MB. */
  maxHeapMb?: number;
}

/** Heap limit of a worker that audits one file: far above any real report (the largest corpus PDF peaks near 400 MB). */
export const DEFAULT_HEAP_MB = 2048;

export function timeoutResult(task: Pick<Task, 'name'>, timeoutMs: number): TaskResult {
  const seconds = Math.round(timeoutMs / 100) / 10;
  const message = `审核超时 (timed out after ${seconds} s): ${task.name}`;
  return { report: failedReport(task.name, 'file/timeout', message, 'review'), failed: { code: 'timeout', message } };
}

export function outOfMemoryResult(task: Pick<Task, 'name'>, maxHeapMb: number): TaskResult {
  const message = `审核所需内存超过上限 (over the memory limit of ${maxHeapMb} MB): ${task.name}`;
  return { report: failedReport(task.name, 'file/too-large', message, 'review'), failed: { code: 'too-large', message } };
}

export function crashResult(task: Pick<Task, 'name'>, detail?: string): TaskResult {
  const message = `审核时工作线程异常退出 (worker crashed${detail ? `: ${detail}` : ''}): ${task.name}`;
  return { report: failedReport(task.name, 'file/error', message, 'review'), failed: { code: 'crash', message } };
}

export function isOutOfMemory(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

const workerModule = workerEntry(import.meta.url, 'isolated-worker');

/** Under tsx the worker is .ts: Node 20 does not carry --import hooks into a worker, so register tsx there first. */
export function workerSource(url: URL): { source: string | URL; eval: boolean } {
  if (!url.href.endsWith('.ts')) return { source: url, eval: false };
  return {
    source: `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`,
    eval: true,
  };
}

export function runIsolated(task: Task, options: IsolateOptions = {}): Promise<TaskResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxHeapMb = options.maxHeapMb ?? DEFAULT_HEAP_MB;
  const { source, eval: isEval } = workerSource(workerModule);
  const { started: _started, ...plain } = task;
  return new Promise<TaskResult>((resolve) => {
    let done = false;
    const finish = (result: TaskResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const worker = new Worker(source, {
      eval: isEval,
      workerData: plain,
      ...(maxHeapMb > 0 ? { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } } : {}),
      stdout: false,
      stderr: false,
    });
    const timer = timeoutMs > 0 ? setTimeout(() => finish(timeoutResult(task, timeoutMs)), timeoutMs) : undefined;
    worker.once('message', (result: TaskResult) => finish(result));
    worker.once('error', (error) => finish(isOutOfMemory(error) ? outOfMemoryResult(task, maxHeapMb) : crashResult(task, (error as Error)?.message)));
    worker.once('exit', () => finish(crashResult(task)));
  });
}
