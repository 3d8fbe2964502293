import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuditError } from '../errors.js';
import { sha256 } from './summary.js';

export interface FetchOptions {
  /** Folder for fetched pages; a rerun reads from it and needs no network. Null disables the cache. */
  cacheDir?: string | null;
  /** Per-attempt limit in ms. */
  timeoutMs?: number;
  /** Attempts after the first, with exponential back-off (base `backoffMs`). */
  retries?: number;
  backoffMs?: number;
  /** At most this many requests at once (shared by every call with the same limiter). */
  limiter?: Limiter;
}

export interface Fetched {
  url: string;
  bytes: Uint8Array;
  /** Charset from the Content-Type header, if any. */
  charset?: string;
  fromCache: boolean;
}

/** A small FIFO semaphore: bounded concurrency without another dependency. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly max: number) {}
  async use<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

const defaultLimiter = new Limiter(4);

export function charsetOf(contentType: string | null): string | undefined {
  const match = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return match ? match[1] : undefined;
}

interface CacheMeta {
  url: string;
  status: number;
  contentType: string | null;
}

/** Statuses worth another try; a 404 is final. */
const retryable = (status: number): boolean => status === 408 || status === 429 || status >= 500;

async function attempt(url: string, timeoutMs: number): Promise<{ status: number; contentType: string | null; bytes: Uint8Array }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, contentType: response.headers.get('content-type'), bytes };
}

/**
 * GET a report page: cache first, then the network with a timeout and retries with back-off.
 * Throws AuditError('fetch') with a one-line Chinese message when it cannot get the page.
 */
export async function fetchReport(url: string, options: FetchOptions = {}): Promise<Fetched> {
  const cacheDir = options.cacheDir === undefined ? '.cache/xxgk-audit' : options.cacheDir;
  const key = sha256(url).slice(0, 32);
  const bodyPath = cacheDir ? join(cacheDir, `${key}.body`) : null;
  const metaPath = cacheDir ? join(cacheDir, `${key}.json`) : null;
  if (bodyPath && metaPath) {
    try {
      const meta = JSON.parse(await readFile(metaPath, 'utf8')) as CacheMeta;
      const bytes = await readFile(bodyPath);
      if (meta.url === url) return { url, bytes, charset: charsetOf(meta.contentType), fromCache: true };
    } catch {
      // Not cached yet.
    }
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 500;
  const limiter = options.limiter ?? defaultLimiter;
  let lastError = '';
  for (let i = 0; i <= retries; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (i - 1)));
    let result;
    try {
      result = await limiter.use(() => attempt(url, timeoutMs));
    } catch (error) {
      const name = (error as Error).name;
      lastError = name === 'TimeoutError' || name === 'AbortError'
        ? `请求超时 (timed out after ${timeoutMs / 1000} s)`
        : `无法连接 (cannot connect): ${((error as Error).cause as Error)?.message ?? (error as Error).message}`;
      continue;
    }
    if (result.status >= 200 && result.status < 300) {
      if (bodyPath && metaPath && cacheDir) {
        await mkdir(cacheDir, { recursive: true });
        // Write then rename so an interrupted run never leaves a half page in the cache.
        await writeFile(`${bodyPath}.tmp`, result.bytes);
        await rename(`${bodyPath}.tmp`, bodyPath);
        await writeFile(metaPath, JSON.stringify({ url, status: result.status, contentType: result.contentType } satisfies CacheMeta));
      }
      return { url, bytes: result.bytes, charset: charsetOf(result.contentType), fromCache: false };
    }
    lastError = `HTTP ${result.status}`;
    if (!retryable(result.status)) break;
  }
  throw new AuditError('fetch', url, `无法下载 (fetch failed): ${url}: ${lastError}`);
}
