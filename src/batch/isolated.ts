import type { AuditOptions } from '../index.js';
import type { Input } from '../ingest/index.js';
import type { Report } from '../model.js';
import { runIsolated } from './isolate.js';

export interface IsolatedOptions extends AuditOptions {
  /** Seconds (default 60, 0 = none): over it the worker is terminated and the report holds `file/timeout`. */
  timeout?: number;
  /** Heap limit of the worker, MB (default 2048): over it the report holds `file/too-large`. */
  maxHeapMb?: number;
}

/**
 * `audit()` in a fresh worker thread with hard limits, for servers that take documents from anyone:
 * never throws for the document's sake; a document that cannot be audited gives a Report with one
 * `file/error`, `file/timeout` or `file/too-large` finding (as in a batch). Costs a thread start and
 * loading the parsers (~0.3–1 s) per call.
 */
export async function auditIsolated(input: Input, options: IsolatedOptions = {}): Promise<Report> {
  const { timeout, maxHeapMb, ...auditOptions } = options;
  const name = options.file ?? (typeof input === 'object' && 'path' in input ? input.path : '<input>');
  const task = typeof input === 'string'
    ? { name, bytes: Buffer.from(input, 'utf8'), options: auditOptions, summary: false }
    : input instanceof Uint8Array
      ? { name, bytes: input, options: auditOptions, summary: false }
      : { name, path: input.path, options: auditOptions, summary: false };
  const result = await runIsolated(task, { timeoutMs: (timeout ?? 60) * 1000, maxHeapMb });
  return result.report;
}
