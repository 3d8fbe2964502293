import type { Finding, Report } from '../model.js';
import type { Reporter, ReporterOptions, Write } from './types.js';

const indent = (text: string, pad: string): string => text.replace(/\n/g, `\n${pad}`);

/**
 * `{ "version": 1, "reports": [Report…], "crossFindings": [Finding…] }`, streamed report by report.
 * Pretty-printed with 2 spaces, keys in the contract's order; no timestamp unless asked.
 */
export function jsonReporter(write: Write, options: ReporterOptions = {}): Reporter {
  let count = 0;
  return {
    start() {
      write('{\n  "version": 1,\n');
      if (options.timestamp) write(`  "generatedAt": ${JSON.stringify(options.timestamp)},\n`);
      write('  "reports": [');
    },
    report(report: Report) {
      write(`${count++ ? ',' : ''}\n    ${indent(JSON.stringify(report, null, 2), '    ')}`);
    },
    finish(cross: Finding[], info = {}) {
      write(count ? '\n  ],\n' : '],\n');
      write(`  "crossFindings": ${cross.length ? indent(JSON.stringify(cross, null, 2), '  ') : '[]'}`);
      // With a store (--db): the last run's findings that are gone.
      if (info.absent) write(`,\n  "absentFindings": ${info.absent.length ? indent(JSON.stringify(info.absent, null, 2), '  ') : '[]'}`);
      // A run cut short says so: the reports above are the ones done, the cross rules did not run.
      if (info.aborted) write(`,\n  "interrupted": true,\n  "interruptedBy": ${JSON.stringify(info.interruptedBy ?? 'unknown')}`);
      write('\n}\n');
    },
  };
}

/**
 * One Report per line as soon as it is done; the last line is `{"crossFindings":[…]}`, with
 * `"interrupted":true,"interruptedBy":"SIGTERM"` when the run was cut short.
 */
export function ndjsonReporter(write: Write): Reporter {
  return {
    start() {},
    report(report: Report) {
      write(`${JSON.stringify(report)}\n`);
    },
    finish(cross: Finding[], info = {}) {
      const last: Record<string, unknown> = { crossFindings: cross };
      if (info.absent) last.absentFindings = info.absent;
      if (info.aborted) { last.interrupted = true; last.interruptedBy = info.interruptedBy ?? 'unknown'; }
      write(`${JSON.stringify(last)}\n`);
    },
  };
}
