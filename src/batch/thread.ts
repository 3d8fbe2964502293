/**
 * One plain worker thread for a run of one or a few files (`jobs: 1`, and the command's choice for a
 * small run): the same hard limits as the pool — the thread has a heap limit and is terminated at the
 * per-file time limit — without loading piscina or starting a thread per core. The thread is reused
 * from file to file; after a file that timed out, ran out of memory or crashed it, the next file gets
 * a fresh one. Files go to the thread one at a time, so no innocent file shares a killed thread.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../util/sibling-module.js';
import { crashResult, isOutOfMemory, outOfMemoryResult, timeoutResult, workerSource } from './isolate.js';
import type { Task, TaskResult } from './types.js';

export interface ThreadRunnerOptions {
  /** Per-file limit in ms (0 = none). */
  timeoutMs: number;
  /** Old-generation heap limit of the thread, MB (0 = V8's). */
  maxHeapMb: number;
  /** Young generation of the thread, MB (as the pool's workers). */
  youngGenerationMb?: number;
}

interface Pending {
  task: Task;
  resolve: (result: TaskResult) => void;
  timer?: NodeJS.Timeout;
}

/** How long a fresh thread may take to load its modules before the file waiting for it counts as stuck. */
const BOOT_ALLOWANCE_MS = 30_000;

const workerModule = workerEntry(import.meta.url, 'thread-worker');

/** Young generation of an auditing thread, MB: the same for the plain thread and the pool's workers. */
export const WORKER_YOUNG_GENERATION_MB = 96;

type Limits = Pick<ThreadRunnerOptions, 'maxHeapMb' | 'youngGenerationMb'>;

/** A thread started before its runner exists (prestartThread), with what it said so far. */
interface Spare { worker: Worker; limits: string; ready: boolean; lost: boolean; stopListening: () => void }
let spare: Spare | null = null;

const limitsKey = ({ maxHeapMb, youngGenerationMb }: Limits): string => `${maxHeapMb}/${youngGenerationMb ?? 0}`;

function newWorker({ maxHeapMb, youngGenerationMb }: Limits, preload: readonly string[] = []): Worker {
  const { source, eval: isEval } = workerSource(workerModule);
  const resourceLimits = {
    ...(maxHeapMb > 0 ? { maxOldGenerationSizeMb: maxHeapMb } : {}),
    ...(youngGenerationMb ? { maxYoungGenerationSizeMb: youngGenerationMb } : {}),
  };
  const worker = new Worker(source, { eval: isEval, resourceLimits, stdout: false, stderr: false, workerData: { preload } });
  // An idle thread must not keep the process alive (a caller that stops iterating early).
  worker.unref();
  return worker;
}

/**
 * Starts the auditing thread now, before the rest of the command has loaded, so that the two load
 * their modules side by side (the command's start-up is what a user calling it once per file waits
 * for); it also loads the readers that `files` will need (by their extensions) while it waits for
 * the first. The next ThreadRunner with the same limits takes this thread over; if none comes (a cache hit,
 * --print-config, a usage error), it is unreferenced and ends with the process.
 */
export function prestartThread(limits: Limits, files: readonly string[] = []): void {
  if (spare) return;
  const worker = newWorker(limits, files);
  const onMessage = (message: { ready?: true }): void => { if (message?.ready) started.ready = true; };
  const onLost = (): void => { started.lost = true; };
  const started: Spare = {
    worker, limits: limitsKey(limits), ready: false, lost: false,
    // Only these listeners: removeAllListeners() would also drop the ones Node's Worker keeps for itself.
    stopListening: () => { worker.off('message', onMessage); worker.off('error', onLost); worker.off('exit', onLost); },
  };
  worker.on('message', onMessage);
  worker.on('error', onLost);
  worker.on('exit', onLost);
  // A 'message' listener refs the thread again: unreferenced after it, so an unused spare never keeps the process alive.
  worker.unref();
  spare = started;
}

/** The prestarted thread, if it has these limits and is alive; its listeners are removed. */
function takeSpare(limits: Limits): { worker: Worker; ready: boolean } | null {
  const taken = spare;
  if (!taken) return null;
  spare = null;
  taken.stopListening();
  if (taken.lost || taken.limits !== limitsKey(limits)) {
    void taken.worker.terminate();
    return null;
  }
  return { worker: taken.worker, ready: taken.ready };
}

export class ThreadRunner {
  readonly jobs = 1;
  /** Two in flight: the next file waits here, and is posted the moment the thread is free. */
  readonly capacity = 2;
  private worker: Worker | null = null;
  private current: Pending | null = null;
  private ready = false;
  private readonly queue: Pending[] = [];
  private closed = false;

  constructor(private readonly options: ThreadRunnerOptions) {
    // Started at once, so the thread loads its modules while the caller is still busy.
    this.worker = this.spawn();
  }

  run(task: Task): Promise<TaskResult> {
    return new Promise<TaskResult>((resolve) => {
      this.queue.push({ task, resolve });
      this.next();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private spawn(): Worker {
    const { maxHeapMb } = this.options;
    const taken = takeSpare(this.options);
    const worker = taken?.worker ?? newWorker(this.options);
    this.ready = taken?.ready ?? false;
    worker.on('message', (message: TaskResult | { ready: true }) => {
      if (worker !== this.worker) return;
      if ('ready' in message) {
        this.ready = true;
        if (this.current) this.startClock(this.current);
      } else this.settle(message, false);
    });
    worker.on('error', (error) => {
      if (worker !== this.worker) return;
      const task = this.current?.task;
      this.settle(task ? (isOutOfMemory(error) ? outOfMemoryResult(task, maxHeapMb) : crashResult(task, (error as Error)?.message)) : null, true);
    });
    worker.on('exit', () => {
      if (worker !== this.worker) return;
      const task = this.current?.task;
      this.settle(task ? crashResult(task) : null, true);
    });
    return worker;
  }

  /** The current file's result; `lost`: the thread is gone (or must go), the next file gets a fresh one. */
  private settle(result: TaskResult | null, lost: boolean): void {
    const current = this.current;
    this.current = null;
    if (current) clearTimeout(current.timer);
    if (lost) {
      const worker = this.worker;
      this.worker = null;
      if (worker) void worker.terminate();
    }
    if (current && result) current.resolve(result);
    this.next();
  }

  private next(): void {
    if (this.current || this.closed) return;
    const pending = this.queue.shift();
    if (!pending) {
      this.worker?.unref();
      return;
    }
    this.worker ??= this.spawn();
    this.worker.ref();
    const { started: _started, ...plain } = pending.task;
    this.current = pending;
    if (this.ready) this.startClock(pending);
    else if (this.options.timeoutMs > 0) {
      const current = pending;
      current.timer = setTimeout(() => { if (this.current === current) this.settle(timeoutResult(current.task, this.options.timeoutMs), true); }, this.options.timeoutMs + BOOT_ALLOWANCE_MS);
    }
    this.worker.postMessage(plain);
  }

  /** The time limit runs from when the thread is loaded and has the file (the parser it needs loads within it). */
  private startClock(current: Pending): void {
    const { timeoutMs } = this.options;
    clearTimeout(current.timer);
    if (timeoutMs > 0) current.timer = setTimeout(() => { if (this.current === current) this.settle(timeoutResult(current.task, timeoutMs), true); }, timeoutMs);
  }
}
