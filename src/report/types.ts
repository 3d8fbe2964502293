import type { Finding, Report } from '../model.js';
import type { Scorecard } from './scorecard.js';

export type FormatName = 'stylish' | 'json' | 'ndjson' | 'sarif' | 'csv' | 'html' | 'xlsx';
export const FORMATS: readonly FormatName[] = ['stylish', 'json', 'ndjson', 'sarif', 'csv', 'html', 'xlsx'];
export const FORMAT_EXTENSIONS: Record<FormatName, string> = {
  stylish: 'txt', json: 'json', ndjson: 'ndjson', sarif: 'sarif', csv: 'csv', html: 'html', xlsx: 'xlsx',
};
/** Formats whose output is bytes, not text: they need a file (--output), never the terminal. */
export const BINARY_FORMATS: readonly FormatName[] = ['xlsx'];

export interface ReporterOptions {
  /** ANSI colours (stylish only; the CLI sets it on a TTY without NO_COLOR). */
  color?: boolean;
  /** Errors only (stylish). */
  quiet?: boolean;
  /** Add a run timestamp (json, sarif, html); off by default so reruns are byte-identical. */
  timestamp?: string;
  /** Tool version for sarif/html. */
  version?: string;
  /** With a store: list findings dismissed in review too (stylish; machine formats always carry them, marked). */
  showSuppressed?: boolean;
  /** Evaluators' rule pack (config `scorecard`): xlsx and stylish show each agency's score. */
  scorecard?: Scorecard;
  /** The folder the command ran in: SARIF gives paths under it as relative URIs with uriBaseId %SRCROOT%. */
  cwd?: string;
  /** CSV: where the per-report summary goes (a second file); omitted = no summary. */
  writeSummary?: (chunk: string) => void;
}

/**
 * A streaming reporter: `start`, then `report` once per report in input order, then `finish` with
 * the cross-report findings. Each call writes what it can at once, so an interrupted run keeps
 * what was written and memory does not grow with the batch.
 */
export interface Reporter {
  start(): void;
  /** `failed`: the input could not be audited (the CLI already said so on stderr). */
  report(report: Report, info?: { failed?: boolean }): void;
  /** May be async (xlsx builds its workbook at the end): the CLI awaits it. */
  finish(cross: Finding[], info?: FinishInfo): void | Promise<void>;
}

export interface FinishInfo {
  /** The run was stopped early: the output says so (json `interrupted`, ndjson last line, sarif, html, stylish). */
  aborted?: boolean;
  /** What stopped it: SIGINT, SIGTERM, SIGHUP or launcher-exit. */
  interruptedBy?: string;
  /** With a store (--db): findings of the last stored run that this run no longer has (baselineState absent). */
  absent?: Finding[];
}

export type Write = (chunk: string | Uint8Array) => void;
