// Piscina worker: tasks in, plain results out.
import { threadId } from 'node:worker_threads';
import { auditOne } from './audit-one.js';
import type { Task, TaskResult } from './types.js';

/**
 * The pool hands each worker two tasks at a time (pool.ts); they run one after another, so a
 * report is never slowed down by its neighbour, and each one's clock starts when it does.
 */
export function oneAtATime(audit: (task: Task) => Promise<TaskResult>): (task: Task) => Promise<TaskResult> {
  let previous: Promise<unknown> = Promise.resolve();
  return (task) => {
    const result = previous.then(() => {
      // Tell the main thread the clock may start, and which thread to stop at the limit (PoolRunner.runOnce).
      if (task.started) Atomics.store(task.started, 0, threadId);
      return audit(task);
    });
    previous = result.catch(() => undefined);
    return result;
  };
}

export default oneAtATime(auditOne);
