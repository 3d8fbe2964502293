import { readFileSync } from 'node:fs';
import type { AuditOptions } from '../index.js';
import type { Finding, Report } from '../model.js';
import type { AuditError } from '../errors.js';
import { assertRuleSettings } from '../rule-settings.js';
import type { CacheStats, ResultCache } from './cache.js';
import { Limiter } from './limiter.js';
import { failedReport } from './failed.js';
import { isUrl } from './inputs.js';
import { createRunner, type Runner } from './pool.js';
import { sha256 } from './summary.js';
import type { InputSpec, Summary, Task, TaskResult } from './types.js';
import { packageFile } from '../util/package-root.js';

export type { Summary } from './types.js';

/** What `auditMany` accepts: a path or http(s) URL, `{ path }`, `{ url }`, or bytes with a name. */
export type BatchInput = string | { path: string } | { url: string } | { name: string; bytes: Uint8Array; charset?: string } | InputSpec;

export interface AuditManyOptions extends AuditOptions {
  /** Worker threads (default: the number of cores): a pool of them (piscina); 1 = one plain worker thread. */
  jobs?: number;
  /**
   * Audit in the calling thread instead of worker threads (as `audit()` does): no thread start-up, but
   * only the input limits bound a file — the time and heap limits cannot stop a synchronous parse there.
   */
  mainThread?: boolean;
  /** Per-file time limit in seconds (default 60; 0 = none). */
  timeout?: number;
  /** Folder for fetched URLs (default .cache/xxgk-audit; null = no cache). */
  cacheDir?: string | null;
  /** Per-request limit for URLs in seconds (default 30), retries (default 2) and concurrent requests (default 4). */
  fetchTimeout?: number;
  fetchRetries?: number;
  fetchConcurrency?: number;
  /** Hosts (`host` or `host:port`) a URL may redirect to besides its own scheme, host and port. */
  allowRedirectHosts?: string[];
  /** Fetch from loopback and private addresses even when the URL itself was not on one. */
  allowPrivateNetwork?: boolean;
  /** A fetched page holding only a title and a link to the report: audit the linked .doc/.docx/.pdf instead (src/batch/follow.ts). */
  followAttachments?: boolean;
  /** Last year's reports (or any reference reports): compared with, never reported on. */
  prior?: BatchInput[];
  /** Run the cross-report rules (default true). */
  cross?: boolean;
  /** Stop scheduling new files (Ctrl-C); what is done is still yielded. */
  signal?: AbortSignal;
  /** Worker module override (tests). */
  workerUrl?: URL;
  /** Old-generation heap limit of each worker thread, MB (default 2048, 0 = V8's); over it: `file/too-large`. */
  maxHeapMb?: number;
  /** Audit every file alone in a fresh worker thread: hard time and memory limits with any `jobs` (slower per file). */
  isolate?: boolean;
  /** Compute each report's cross-rule summary even with `cross: false`, and yield it with the report (a store keeps it). */
  keepSummaries?: boolean;
  /**
   * More reference reports for the cross rules, asked for once the batch is audited, with the summaries
   * of the batch (and --prior): an audit store answers with the stored reports of last year's agencies.
   */
  references?: (summaries: readonly Summary[]) => Promise<Summary[]> | Summary[];
  /**
   * Results cache (`--cache`): a file path, or the path with a tool version (default: this package's),
   * a callback for notes (a damaged or foreign cache file, ignored) and one for the counts at the end.
   */
  cache?: string | CacheOptions | null;
}

export interface CacheOptions {
  file: string;
  toolVersion?: string;
  note?: (message: string) => void;
  stats?: (stats: CacheStats) => void;
}
export type { CacheStats } from './cache.js';

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** One item of the `auditMany` stream. */
export type BatchItem =
  | { type: 'report'; index: number; report: Report; failed?: { code: string; message: string }; summary?: Summary }
  | { type: 'cross'; findings: Finding[] };

export function toSpec(input: BatchInput): InputSpec {
  if (typeof input === 'string') return isUrl(input) ? { kind: 'url', name: input, url: input } : { kind: 'file', name: input, path: input };
  if ('kind' in input) return input;
  if ('url' in input) return { kind: 'url', name: input.url, url: input.url };
  if ('path' in input) return { kind: 'file', name: input.path, path: input.path };
  return { kind: 'bytes', name: input.name, bytes: input.bytes, charset: input.charset };
}

