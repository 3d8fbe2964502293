/**
 * The results cache (`--cache`, `--cache-location`), as ESLint's: each input's report (and the small
 * summary the cross-report rules read) is kept under its name, with the sha256 of its bytes and a hash of
 * everything else that decides its findings — the tool version, the rule settings, per-rule settings,
 * agency type, limits and the other audit options. A later run reuses the entry only when both hashes
 * match; the cross-report and cross-year rules (and, with `--db`, the store's baseline) are computed anew
 * every run from the summaries, so a changed neighbour or last year's report is never served stale.
 * Inputs that could not be audited (unreadable, timed out, crashed) are not cached.
 *
 * One file: a magic line, a JSON header line, then per entry a JSON line (name, hashes, length) and
 * that many bytes of deflated JSON, so a run holds only compressed entries in memory. It is written to a
 * temporary file and renamed (output-files.ts). A file that is not a cache is left alone (with a note);
 * a damaged cache is ignored (with a note) and replaced.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { openOutput, writeFailure } from './output-files.js';
import type { TaskResult } from './types.js';

const MAGIC = 'xxgk-audit-cache 1\n';
/** The default location, in the folder the command runs in. */
export const DEFAULT_CACHE_LOCATION = '.xxgk-audit-cache';

export interface CacheStats {
  /** Inputs whose cached result was used (not audited). */
  hits: number;
  /** Inputs audited (no entry, or one for other bytes or options). */
  misses: number;
  /** Entries written to the cache file. */
  stored: number;
}

interface Entry { hash: string; config: string; data: Buffer }

/**
 * `--cache-location`: a file, or a folder (an existing one, or a path ending in `/`) in which the file is
 * `.xxgk-audit-cache_<hash of the working folder>`, as ESLint names its cache in a folder.
 */
export function resolveCacheFile(location: string, cwd: string): string {
  const path = resolve(cwd, location);
  let folder = /[\\/]$/.test(location);
  if (!folder) {
    try { folder = statSync(path).isDirectory(); } catch { /* not there: a file */ }
  }
  return folder ? join(path, `${DEFAULT_CACHE_LOCATION}_${createHash('sha256').update(resolve(cwd)).digest('hex').slice(0, 12)}`) : path;
}

/** JSON with sorted keys: the same options give the same hash whatever order they were written in. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The hash of what, besides the bytes, decides an input's findings. */
export function configHash(toolVersion: string, options: unknown): string {
  return createHash('sha256').update(`${MAGIC}${toolVersion}\n${stable(options)}`).digest('hex');
}

/** sha256 of a file's bytes, streamed (a large input is never held whole here). */
export function hashFile(path: string): Promise<string | null> {
  return new Promise((done) => {
    const hash = createHash('sha256');
    createReadStream(path).on('error', () => done(null)).on('data', (chunk) => hash.update(chunk)).on('end', () => done(hash.digest('hex')));
  });
}

export class ResultCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, stored: 0 };
  private readonly old = new Map<string, Entry>();
  private readonly fresh = new Map<string, Entry>();
  /** False for a file that is not a cache: it is never overwritten. */
  private writable = true;

  private constructor(readonly path: string, readonly toolVersion: string, private readonly note: (message: string) => void) {}

  /** Reads the cache file if there is one; an unreadable or foreign one is ignored with a note. */
  static open(path: string, toolVersion: string, note: (message: string) => void): ResultCache {
    const cache = new ResultCache(path, toolVersion, note);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') note(`无法读取缓存，本次不使用 (cache not read): ${path}: ${writeFailure(error)}`);
      if (code === 'EISDIR') cache.writable = false;
      return cache;
    }
    if (bytes.length === 0) return cache;
    if (!bytes.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) {
      cache.writable = false;
      note(`不是 xxgk-audit 的缓存文件，已忽略，也不会覆盖 (not an xxgk-audit cache; ignored and left alone): ${path}`);
      return cache;
    }
    try {
      cache.read(bytes);
    } catch (error) {
      cache.old.clear();
      note(`缓存文件已损坏，已忽略并将重写 (damaged cache ignored; it is rewritten): ${path}: ${(error as Error).message}`);
    }
    return cache;
  }

  private read(bytes: Buffer): void {
    let at = MAGIC.length;
    const line = (): string => {
      const end = bytes.indexOf(0x0a, at);
      if (end < 0) throw new Error('truncated');
      const text = bytes.toString('utf8', at, end);
      at = end + 1;
      return text;
    };
    const header = JSON.parse(line()) as { toolVersion?: unknown; entries?: unknown };
    // Another version's cache: nothing in it is valid now (its entries' hashes would not match either).
    if (header.toolVersion !== this.toolVersion) return;
    const count = Number(header.entries);
    if (!Number.isSafeInteger(count) || count < 0) throw new Error('bad header');
    for (let i = 0; i < count; i++) {
      const meta = JSON.parse(line()) as { name?: unknown; hash?: unknown; config?: unknown; length?: unknown };
      const length = Number(meta.length);
      if (typeof meta.name !== 'string' || typeof meta.hash !== 'string' || typeof meta.config !== 'string' || !Number.isSafeInteger(length) || length < 0 || at + length > bytes.length) throw new Error(`bad entry ${i + 1}`);
      this.old.set(meta.name, { hash: meta.hash, config: meta.config, data: bytes.subarray(at, at + length) });
      at += length;
    }
    if (at !== bytes.length) throw new Error('trailing bytes');
  }

  /** The cached result of `name` when it was made from these bytes with this configuration. */
  get(name: string, hash: string, config: string): TaskResult | null {
    const entry = this.fresh.get(name) ?? this.old.get(name);
    if (!entry || entry.hash !== hash || entry.config !== config) return null;
    let result: TaskResult;
    try {
      result = JSON.parse(inflateRawSync(entry.data).toString('utf8')) as TaskResult;
      if (!result?.report || !Array.isArray(result.report.findings)) throw new Error('no report');
    } catch {
      // One damaged entry: audited again and rewritten.
      this.old.delete(name);
      return null;
    }
    this.fresh.set(name, entry);
    this.stats.hits++;
    return result;
  }

  /** Keeps a freshly audited result (not one that failed: those depend on more than the bytes). */
  set(name: string, hash: string, config: string, result: TaskResult): void {
    this.stats.misses++;
    if (result.failed) return;
    const data = deflateRawSync(Buffer.from(JSON.stringify({ report: result.report, summary: result.summary }), 'utf8'), { level: 1 });
    this.fresh.set(name, { hash, config, data });
  }

  /** Counts an input audited without a cache entry to keep (its bytes could not be hashed). */
  missed(): void { this.stats.misses++; }

  /**
   * Writes the entries of this run, and the earlier ones for inputs not in it (another folder audited
   * with the same cache), to a temporary file renamed onto the cache. A failure is a note, not an error.
   */
  save(): void {
    if (!this.writable) return;
    const entries = new Map(this.old);
    for (const [name, entry] of this.fresh) entries.set(name, entry);
    try {
      const file = openOutput(this.path);
      try {
        file.write(MAGIC);
        file.write(`${JSON.stringify({ toolVersion: this.toolVersion, entries: entries.size })}\n`);
        for (const [name, entry] of entries) {
          file.write(`${JSON.stringify({ name, hash: entry.hash, config: entry.config, length: entry.data.length })}\n`);
          file.write(entry.data);
        }
        file.commit();
        this.stats.stored = entries.size;
      } finally {
        file.discard();
      }
    } catch (error) {
      this.note(`无法写入缓存 (cache not written): ${this.path}: ${(error as Error).message ?? writeFailure(error)}`);
    }
  }
}
