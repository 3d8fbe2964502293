// Piscina worker: one task in, one plain result out.
import { auditOne } from './audit-one.js';
import type { Task, TaskResult } from './types.js';

export default function run(task: Task): Promise<TaskResult> {
  // Tell the main thread the clock may start (see PoolRunner.run).
  if (task.started) Atomics.store(task.started, 0, 1);
  return auditOne(task);
}
