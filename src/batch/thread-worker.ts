// The worker of ThreadRunner (thread.ts): one plain worker thread that audits the tasks it is sent,
// one after another, and posts each result back.
import { parentPort, workerData } from 'node:worker_threads';
import { preloadReaderFor } from '../ingest/index.js';
import { auditOne } from './audit-one.js';
import type { Task } from './types.js';

parentPort!.on('message', (task: Task) => {
  void auditOne(task).then((result) => parentPort!.postMessage(result));
});
// Loaded: the first file's clock may start (thread.ts).
parentPort!.postMessage({ ready: true });
// A thread started ahead of its files (thread.ts, prestartThread) loads their readers while it waits.
for (const name of (workerData as { preload?: string[] } | null)?.preload ?? []) void preloadReaderFor(name);
