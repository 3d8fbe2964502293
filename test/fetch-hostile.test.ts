// URL inputs against hostile servers, all on 127.0.0.1: redirects elsewhere, private addresses, bodies
// that lie about or exceed the size limit, decompression bombs, slow servers, a wrong HTTP charset.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli.js';
import { addressClass, fetchReport } from '../src/batch/fetch.js';
import { audit, auditMany, type Report } from '../src/index.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const corpusPage = fileURLToPath(new URL('../../shared/corpus/2024-pingtan-1.html', import.meta.url));
const MiB = 1024 * 1024;

let server: Server;
let other: Server;
let base = '';
let otherBase = '';
let tmp = '';
const hits: Record<string, number> = {};
const open = new Set<ServerResponse>();
/** 32 MiB of zeros, compressed once (a few dozen KB each). */
let gzipBomb: Buffer;
let brBomb: Buffer;

/** Writes `chunk` until the client goes away or `limit` bytes are out (a bounded "endless" body). */
function pour(res: ServerResponse, chunk: Buffer, limit: number): void {
  let sent = 0;
  const more = (): void => {
    while (!res.destroyed && sent < limit) {
      sent += chunk.length;
      if (!res.write(chunk)) { res.once('drain', more); return; }
    }
    if (!res.destroyed) res.end();
  };
  more();
}

const page = (title: string): string =>
  `<html><head><meta charset="utf-8"><title>${title}</title></head><body><p>${title}</p><p>一、总体情况</p><p>本年度主动公开信息10条。</p></body></html>`;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url!;
  hits[path] = (hits[path] ?? 0) + 1;
  open.add(res);
  // The query only makes a second URL (its own cache entry) for the same resource.
  const route = path.replace(/\?.*$/, '');
  res.on('close', () => open.delete(res));
  const port = (server.address() as AddressInfo).port;
  const otherPort = (other.address() as AddressInfo).port;
  switch (route) {
    case '/page.html': res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(page('示例局2024年政府信息公开工作年度报告')); return;
    case '/redirect-same': res.writeHead(302, { location: '/page.html' }); res.end(); return;
    case '/redirect-port': res.writeHead(302, { location: `http://127.0.0.1:${otherPort}/page.html` }); res.end(); return;
    case '/redirect-host': res.writeHead(301, { location: `http://localhost:${port}/page.html` }); res.end(); return;
    case '/redirect-https': res.writeHead(302, { location: `https://127.0.0.1:${port}/page.html` }); res.end(); return;
    case '/redirect-file': res.writeHead(302, { location: 'file:///etc/passwd' }); res.end(); return;
    case '/redirect-private': res.writeHead(307, { location: 'http://10.255.255.1/page.html' }); res.end(); return;
    case '/redirect-loop': res.writeHead(302, { location: '/redirect-loop' }); res.end(); return;
    case '/huge-length':
      // Announces 5 GB; the client must give up on the header, not download it.
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(5 * 1024 * MiB) });
      pour(res, Buffer.alloc(64 * 1024, 0x61), 64 * MiB);
      return;
    case '/endless':
      res.writeHead(200, { 'content-type': 'text/html' }); // chunked, no length
      pour(res, Buffer.alloc(64 * 1024, 0x61), 64 * MiB);
      return;
    case '/gzip-bomb': {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      res.end(gzipBomb);
      return;
    }
    case '/br-bomb': {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' });
      res.end(brBomb);
      return;
    }
    case '/gzip-page': {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.from(page('示例局2024年政府信息公开工作年度报告'))));
      return;
    }
    case '/slow':
      // Headers at once, then a byte every 200 ms: only the per-file limit ends it.
      res.writeHead(200, { 'content-type': 'text/html' });
      { const timer = setInterval(() => { if (res.destroyed) clearInterval(timer); else res.write('a'); }, 200); res.on('close', () => clearInterval(timer)); }
      return;
    case '/never': return; // no answer at all
    case '/utf8-as-gbk': {
      const html = existsSync(corpusPage) ? readFileSync(corpusPage) : readFileSync(join(fixtures, 'html/standard-2021.html'));
      res.writeHead(200, { 'content-type': 'text/html; charset=gbk' });
      res.end(html);
      return;
    }
    default: res.writeHead(404); res.end('not found');
  }
}

test.before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'xxgk-hostile-'));
  const zeros = Buffer.alloc(32 * MiB);
  gzipBomb = gzipSync(zeros, { level: 1 });
  brBomb = brotliCompressSync(zeros, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } });
  server = createServer(handle);
  other = createServer((req, res) => { hits[`other${req.url}`] = (hits[`other${req.url}`] ?? 0) + 1; res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(page('另一个端口的页面2024年政府信息公开工作年度报告')); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  otherBase = `127.0.0.1:${(other.address() as AddressInfo).port}`;
});

