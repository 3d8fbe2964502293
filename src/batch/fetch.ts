import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { join } from 'node:path';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { AuditError } from '../errors.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { sha256 } from './summary.js';
import { Limiter } from './limiter.js';

export interface FetchOptions {
  /** Folder for fetched pages; a rerun reads from it and needs no network. Null disables the cache. */
  cacheDir?: string | null;
  /** Per-attempt limit in ms. */
  timeoutMs?: number;
  /**
   * Limit in ms for the whole fetch of one URL, every attempt and back-off included (the per-file
   * time limit); 0 or undefined = none beyond the per-attempt limit × attempts.
   */
  deadlineMs?: number;
  /** Attempts after the first, with exponential back-off (base `backoffMs`). */
  retries?: number;
  backoffMs?: number;
  /** At most this many requests at once (shared by every call with the same limiter). */
  limiter?: Limiter;
  /** Largest body, as sent and after decompression (the same limit as for files; default 200 MiB). */
  maxBytes?: number;
  /** Hosts (`host` or `host:port`) a redirect may go to besides the URL's own scheme, host and port. */
  allowRedirectHosts?: string[];
  /** Allow loopback and private addresses even when the URL itself was not on one. */
  allowPrivateNetwork?: boolean;
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  /**
   * The page that linked to this URL (an attachment): the addresses allowed are the page's, so a link
   * cannot reach loopback or private addresses the page itself could not.
   */
  linkedFrom?: string;
}

export interface Fetched {
  url: string;
  bytes: Uint8Array;
  /** Charset from the Content-Type header, if any. */
  charset?: string;
  fromCache: boolean;
}

export { Limiter };

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

// --- Where a request may go -------------------------------------------------------------------

export type AddressClass = 'loopback' | 'private' | 'public';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
/** Not reachable on the public internet: RFC 1918, CGNAT, link-local (cloud metadata), unique-local, unspecified, multicast, reserved. */
const PRIVATE = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b:1::', 48]] as const) PRIVATE.addSubnet(net, bits, 'ipv6');

/** Loopback, private (any non-public range) or public; an IPv4-mapped IPv6 address counts as its IPv4 address. */
export function addressClass(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  const ip = mapped ? mapped[1]! : bare;
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (LOOPBACK.check(ip, family)) return 'loopback';
  if (PRIVATE.check(ip, family)) return 'private';
  return 'public';
}

const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '');
const portOf = (url: URL): string => url.port || (url.protocol === 'https:' ? '443' : '80');

class PolicyError extends Error {}
class TooLargeError extends Error {}

/** Address classes the original URL may reach: public always, loopback/private only if it was itself on one. */
async function allowedClasses(url: URL, options: FetchOptions): Promise<Set<AddressClass>> {
  const allowed = new Set<AddressClass>(['public']);
  if (options.allowPrivateNetwork) return new Set(['public', 'private', 'loopback']);
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : host === 'localhost' || host.endsWith('.localhost')
    ? ['127.0.0.1']
    : await new Promise<string[]>((resolve) => dnsLookup(host, { all: true }, (error, list) => resolve(error ? [] : list.map((a) => a.address))));
  for (const address of addresses) allowed.add(addressClass(address));
  return allowed;
}

/** A `lookup` for http.request that refuses addresses outside `allowed` at connect time (no DNS rebinding gap). */
function guardedLookup(allowed: Set<AddressClass>): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const refused = addresses.find((a) => !allowed.has(addressClass(a.address)));
      if (refused) return callback(new PolicyError(`拒绝访问内网或本机地址 (refused: ${hostname} is ${refused.address}, a ${addressClass(refused.address)} address)`));
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as unknown as LookupFunction;
}

function checkTarget(url: URL, allowed: Set<AddressClass>): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PolicyError(`只支持 http 和 https (only http and https): ${url.protocol}`);
  const host = hostOf(url);
  if (isIP(host) && !allowed.has(addressClass(host))) {
    throw new PolicyError(`拒绝访问内网或本机地址 (refused: ${host} is a ${addressClass(host)} address)`);
  }
}

