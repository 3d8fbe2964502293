/**
 * Input size limits (docs/api.md "Limits"). Each one is checked where the input is read, in whichever
 * thread runs the audit, so the main thread is bounded too; over one, the audit stops with
 * AuditError('too-large'), which a batch reports as a `file/too-large` finding and goes on.
 */
import { AuditError } from './errors.js';

export interface Limits {
  /** Bytes of a file or a downloaded body (also after gzip/br). Default 200 MiB. */
  maxBytes?: number;
  /** Characters of the decoded text (HTML, Markdown, text). Default 20,000,000. */
  maxChars?: number;
  /** Table cells in the whole document. Default 200,000. */
  maxCells?: number;
  /** Element (HTML) or block (Markdown) nesting depth. Default 1,000. */
  maxDepth?: number;
  /** Decompressed size of all of a PDF's streams together, bytes. Default 512 MiB. */
  maxPdfStreamBytes?: number;
  /** Findings kept per report; the rest are counted in one `file/findings-capped` finding. Default 1,000. */
  maxFindings?: number;
  /** Characters of one finding message (longer ones are cut with …). Default 2,000. */
  maxMessageChars?: number;
}

export const DEFAULT_LIMITS: Required<Limits> = {
  maxBytes: 200 * 1024 * 1024,
  maxChars: 20_000_000,
  maxCells: 200_000,
  maxDepth: 1_000,
  maxPdfStreamBytes: 512 * 1024 * 1024,
  maxFindings: 1_000,
  maxMessageChars: 2_000,
};

export const LIMIT_KEYS = Object.keys(DEFAULT_LIMITS) as (keyof Limits)[];

/** The caller's limit, or the default; 0 means none. */
export function limit(options: Limits | undefined, key: keyof Limits): number {
  const value = options?.[key];
  const n = typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_LIMITS[key];
  return n === 0 ? Infinity : n;
}

const WHAT: Record<keyof Limits, string> = {
  maxBytes: '文件过大 (file too large)',
  maxChars: '文字过多 (too many characters)',
  maxCells: '表格单元格过多 (too many table cells)',
  maxDepth: '嵌套层级过深 (nesting too deep)',
  maxPdfStreamBytes: 'PDF 解压后内容过大 (PDF streams too large when decompressed)',
  maxFindings: '',
  maxMessageChars: '',
};

export function tooLarge(file: string, key: keyof Limits, actual: number | string, max: number): AuditError {
  return new AuditError('too-large', file, `${WHAT[key]}: ${file}: ${actual} > ${max} (${key})`);
}
