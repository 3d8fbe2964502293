import { AuditError } from '../errors.js';
import { check } from '../audit.js';
import { ingest, readInputSync } from '../ingest/index.js';
import { failedReport } from './failed.js';
import { sha256, summarise } from './summary.js';
import type { Task, TaskResult } from './types.js';

/**
 * Audits one input and never throws: an unreadable input or a crash becomes a report with a
 * `file/error` finding. Runs in a worker thread or, with one job, in the main thread.
 */
export async function auditOne(task: Task): Promise<TaskResult> {
  const file = task.name;
  try {
    const bytes = task.bytes ?? readInputSync({ path: task.path ?? file }, { file, maxBytes: task.options.maxBytes }).bytes;
    // ingest() may transfer/detach the buffer it is given (PDF), so hash first.
    const contentHash = task.summary ? sha256(bytes) : null;
    const tree = await ingest(bytes, { ...task.options, file, charset: task.charset ?? task.options.charset });
    if (task.page) {
      // An attachment audited in place of its page: the page names and dates the report.
      const { url, title, publishedOn } = task.page;
      tree.data.metadata = { ...tree.data.metadata, url, ...(title ? { title } : {}), ...(publishedOn ? { publishedOn } : {}) };
    }
    const report = check(tree, task.options);
    if (task.page) report.meta.page = task.page;
    if (!task.summary) return { report };
    const summary = summarise(report, tree, null);
    summary.contentHash = contentHash;
    return { report, summary };
  } catch (error) {
    if (error instanceof AuditError) {
      const report = error.code === 'too-large' ? failedReport(file, 'file/too-large', error.message, 'review') : failedReport(file, 'file/error', error.message, 'fail');
      return { report, failed: { code: error.code, message: error.message } };
    }
    const message = `审核时出错 (internal error while auditing): ${file}: ${(error as Error)?.message ?? String(error)}`;
    return { report: failedReport(file, 'file/error', message, 'review'), failed: { code: 'crash', message } };
  }
}
