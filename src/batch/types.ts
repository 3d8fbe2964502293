import type { AuditOptions } from '../index.js';
import type { Fact, Finding, Format, PageOfAttachment, Report } from '../model.js';

/** One thing to audit, after expanding directories, globs and lists. */
export type InputSpec =
  | { kind: 'file'; name: string; path: string }
  | { kind: 'url'; name: string; url: string }
  | { kind: 'bytes'; name: string; bytes: Uint8Array; charset?: string };

/** What a worker gets: a path to read, or bytes already fetched. Plain data (structured clone). */
export interface Task {
  name: string;
  path?: string;
  bytes?: Uint8Array;
  charset?: string;
  options: AuditOptions;
  /** Compute the small summary the cross-report rules need. */
  summary: boolean;
  /** The bytes are an attachment audited in place of this page (`followAttachments`). */
  page?: PageOfAttachment;
  /** Set to its threadId by the worker when it starts the task: the time limit excludes queueing and thread start-up, and names the thread to stop. */
  started?: Int32Array;
}

/** A t3 cell kept for `cross-year/carry-over`. */
export type CarryCell = Pick<Fact, 'value' | 'raw' | 'kind' | 'source'>;

/** A t2 cell kept for `cross-year/in-force` and `batch/copied-figure`. */
export type SummaryCell = Pick<Fact, 'value' | 'raw' | 'source'>;

/** The small per-report digest the cross-report rules read (never the tree). */
export interface Summary {
  file: string;
  agency: string | null;
  year: number | null;
  template: Report['template'];
  /** sha256 of the input bytes. */
  contentHash: string | null;
  /** sha256 of the facts (key → raw), null when there are none. */
  factsHash: string | null;
  carriedOver: Record<string, CarryCell>;
  carriedForward: Record<string, CarryCell>;
  /** The few t2 cells the cross-report rules read, by full fact key (`t2.normative_docs.in_force` …); see SUMMARY_T2_KEYS. */
  t2: Record<string, SummaryCell>;
  /** Prose of sections 一, 五, 六 (overview, problems, other), with where each starts. */
  texts: { section: 'overview' | 'problems' | 'other'; text: string; source: Finding['source'] }[];
}

export interface TaskResult {
  report: Report;
  summary?: Summary;
  /** Set when the input could not be audited (file/error, file/timeout). */
  failed?: { code: string; message: string };
}

export type { Format };
