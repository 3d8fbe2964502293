// One audit in a fresh worker thread (isolate.ts): the task comes in workerData, the result goes out once.
import { parentPort, workerData } from 'node:worker_threads';
import { auditOne } from './audit-one.js';
import type { Task } from './types.js';

const result = await auditOne(workerData as Task);
parentPort!.postMessage(result);