/** Options a worker needs: plain data only (no signal, no functions). */
function workerOptions(options: AuditManyOptions): AuditOptions {
  const { jobs, mainThread, timeout, cacheDir, fetchTimeout, fetchRetries, fetchConcurrency, allowRedirectHosts, allowPrivateNetwork, followAttachments, prior, cross, signal, workerUrl, keepSummaries, references, maxHeapMb, isolate, cache, ...rest } = options;
  void jobs; void mainThread; void timeout; void cacheDir; void fetchTimeout; void fetchRetries; void fetchConcurrency; void allowRedirectHosts; void allowPrivateNetwork; void followAttachments;
  void prior; void cross; void signal; void workerUrl; void keepSummaries; void references; void maxHeapMb; void isolate; void cache;
  return rest;
}

class Semaphore {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(count: number) { this.free = count; }
  async acquire(): Promise<void> {
    if (this.free > 0) { this.free--; return; }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next(); else this.free++;
  }
}

interface Cached { cache: ResultCache; config: string; hashFile: (path: string) => Promise<string | null> }

async function runOne(spec: InputSpec, runner: Runner, options: AuditManyOptions, limiter: Limiter, base: AuditOptions, cached: Cached | null): Promise<TaskResult> {
  const wantSummary = options.cross !== false || options.keepSummaries === true;
  // With a cache the summary is always kept, so that turning the cross rules on later needs no new audit.
  const task: Task = { name: spec.name, options: base, summary: wantSummary || cached !== null };
  if (spec.kind === 'file') task.path = spec.path;
  else if (spec.kind === 'bytes') { task.bytes = spec.bytes; task.charset = spec.charset; }
  else {
    try {
      // The per-file time limit covers the download, retries and back-off included; the audit of
      // the page then has its own.
      const fetchOptions = {
        cacheDir: options.cacheDir,
        timeoutMs: (options.fetchTimeout ?? 30) * 1000,
        deadlineMs: (options.timeout ?? 60) * 1000,
        retries: options.fetchRetries,
        maxBytes: options.maxBytes,
        allowRedirectHosts: options.allowRedirectHosts,
        allowPrivateNetwork: options.allowPrivateNetwork,
        limiter,
      };
      // The HTTP client is loaded with the first URL: a run of files never needs it.
      const { fetchReport } = await import('./fetch.js');
      const fetched = await fetchReport(spec.url, fetchOptions);
      task.bytes = fetched.bytes;
      task.charset = fetched.charset;
      // follow.ts reads the page with the HTML reader: loaded only when asked to follow.
      const following = options.followAttachments ? await import('./follow.js') : null;
      const follow = following ? following.attachmentToFollow(fetched) : null;
      if (follow && following) {
        const attached = await following.fetchAttachment(follow.link.url, spec.url, fetchOptions);
        task.bytes = attached.bytes;
        task.charset = attached.charset;
        task.page = { ...follow.page, attachment: follow.link.url };
      }
    } catch (error) {
      const message = (error as Error).message;
      if ((error as AuditError).code === 'too-large') return { report: failedReport(spec.name, 'file/too-large', message, 'review'), failed: { code: 'too-large', message } };
      return { report: failedReport(spec.name, 'file/error', message, 'fail'), failed: { code: 'fetch', message } };
    }
  }
  if (!cached) return runner.run(task);
  // The cache key: the bytes (and a charset and the page an attachment came from, given with them); the
  // worker's own hash of what it read is what the entry is stored under, so a file changed meanwhile is
  // never cached under its old bytes.
  const suffix = `${task.charset ? `:${task.charset}` : ''}${task.page ? `:${sha256(JSON.stringify(task.page))}` : ''}`;
  const hash = task.bytes ? `${sha256(task.bytes)}${suffix}` : task.path ? await cached.hashFile(task.path) : null;
  const hit = hash ? cached.cache.get(spec.name, hash, cached.config) : null;
  const result = hit ?? await runner.run(task);
  if (!hit) {
    const audited = result.summary?.contentHash ? `${result.summary.contentHash}${suffix}` : null;
    if (audited) cached.cache.set(spec.name, audited, cached.config, result); else cached.cache.missed();
  }
  if (!wantSummary) delete result.summary;
  return result;
}

