import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit, auditMany, type Report } from '../src/index.js';
import { charsetOf, fetchReport } from '../src/batch/fetch.js';

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const page = join(corpus, '2024-pingtan-1.html');

let server: Server;
let base = '';
let tmp = '';
const hits: Record<string, number> = {};
const hanging: import('node:http').ServerResponse[] = [];

test.before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'xxgk-fetch-'));
  const html = existsSync(page) ? readFileSync(page, 'utf8') : '<html><body><p>2024年政府信息公开工作年度报告</p></body></html>';
  // GBK bytes; the only place that says so is the HTTP header.
  const gbk = iconv.encode(html.replace(/<meta[^>]*charset[^>]*>/gi, ''), 'gbk');
  server = createServer((req, res) => {
    hits[req.url!] = (hits[req.url!] ?? 0) + 1;
    if (req.url === '/gbk.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=GBK' });
      res.end(gbk);
    } else if (req.url === '/flaky.html') {
      if (hits[req.url]! < 2) { res.writeHead(503); res.end(); return; }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><p>2024年度政府信息公开工作年度报告</p><p>一、总体情况</p></body></html>');
    } else if (req.url === '/never.html') {
      hanging.push(res); // never answers
    } else {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.after(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(tmp, { recursive: true, force: true });
});

test('charset from Content-Type', () => {
  assert.is(charsetOf('text/html; charset=GBK'), 'GBK');
  assert.is(charsetOf('text/html;charset="utf-8"'), 'utf-8');
  assert.is(charsetOf('text/html'), undefined);
});

test('a GBK page whose charset is only in the HTTP header reads like the UTF-8 original; a rerun needs no network', async () => {
  const url = `${base}/gbk.html`;
  const cacheDir = join(tmp, 'cache');
  const items = [];
  for await (const item of auditMany([url], { jobs: 1, cacheDir, cross: false })) items.push(item);
  const report = items[0]!.type === 'report' ? items[0]!.report : null;
  assert.ok(report);
  assert.is(report.file, url);
  assert.not.ok(report.findings.some((f) => f.ruleId === 'file/error'), 'fetched and decoded');
  if (existsSync(page)) {
    const original = await audit({ path: page });
    assert.equal(report.meta, original.meta, 'same meta as the UTF-8 file');
    assert.equal(Object.keys(report.facts).length, Object.keys(original.facts).length);
    assert.ok(report.meta.agency && /平潭/.test(report.meta.agency), `agency decoded: ${report.meta.agency}`);
  }
  assert.is(hits['/gbk.html'], 1);
  assert.is((await readdir(cacheDir)).filter((f) => f.endsWith('.body')).length, 1, 'stored in the cache folder');
  const again = await fetchReport(url, { cacheDir });
  assert.ok(again.fromCache);
  assert.is(again.charset, 'GBK', 'the header charset is cached too');
  assert.is(hits['/gbk.html'], 1, 'the rerun did not touch the network');
  const rerun = [];
  for await (const item of auditMany([url], { jobs: 1, cacheDir, cross: false })) rerun.push(item);
  assert.equal(rerun[0], items[0]);
});

test('404 → file/error at once (no retry); a page that never answers → timeout after the retries; 503 is retried', async () => {
  const inputs = [`${base}/missing.html`, `${base}/never.html`, `${base}/flaky.html`];
  const started = Date.now();
  const reports: Report[] = [];
  for await (const item of auditMany(inputs, { jobs: 2, cacheDir: null, fetchTimeout: 0.5, fetchRetries: 1, cross: false })) {
    if (item.type === 'report') reports.push(item.report);
  }
  assert.ok(Date.now() - started < 10_000, 'bounded by the fetch timeout');
  assert.equal(reports.map((r) => r.file), inputs);
  assert.is(reports[0]!.findings[0]!.ruleId, 'file/error');
  assert.match(reports[0]!.findings[0]!.message, /无法下载 \(fetch failed\): .*missing\.html: HTTP 404/);
  assert.is(hits['/missing.html'], 1, '404 is final');
  assert.match(reports[1]!.findings[0]!.message, /请求超时 \(timed out after 0\.5 s\)/);
  assert.is(hits['/never.html'], 2, 'tried twice (1 retry)');
  assert.not.ok(reports[2]!.findings.some((f) => f.ruleId === 'file/error'), 'the flaky page succeeded on the retry');
  assert.is(hits['/flaky.html'], 2);
});

test.run();