/** Same scheme, host and port, or a host the caller allowed. */
function redirectAllowed(from: URL, to: URL, options: FetchOptions): boolean {
  if (from.protocol === to.protocol && hostOf(from) === hostOf(to) && portOf(from) === portOf(to)) return true;
  const allow = (options.allowRedirectHosts ?? []).map((h) => h.toLowerCase());
  return allow.includes(hostOf(to).toLowerCase()) || allow.includes(`${hostOf(to).toLowerCase()}:${portOf(to)}`);
}

// --- One attempt --------------------------------------------------------------------------------

interface Answer { status: number; contentType: string | null; bytes: Uint8Array; location?: string }

function decoder(encoding: string | undefined): Transform | null {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip': case 'x-gzip': return createGunzip();
    case 'deflate': return createInflate();
    case 'br': return createBrotliDecompress();
    default: return null;
  }
}

/**
 * One GET without following redirects. The body is read only for 2xx, counted as it arrives and
 * after decompression, and given up as soon as either passes `maxBytes` (a lying Content-Length or
 * an endless body ends the same way as an announced one).
 */
function attempt(url: URL, allowed: Set<AddressClass>, timeoutMs: number, maxBytes: number): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const signal = AbortSignal.timeout(Math.max(1, timeoutMs));
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const options: RequestOptions = {
      method: 'GET', signal, lookup: guardedLookup(allowed),
      headers: { 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'xxgk-audit' },
    };
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(signal.aborted ? Object.assign(new Error('timeout'), { name: 'TimeoutError' }) : error);
    };
    const req = request(url, options, (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      const contentType = response.headers['content-type'] ?? null;
      if (status < 200 || status >= 300) {
        response.resume();
        settled = true;
        resolve({ status, contentType, bytes: new Uint8Array(0), location: response.headers.location });
        req.destroy();
        return;
      }
      const announced = Number(response.headers['content-length']);
      if (Number.isFinite(announced) && announced > maxBytes) {
        fail(new TooLargeError(`下载内容过大 (response too large): Content-Length ${announced} bytes > ${maxBytes}`));
        return;
      }
      const inflate = decoder(response.headers['content-encoding']);
      const chunks: Buffer[] = [];
      let received = 0;
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) fail(new TooLargeError(`下载内容过大 (response too large): more than ${maxBytes} bytes`));
      });
      response.on('error', fail);
      const body = inflate ? response.pipe(inflate) : response;
      body.on('data', (chunk: Buffer) => {
        if (settled) return;
        kept += chunk.length;
        if (kept > maxBytes) {
          inflate?.destroy();
          fail(new TooLargeError(`解压后内容过大 (response too large after decompression): more than ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      body.on('error', (error: Error) => fail(inflate ? new Error(`解压失败 (cannot decompress ${response.headers['content-encoding']}): ${error.message}`) : error));
      body.on('end', () => {
        if (settled) return;
        settled = true;
        resolve({ status, contentType, bytes: new Uint8Array(Buffer.concat(chunks)) });
      });
      response.on('aborted', () => fail(new Error('连接中断 (connection closed mid-body)')));
      response.on('close', () => { if (!response.complete) fail(new Error('连接中断 (connection closed mid-body)')); });
    });
    req.on('error', fail);
    req.end();
  });
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** One attempt with its redirects checked hop by hop. */
async function attemptFollowing(start: URL, allowed: Set<AddressClass>, options: FetchOptions, timeoutMs: number, maxBytes: number): Promise<Answer> {
  const began = Date.now();
  let url = start;
  for (let hop = 0; ; hop++) {
    checkTarget(url, allowed);
    const answer = await attempt(url, allowed, timeoutMs - (Date.now() - began), maxBytes);
    if (!REDIRECT.has(answer.status) || !answer.location) return answer;
    if (hop >= (options.maxRedirects ?? 5)) throw new PolicyError(`重定向过多 (more than ${options.maxRedirects ?? 5} redirects)`);
    let next: URL;
    try {
      next = new URL(answer.location, url);
    } catch {
      throw new PolicyError(`重定向地址无效 (bad redirect: ${answer.location})`);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new PolicyError(`拒绝重定向到 ${next.protocol} (only http and https redirects)`);
    if (!redirectAllowed(url, next, options)) {
      throw new PolicyError(`未跟随重定向到其他主机、端口或协议 (redirect to ${next.protocol}//${next.host} not followed; allow it with --allow-redirect-host ${next.host})`);
    }
    url = next;
  }
}

/**
 * GET a report page: cache first, then the network with a timeout and retries with back-off, all
 * within `deadlineMs`. Throws AuditError('fetch') with a one-line Chinese message when it cannot get
 * the page (a body over `maxBytes`, a refused redirect or address included).
 */
export async function fetchReport(url: string, options: FetchOptions = {}): Promise<Fetched> {
  const cacheDir = options.cacheDir === undefined ? '.cache/xxgk-audit' : options.cacheDir;
  const key = sha256(url).slice(0, 32);
  const bodyPath = cacheDir ? join(cacheDir, `${key}.body`) : null;
  const metaPath = cacheDir ? join(cacheDir, `${key}.json`) : null;
  const maxBytes = options.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AuditError('fetch', url, `无法下载 (fetch failed): ${url}: 网址无效 (invalid URL)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AuditError('fetch', url, `无法下载 (fetch failed): ${url}: 只支持 http 和 https (only http and https)`);
  }
  if (bodyPath && metaPath) {
    try {
      const meta = JSON.parse(await readFile(metaPath, 'utf8')) as CacheMeta;
      const bytes = await readFile(bodyPath);
      if (meta.url === url && bytes.length <= maxBytes) return { url, bytes, charset: charsetOf(meta.contentType), fromCache: true };
    } catch {
      // Not cached yet.
    }
  }
  const began = Date.now();
  const deadline = options.deadlineMs ? began + options.deadlineMs : Infinity;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 500;
  const limiter = options.limiter ?? defaultLimiter;
  const allowed = await allowedClasses(options.linkedFrom ? new URL(options.linkedFrom) : parsed, options);
  const seconds = (ms: number): number => Math.round(ms / 100) / 10;
  let attemptMs = timeoutMs;
  const timedOut = (): string => Date.now() >= deadline
    ? `请求超时 (timed out: the per-file limit of ${seconds(options.deadlineMs!)} s covers the download)`
    : `请求超时 (timed out after ${seconds(attemptMs)} s)`;
  let lastError = '';
  let tries = 0;
  for (let i = 0; i <= retries; i++) {
    if (i > 0) {
      const wait = backoffMs * 2 ** (i - 1);
      if (Date.now() + wait >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    let result: Answer;
    try {
      // Waiting for a free request slot counts too: the limit is the file's, not the socket's.
      result = await limiter.use(() => {
        const left = deadline - Date.now();
        if (left <= 0) throw Object.assign(new Error('timeout'), { name: 'TimeoutError' });
        tries++;
        attemptMs = Math.min(timeoutMs, left);
        return attemptFollowing(parsed, allowed, options, attemptMs, maxBytes);
      });
    } catch (error) {
      if (error instanceof TooLargeError) throw new AuditError('too-large', url, `无法下载 (fetch failed): ${url}: ${error.message} (maxBytes)`);
      if (error instanceof PolicyError) throw new AuditError('fetch', url, `无法下载 (fetch failed): ${url}: ${error.message}`);
      const cause = (error as Error).cause as Error | undefined;
      if (cause instanceof PolicyError) throw new AuditError('fetch', url, `无法下载 (fetch failed): ${url}: ${cause.message}`);
      const name = (error as Error).name;
      lastError = name === 'TimeoutError' || name === 'AbortError' ? timedOut() : `无法连接 (cannot connect): ${cause?.message ?? (error as Error).message}`;
      if (Date.now() >= deadline) break;
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
    lastError = REDIRECT.has(result.status) ? `HTTP ${result.status} 无 Location (redirect without Location)` : `HTTP ${result.status}`;
    if (!retryable(result.status)) break;
  }
  const triesText = tries > 1 ? `, ${tries} tries` : '';
  throw new AuditError('fetch', url, `无法下载 (fetch failed): ${url}: ${lastError || timedOut()}${triesText}`);
}