/**
 * Audits many inputs on a worker pool. Yields `{ type: 'report' }` for every input, in input order
 * whatever the finishing order, then one `{ type: 'cross', findings }` with the cross-report
 * findings (empty when there are none). Memory stays flat: only small summaries are kept.
 */
export async function* auditMany(inputs: Iterable<BatchInput> | AsyncIterable<BatchInput>, options: AuditManyOptions = {}): AsyncGenerator<BatchItem> {
  assertRuleSettings(options.rules);
  const runner = createRunner({ jobs: options.jobs, mainThread: options.mainThread, timeoutMs: (options.timeout ?? 60) * 1000, workerUrl: options.workerUrl, maxHeapMb: options.maxHeapMb, isolate: options.isolate });
  const limiter = new Limiter(Math.max(1, options.fetchConcurrency ?? 4));
  const base = workerOptions(options);
  const cacheOptions = typeof options.cache === 'string' ? { file: options.cache } : options.cache ?? null;
  let cached: Cached | null = null;
  if (cacheOptions) {
    const toolVersion = cacheOptions.toolVersion ?? packageVersion();
    // Everything besides the bytes that decides a report: the audit options and the per-file limits.
    const { configHash, hashFile, ResultCache } = await import('./cache.js');
    const config = configHash(toolVersion, { options: base, timeout: options.timeout ?? 60, fetchTimeout: options.fetchTimeout ?? 30, maxHeapMb: options.maxHeapMb ?? null, followAttachments: options.followAttachments === true });
    cached = { cache: ResultCache.open(cacheOptions.file, toolVersion, cacheOptions.note ?? (() => {})), config, hashFile };
  }
  const slots = new Semaphore(runner.capacity);
  // Results leave in input order, so a slow file (a long PDF) holds back those after it: read far
  // enough ahead that the other workers keep going meanwhile (with 2 × capacity, ~4 % of a worker's time
  // was spent waiting for work), but keep the buffer bounded.
  const window = runner.capacity * 8;
  const summaries: Summary[] = [];
  const targets = new Set<Summary>();
  const start = (spec: InputSpec): Promise<TaskResult> =>
    (async () => {
      await slots.acquire();
      try {
        if (options.signal?.aborted) return { report: failedReport(spec.name, 'file/error', '已中止 (aborted)', 'review'), failed: { code: 'aborted', message: 'aborted' } };
        return await runOne(spec, runner, options, limiter, base, cached);
      } finally {
        slots.release();
      }
    })();
  try {
    // Reference reports first (--prior): they feed the cross rules only.
    for (const input of options.prior ?? []) {
      const result = await start(toSpec(input));
      if (result.summary) summaries.push(result.summary);
    }
    const pending: Promise<TaskResult>[] = [];
    let index = 0;
    let next = 0;
    const drain = async function* (): AsyncGenerator<BatchItem> {
      const result = await pending.shift()!;
      if (result.summary) { summaries.push(result.summary); targets.add(result.summary); }
      const item: BatchItem = { type: 'report', index: next++, report: result.report };
      if (result.failed) item.failed = result.failed;
      if (result.summary && options.keepSummaries && item.type === 'report') item.summary = result.summary;
      yield item;
    };
    for await (const input of inputs as AsyncIterable<BatchInput>) {
      if (options.signal?.aborted) break;
      pending.push(start(toSpec(input)));
      index++;
      if (pending.length >= window) yield* drain();
    }
    while (pending.length) {
      if (options.signal?.aborted) break;
      yield* drain();
    }
    void index;
    if (options.cross !== false && !options.signal?.aborted) {
      // Stored references come first, as --prior does: they are earlier reports.
      const references = options.references ? await options.references(summaries) : [];
      const compared = [...references, ...summaries];
      // Every cross-report rule compares two reports or more: one alone is not worth loading them.
      const { runCrossRules } = compared.length >= 2 ? await import('./rules/index.js') : { runCrossRules: null };
      yield { type: 'cross', findings: runCrossRules ? await runCrossRules(compared, options.rules, (s) => targets.has(s)) : [] };
    }
  } finally {
    await runner.close();
    if (cached) {
      cached.cache.save();
      cacheOptions?.stats?.(cached.cache.stats);
    }
  }
}
