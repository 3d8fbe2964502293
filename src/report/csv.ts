import type { Finding, Report } from '../model.js';
import { dropControls, neutraliseFormula } from './sanitize.js';
import type { Reporter, ReporterOptions, Write } from './types.js';

/**
 * RFC 4180: quote when needed, double the quotes, CRLF between records. Text (from documents and
 * file names) loses control characters and escape sequences, and text a spreadsheet would take for a
 * formula gets a leading `'` and quotes (OWASP); numbers are written as they are.
 */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return String(value);
  const clean = dropControls(value);
  const text = neutraliseFormula(clean);
  return text !== clean || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
const record = (fields: unknown[]): string => `${fields.map(csvField).join(',')}\r\n`;
/** UTF-8 BOM so that Excel opens the Chinese text correctly. */
const BOM = '\uFEFF';

export const FINDING_COLUMNS = [
  'file', 'agency', 'year', 'ruleId', 'severity', 'kind', 'message', 'line', 'column', 'page', 'table', 'row', 'col',
  'expected', 'actual', 'cells', 'hint',
] as const;
export const SUMMARY_COLUMNS = ['file', 'format', 'agency', 'year', 'template', 'errors', 'warnings', 'infos', 'findings'] as const;

interface Row { file: string; format: string; agency: string | null; year: number | null; template: string; error: number; warning: number; info: number }

/**
 * One row per finding (cross-report findings at the end), streamed; the per-report summary
 * (agency, year, template, counts by severity, cross findings included) goes to `writeSummary`.
 */
export function csvReporter(write: Write, options: ReporterOptions = {}): Reporter {
  const rows: Row[] = [];
  const byFile = new Map<string, Row>();
  const findingRow = (f: Finding, agency: string | null, year: number | null): string => record([
    f.source.file, agency, year, f.ruleId, f.severity, f.kind, f.message,
    f.source.line, f.source.column, f.source.page, f.source.table, f.source.row, f.source.col,
    f.expected, f.actual, f.cells?.map((c) => `${c.key}=${c.raw}`).join('; '), f.hint,
  ]);
  return {
    start() {
      write(BOM + record([...FINDING_COLUMNS]));
    },
    report(report: Report) {
      const row: Row = { file: report.file, format: report.format, agency: report.meta.agency, year: report.meta.year, template: report.template, error: 0, warning: 0, info: 0 };
      for (const f of report.findings) {
        row[f.severity]++;
        write(findingRow(f, report.meta.agency, report.meta.year));
      }
      if (options.writeSummary) {
        rows.push(row);
        if (!byFile.has(row.file)) byFile.set(row.file, row);
      }
    },
    finish(cross: Finding[]) {
      for (const f of cross) {
        const row = byFile.get(f.source.file);
        if (row) row[f.severity]++;
        write(findingRow(f, row?.agency ?? null, row?.year ?? null));
      }
      if (!options.writeSummary) return;
      options.writeSummary(BOM + record([...SUMMARY_COLUMNS]));
      for (const r of rows) options.writeSummary(record([r.file, r.format, r.agency, r.year, r.template, r.error, r.warning, r.info, r.error + r.warning + r.info]));
    },
  };
}
