import { extname } from 'node:path';
import type { Finding, Format, Report } from '../model.js';
import { ruleUrl } from '../rule-url.js';

const FORMAT_BY_EXTENSION: Record<string, Format> = {
  '.pdf': 'pdf', '.md': 'markdown', '.markdown': 'markdown', '.txt': 'text',
  '.html': 'html', '.htm': 'html', '.shtml': 'html', '.xhtml': 'html', '.docx': 'docx', '.doc': 'doc',
};

/** The format a name suggests, for the report of a file we could not read. */
export function formatFromName(name: string): Format {
  const clean = name.replace(/[?#].*$/, '');
  return FORMAT_BY_EXTENSION[extname(clean).toLowerCase()] ?? (/^https?:/i.test(name) ? 'html' : 'text');
}

/**
 * A Report for an input that could not be audited: empty sections/facts/figures and one
 * `file/error` or `file/timeout` finding, so machine outputs still have a row for it.
 */
export function failedReport(file: string, ruleId: 'file/error' | 'file/timeout' | 'file/too-large', message: string, kind: Finding['kind']): Report {
  return {
    file,
    format: formatFromName(file),
    template: 'unknown',
    meta: { title: null, agency: null, year: null, period: { from: null, to: null }, signedOn: null, publishedOn: null },
    sections: [],
    facts: {},
    figures: [],
    findings: [{ ruleId, severity: 'error', kind, message, source: { file }, url: ruleUrl(ruleId) }],
  };
}

/** `文件为空 (empty file): a.txt` → `文件为空 (empty file)`: the CLI prints the file name first. */
export function stripFileSuffix(message: string, file: string): string {
  const suffix = `: ${file}`;
  if (message.endsWith(suffix)) return message.slice(0, -suffix.length);
  return message.replace(`: ${file}:`, ':');
}