test.after(async () => {
  for (const res of open) res.destroy();
  for (const s of [server, other]) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  await rm(tmp, { recursive: true, force: true });
});

/** Fetch error message for a path, or null when it was fetched. */
async function fetchError(path: string, options: Parameters<typeof fetchReport>[1] = {}): Promise<string | null> {
  try {
    await fetchReport(`${base}${path}`, { cacheDir: null, retries: 0, ...options });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

test('address classes: loopback, private ranges (RFC 1918, link-local, CGNAT, ULA, mapped IPv4) and public', () => {
  for (const a of ['127.0.0.1', '127.255.0.9', '::1', '::ffff:127.0.0.1']) assert.is(addressClass(a), 'loopback', a);
  for (const a of ['10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', 'fd00::1', 'fe80::1', '::ffff:10.1.2.3', '::']) {
    assert.is(addressClass(a), 'private', a);
  }
  for (const a of ['8.8.8.8', '172.32.0.1', '114.114.114.114', '2400:3200::1']) assert.is(addressClass(a), 'public', a);
});

test('redirects: same origin followed; another port, host or scheme refused unless allowed; private targets and loops refused', async () => {
  assert.is(await fetchError('/redirect-same'), null);
  assert.match((await fetchError('/redirect-port'))!, /未跟随重定向.*--allow-redirect-host 127\.0\.0\.1:\d+/);
  assert.is(hits[`other/page.html`], undefined, 'the other port was never contacted');
  assert.is(await fetchError('/redirect-port', { allowRedirectHosts: [otherBase] }), null, 'allowed host:port is followed');
  assert.is(hits[`other/page.html`], 1);
  assert.match((await fetchError('/redirect-host'))!, /未跟随重定向.*localhost/);
  assert.match((await fetchError('/redirect-https'))!, /未跟随重定向.*https:/, 'a change of scheme is a change of origin');
  assert.match((await fetchError('/redirect-file'))!, /拒绝重定向到 file:/);
  assert.match((await fetchError('/redirect-private', { allowRedirectHosts: ['10.255.255.1'] }))!, /拒绝访问内网或本机地址.*10\.255\.255\.1.*private/,
    'a loopback URL may not reach into a private range even through an allowed redirect');
  assert.match((await fetchError('/redirect-loop'))!, /重定向过多/);
  assert.ok(hits['/redirect-loop']! <= 6, 'at most 5 redirects followed');
  assert.match((await fetchError('/page.html'.replace('/', '/../x/')))!, /HTTP 404/);
  assert.match((await fetchReport('ftp://127.0.0.1/x', { cacheDir: null }).catch((e: Error) => e.message)) as string, /只支持 http 和 https/);
});

test('size: a 5 GB Content-Length is refused at the header, an endless body and gzip/br bombs stop at the byte limit', async () => {
  const maxBytes = 4 * MiB;
  const before = process.memoryUsage().rss;
  for (const path of ['/huge-length', '/endless', '/gzip-bomb', '/br-bomb']) {
    const started = Date.now();
    const message = await fetchError(path, { maxBytes });
    assert.ok(message, `${path} refused`);
    assert.match(message!, /过大 \(response too large/, `${path}: ${message}`);
    assert.ok(Date.now() - started < 10_000, `${path} bounded`);
  }
  assert.match((await fetchError('/huge-length', { maxBytes }))!, /Content-Length 5368709120/);
  assert.match((await fetchError('/gzip-bomb', { maxBytes }))!, /after decompression/);
  assert.ok(process.memoryUsage().rss - before < 200 * MiB, 'no whole body was kept');
  const small = await fetchReport(`${base}/gzip-page`, { cacheDir: null });
  assert.match(Buffer.from(small.bytes).toString('utf8'), /^<html>/, 'a gzip page under the limit is decompressed');
});

test('time: the per-file limit covers the download, retries and back-off included', async () => {
  let started = Date.now();
  assert.match((await fetchError('/slow', { timeoutMs: 30_000, deadlineMs: 1000 }))!, /请求超时.*per-file limit of 1 s/);
  assert.ok(Date.now() - started < 3000, `slow body ended by the per-file limit (${Date.now() - started} ms)`);
  started = Date.now();
  const before = hits['/never'] ?? 0;
  const message = await fetchError('/never', { timeoutMs: 400, deadlineMs: 1500, retries: 10, backoffMs: 100 });
  const elapsed = Date.now() - started;
  assert.match(message!, /请求超时/);
  assert.ok(elapsed < 2500, `10 retries still end within the per-file limit (${elapsed} ms)`);
  const tries = hits['/never']! - before;
  assert.ok(tries >= 2 && tries <= 4, `retries counted in the limit: ${tries} tries`);
  assert.match(message!, new RegExp(`${tries} tries`));
});

test('charset: a UTF-8 page served as charset=gbk is read as the UTF-8 it declares, with an info finding', async () => {
  const url = `${base}/utf8-as-gbk`;
  const items = [];
  for await (const item of auditMany([url], { jobs: 1, cacheDir: null, cross: false })) items.push(item);
  const report = (items[0] as { report: Report }).report;
  const note = report.findings.find((f) => f.ruleId === 'file/charset-mismatch');
  assert.ok(note, 'info finding');
  assert.is(note!.severity, 'info');
  assert.match(note!.message, /gb18030.*utf-8/);
  const local = existsSync(corpusPage) ? corpusPage : join(fixtures, 'html/standard-2021.html');
  const original = await audit({ path: local });
  assert.equal(report.meta, original.meta, 'same meta as the file read from disk');
  assert.is(Object.keys(report.facts).length, Object.keys(original.facts).length, 'every fact read');
  assert.ok(Object.keys(report.facts).length > 50);
  assert.is(report.findings.filter((f) => f.severity === 'error').length, original.findings.filter((f) => f.severity === 'error').length, 'no false errors');
});

test('auditMany: bombs and an endless body each end as one file/too-large report, a refused redirect as file/error; the good page is audited', async () => {
  const urls = ['/huge-length', '/endless', '/gzip-bomb', '/br-bomb', '/redirect-port', '/page.html'].map((p) => `${base}${p}`);
  const reports: Report[] = [];
  for await (const item of auditMany(urls, { jobs: 2, cacheDir: null, maxBytes: 4 * MiB, cross: false })) if (item.type === 'report') reports.push(item.report);
  assert.equal(reports.map((r) => r.file), urls, 'one report per URL, in order');
  for (const r of reports.slice(0, 4)) {
    assert.is(r.findings.length, 1);
    assert.is(r.findings[0]!.ruleId, 'file/too-large');
    assert.match(r.findings[0]!.message, /过大.*\(maxBytes\)/);
  }
  assert.is(reports[4]!.findings.length, 1);
  assert.is(reports[4]!.findings[0]!.ruleId, 'file/error');
  assert.match(reports[4]!.findings[0]!.message, /未跟随重定向/);
  assert.not.ok(reports[5]!.findings.some((f) => f.ruleId === 'file/error'));
});

test('CLI --list of hostile URLs and a good one: exit 2, one stderr line and one report per refused URL, never a silent exit 0', async () => {
  const urls = ['/huge-length', '/huge-length?again', '/never', '/redirect-port', '/page.html'].map((p) => `${base}${p}`);
  const list = join(tmp, 'urls.txt');
  await writeFile(list, `${urls.join('\n')}\n`);
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (chunk: string) => { stdout += chunk; return true; } } as unknown as NodeJS.WritableStream,
    stderr: { write: (chunk: string) => { stderr += chunk; return true; } } as unknown as NodeJS.WritableStream,
    cwd: tmp, env: {},
  };
  const started = Date.now();
  const code = await main(['--list', list, '--format', 'json', '--no-cross', '-j', '2', '--timeout', '2', '--cache-dir', join(tmp, 'cache')], io);
  assert.ok(Date.now() - started < 20_000, 'the silent server is cut by --timeout 2');
  const json = JSON.parse(stdout);
  assert.equal(json.reports.map((r: Report) => r.file), urls, 'one report per URL, in order');
  assert.equal(json.reports.slice(0, 4).map((r: Report) => r.findings.map((f) => f.ruleId)), [['file/too-large'], ['file/too-large'], ['file/error'], ['file/error']], JSON.stringify(json.reports.slice(0, 4).map((r: Report) => r.findings[0]?.message)));
  assert.match(json.reports[0].findings[0].message, /过大/);
  assert.match(json.reports[2].findings[0].message, /请求超时/);
  assert.not.ok(json.reports[4].findings.some((f: { ruleId: string }) => f.ruleId === 'file/error'));
  assert.is(code, 2, 'not a silent exit 0');
  assert.is(stderr.trim().split('\n').length, 4, `one line per refused URL:\n${stderr}`);
});

test.run();
