// The web workbench (src/serve/, docs/serve.md) over a store holding the whole corpus: overview
// filters, the report page, review in place, export, security (escaping, CSP, token), port taken.
// Browser parts drive Debian's Chromium through playwright-core and skip with a note without it.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli.js';
import type { Report } from '../src/model.js';
import { serveMain, startWorkbench, type RunningWorkbench } from '../src/serve/cli.js';
import { openStore } from '../src/store/index.js';
import type { AuditStore } from '../src/store/store.js';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/serve/hostile-2023.html', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = fileURLToPath(new URL('./out/serve/', import.meta.url));
const HAS_CORPUS = existsSync(join(CORPUS, '2023-hongzequ-1.pdf'));

const sink = () => {
  const s = new PassThrough();
  let text = '';
  s.on('data', (d) => { text += d; });
  return Object.assign(s, { text: () => text });
};

const X = '<script>window.__pwned=1;alert(1)</script>';
const IMG = '"><img src=x onerror="window.__pwned=2;alert(2)">';
const JS = 'javascript:alert(3)';

/** A report written straight into the store with markup in every text the pages show. */
function hostileReport(file: string): Report {
  const src = { file, line: 3, column: 1 };
  return {
    file, format: 'html', template: '2021',
    meta: { title: `${X}${IMG}年度报告`, agency: `${IMG}某局`, year: 2024, period: null, signedOn: null, publishedOn: `${JS}` } as unknown as Report['meta'],
    sections: [
      { id: 'overview', number: '一', heading: `一、总体情况${X}`, present: true, empty: false, source: src, match: 'standard' },
      { id: 'proactive', number: '二', heading: `二、${IMG}`, present: true, empty: false, source: src, match: 'equivalent' },
    ],
    facts: {
      't4.review.upheld': { value: null, raw: X, kind: 'text', source: { file, table: 3, row: 4, col: 1 } },
      't4.review.corrected': { value: null, raw: IMG, kind: 'text', source: { file, table: 3, row: 4, col: 2 } },
      't4.review.other': { value: null, raw: JS, kind: 'text', source: { file, table: 3, row: 4, col: 3 } },
    } as Report['facts'],
    figures: [],
    findings: [{
      ruleId: 'table/cell-invalid', severity: 'error', kind: 'fail', message: `单元格 ${X}${IMG} 不是数字 ${JS}`, source: { file, table: 3, row: 4, col: 1 },
      cells: [{ key: 't4.review.upheld', value: null, raw: X, source: { file, table: 3, row: 4, col: 1 } }],
      related: [{ message: `${IMG}`, source: { file: JS } }],
      hint: X, fingerprint: 'f'.repeat(32), baselineState: 'new',
    }] as Report['findings'],
  };
}

let dir = '';
let store: AuditStore;
let wb: RunningWorkbench;
let hostileId = 0;
let fixtureId = 0;

test.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xxgk-serve-'));
  const db = join(dir, 'audits.sqlite');
  if (HAS_CORPUS) {
    const code = await main(['--db', db, CORPUS, '--format', 'json', '--output', join(dir, 'corpus.json')], { stdout: sink(), stderr: sink(), cwd: dir });
    assert.ok(code === 0 || code === 1, `corpus run exit ${code}`);
  }
  // The fixture under a file name that is markup too.
  const evil = join(dir, `"><img src=x onerror=alert(5)>.html`);
  copyFileSync(FIXTURE, evil);
  await main(['--db', db, evil, '--format', 'json', '--output', join(dir, 'fixture.json')], { stdout: sink(), stderr: sink(), cwd: dir });
  store = await openStore(db);
  const runId = await store.beginRun({ toolVersion: 'test', options: {}, inputs: ['hostile'] });
  const ids = await store.addReports(runId, 'test', [{ pos: 0, report: hostileReport(`${IMG}.html`), sha256: 'x', failed: false }]);
  await store.finishRun(runId, 'done', [], ids);
  hostileId = ids.get(0)!;
  fixtureId = (await store.listReports({ agency: 'onerror=alert(5)' })).rows[0]?.reportId ?? 0;
  wb = await startWorkbench(store, { port: 0, root: dir });
});

test.after(async () => {
  await wb?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('serve prints its URL on loopback; a taken port is one line and exit 2', async () => {
  assert.match(wb.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const port = new URL(wb.url).port;
  const err = sink();
  const code = await serveMain(['--db', join(dir, 'audits.sqlite'), '--port', port], { stdout: sink(), stderr: err });
  assert.is(code, 2);
  assert.is(err.text().trim().split('\n').length, 1);
  assert.match(err.text(), new RegExp(`端口 ${port} 已被占用`));
  const out = sink();
  const ac = new AbortController();
  const running = serveMain(['--db', join(dir, 'audits.sqlite'), '--port', '0'], { stdout: out, stderr: sink() }, ac.signal);
  for (let i = 0; i < 50 && !out.text(); i++) await new Promise((r) => setTimeout(r, 20));
  assert.match(out.text(), /工作台 \(workbench\): http:\/\/127\.0\.0\.1:\d+\//);
  ac.abort();
  assert.is(await running, 0);
  assert.is(await serveMain(['--port', '1'], { stdout: sink(), stderr: sink() }), 2, '--db is required');
});

test('pages carry the CSP; the API pages, filters and sorts in the store', async () => {
  const res = await fetch(wb.url);
  assert.is(res.headers.get('content-security-policy')?.startsWith("default-src 'self'"), true);
  const html = await res.text();
  assert.not.match(html, /<script>|<style>| style=/, 'no inline script or style');
  if (!HAS_CORPUS) return;
  const all = await (await fetch(`${wb.url}api/reports`)).json() as { total: number };
  assert.ok(all.total >= 30, `corpus stored: ${all.total}`);
  const t4 = await (await fetch(`${wb.url}api/reports?rule=t4/block-sum&sort=errors&order=desc`)).json() as { total: number; rows: { file: string; errors: number }[] };
  assert.ok(t4.total > 0 && t4.total < all.total);
  assert.ok(t4.rows.some((r) => r.file.endsWith('2023-hongzequ-1.pdf')));
  for (let i = 1; i < t4.rows.length; i++) assert.ok(t4.rows[i - 1]!.errors >= t4.rows[i]!.errors, 'sorted by errors, descending');
  const status = await new Promise<number>((ok, fail) => {
    const req = request(wb.url, { headers: { Host: 'evil.example' } }, (res) => { res.resume(); ok(res.statusCode ?? 0); });
    req.on('error', fail);
    req.end();
  });
  assert.is(status, 421, 'a rebinding host name is refused');
});

test('state changes need the token: a POST without it, with a wrong one, or as a form is refused', async () => {
  const body = JSON.stringify({ fingerprint: 'f'.repeat(32), action: 'dismiss', reason: 'x', report: hostileId });
  const none = await fetch(`${wb.url}api/review`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  assert.is(none.status, 403);
  const wrong = await fetch(`${wb.url}api/review`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-XXGK-Token': 'a'.repeat(48) }, body });
  assert.is(wrong.status, 403);
  const form = await fetch(`${wb.url}api/review`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-XXGK-Token': wb.token }, body: 'fingerprint=x' });
  assert.is(form.status, 415);
  assert.is(await store.reviewOf('f'.repeat(32)), null, 'nothing changed');
  const ok = await fetch(`${wb.url}api/review`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-XXGK-Token': wb.token }, body });
  assert.is(ok.status, 200);
  assert.is((await store.reviewOf('f'.repeat(32)))?.state, 'dismissed');
  await store.resetReview(['f'.repeat(32)], null);
});

test('only files the store recorded are served; the original is sandboxed', async () => {
  assert.is((await fetch(`${wb.url}original/999999`)).status, 404);
  assert.is((await fetch(`${wb.url}original/..%2F..%2Fetc%2Fpasswd`)).status, 404);
  assert.is((await fetch(`${wb.url}static/../../package.json`)).status, 404);
  if (!fixtureId) return;
  const res = await fetch(`${wb.url}original/${fixtureId}`);
  assert.is(res.status, 200);
  assert.match(res.headers.get('content-security-policy') ?? '', /sandbox/);
});

async function browser() {
  if (!existsSync(CHROMIUM)) {
    console.log(`  (skipped: no Chromium at ${CHROMIUM}; .ci/run installs Debian's chromium when it can)`);
    return null;
  }
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'xxgk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

test('browser: filter by t4/block-sum, open 2023-hongzequ-1.pdf, click its finding, the cell is highlighted', async () => {
  if (!HAS_CORPUS) { console.log('  (skipped: ../shared/corpus is not there)'); return; }
  const b = await browser();
  if (!b) return;
  try {
    mkdirSync(OUT, { recursive: true });
    const page = await b.context.newPage();
    await page.goto(wb.url);
    await page.screenshot({ path: join(OUT, 'overview.png') });
    const allRows = await page.locator('#reports tbody tr').count();
    await page.selectOption('select[name=rule]', 't4/block-sum');
    await Promise.all([page.waitForURL(/rule=t4%2Fblock-sum/), page.click('#filters button[type=submit]')]);
    const rows = await page.locator('#reports tbody tr').count();
    assert.ok(rows > 0 && rows < allRows, `filtered: ${rows} of ${allRows}`);
    // Agency names do not wrap one character a line: the agency column is wide enough.
    const width = await page.locator('#reports td.agency').first().evaluate((el) => el.getBoundingClientRect().width);
    assert.ok(width > 150, `agency column ${width}px`);
    await page.screenshot({ path: join(OUT, 'overview-filtered.png') });
    const row = page.locator('#reports tbody tr', { has: page.locator('td.file', { hasText: '2023-hongzequ-1.pdf' }) });
    await Promise.all([page.waitForURL(/\/report\/\d+/), row.locator('td.agency a').click()]);
    const finding = page.locator('li.finding', { has: page.locator('code', { hasText: 't4/block-sum' }) }).first();
    await finding.click();
    const cells = await finding.getAttribute('data-cells');
    assert.ok(cells, 'the finding names cells');
    const hl = page.locator('td.hl').first();
    assert.ok(await page.locator('td.hl').count() > 0, 'cells highlighted');
    assert.ok(cells!.split(' ').includes((await hl.getAttribute('data-key'))!));
    assert.ok(await hl.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }), 'scrolled into view');
    assert.match(await page.locator('#place').textContent() ?? '', /位置：.*单元格：t4\./);
    assert.ok(await page.locator('td.sev-error').count() > 0, 'cells coloured by severity');
    await page.screenshot({ path: join(OUT, 'report.png') });
    await page.screenshot({ path: join(OUT, 'report-full.png'), fullPage: true });
    // Back to the filtered overview.
    await page.goBack();
    assert.match(page.url(), /rule=t4%2Fblock-sum/);
    assert.is(await page.locator('select[name=rule]').inputValue(), 't4/block-sum');
  } finally {
    await b.close();
  }
});

test('browser: dismiss with a reason, reload: dismissed, counts changed here and in the overview', async () => {
  if (!HAS_CORPUS) return;
  const b = await browser();
  if (!b) return;
  try {
    const page = await b.context.newPage();
    const list = await (await fetch(`${wb.url}api/reports?agency=2023-hongzequ-1.pdf`)).json() as { rows: { reportId: number; dismissed: number; errors: number; warnings: number; infos: number }[] };
    const before = list.rows[0]!;
    await page.goto(`${wb.url}report/${before.reportId}`);
    const finding = page.locator('li.finding:not(.st-dismissed)').first();
    const fp = await finding.getAttribute('data-fingerprint');
    const sev = (await finding.getAttribute('class'))!.match(/sev-(\w+)/)![1]!;
    const count = Number(await page.locator(`[data-count=${sev}]`).textContent());
    await finding.locator('button[data-act=dismiss]').click();
    assert.is(await finding.locator('.state').textContent(), '未审核', 'no reason, no dismissal');
    await finding.locator('.reason-input').fill('分项另有说明（测试）');
    await finding.locator('button[data-act=dismiss]').click();
    await page.waitForFunction((f) => document.querySelector(`li[data-fingerprint="${f}"] .state`)?.textContent === '已忽略', fp);
    assert.is(Number(await page.locator(`[data-count=${sev}]`).textContent()), count - 1, 'counts update at once');
    await page.reload();
    const again = page.locator(`li.finding[data-fingerprint="${fp}"]`).first();
    assert.is(await again.locator('.state').textContent(), '已忽略');
    assert.match(await again.locator('.reason').textContent() ?? '', /分项另有说明/);
    assert.is(Number(await page.locator('[data-count=dismissed]').textContent()), before.dismissed + 1);
    const after = (await (await fetch(`${wb.url}api/reports?agency=2023-hongzequ-1.pdf`)).json() as typeof list).rows[0]!;
    assert.is(after.dismissed, before.dismissed + 1, 'overview counts');
    const history = await store.reviewHistory(fp!);
    assert.is(history.at(-1)?.state, 'dismissed');
    assert.ok(history.at(-1)?.at, 'recorded with time');
    // Reset brings it back.
    await again.locator('button[data-act=reset]').click();
    await page.waitForFunction((f) => document.querySelector(`li[data-fingerprint="${f}"] .state`)?.textContent === '未审核', fp);
    assert.is((await store.reviewHistory(fp!)).at(-1)?.state, 'reset');
  } finally {
    await b.close();
  }
});

test('export of the filter: xlsx read back with exceljs, CSV', async () => {
  if (!HAS_CORPUS) return;
  const b = await browser();
  if (!b) return;
  try {
    const page = await b.context.newPage();
    await page.goto(`${wb.url}?rule=t4%2Fblock-sum`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
    const file = join(dir, 'export.xlsx');
    await download.saveAs(file);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('问题')!;
    const rules = new Set<string>();
    const files = new Set<string>();
    sheet.eachRow((row, n) => { if (n > 1) { rules.add(String(row.getCell(4).value)); files.add(String(row.getCell(3).value)); } });
    assert.equal([...rules], ['t4/block-sum']);
    assert.ok([...files].some((f) => f.endsWith('2023-hongzequ-1.pdf')));
    const csv = await (await fetch(`${wb.url}export.csv?rule=t4%2Fblock-sum`)).text();
    const lines = csv.trim().split('\r\n');
    assert.ok(lines.length > 1);
    assert.ok(lines.slice(1).every((l) => l.includes(',t4/block-sum,')));
  } finally {
    await b.close();
  }
});

test('browser: markup in titles, headings, cells, messages and file names runs nowhere', async () => {
  const b = await browser();
  if (!b) return;
  // A cross-site page that tries to dismiss by a form post.
  const evil: Server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end(`<form id=f method=post action="${wb.url}api/review" enctype="text/plain"><input name='{"fingerprint":"${'f'.repeat(32)}","action":"dismiss","reason":"x","x":"' value='"}'></form><script>document.getElementById('f').submit()</script>`);
  });
  await new Promise<void>((ok) => evil.listen(0, '127.0.0.1', ok));
  try {
    const page = await b.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    const failed: string[] = [];
    page.on('request', (r) => { if (/\/x$/.test(r.url())) failed.push(r.url()); });
    for (const id of [hostileId, fixtureId].filter(Boolean)) {
      await page.goto(`${wb.url}report/${id}`);
      await page.waitForLoadState('networkidle');
      assert.is(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
      await page.locator('li.finding').first().click().catch(() => {});
    }
    await page.goto(`${wb.url}report/${hostileId}`);
    assert.match(await page.locator('h1').textContent() ?? '', /<script>window\.__pwned=1/, 'the title shown as text');
    assert.match(await page.locator('td[data-key="t4.review.upheld"]').textContent() ?? '', /<script>/);
    assert.is(await page.locator('td[data-key="t4.review.other"]').textContent(), JS);
    assert.is(await page.locator('a[href^="javascript:"]').count(), 0, 'no javascript: link');
    await page.goto(`${wb.url}?agency=${encodeURIComponent('"><img')}`);
    assert.ok(await page.locator('#reports tbody tr').count() >= 1);
    await page.goto(`${wb.url}?text=${encodeURIComponent(X)}`);
    assert.is(await page.locator('input[name=text]').inputValue(), X);
    // The cross-site form.
    await page.goto(`http://127.0.0.1:${(evil.address() as { port: number }).port}/`);
    await page.waitForTimeout(500);
    assert.equal(dialogs, []);
    assert.equal(failed, [], 'no <img src=x> was loaded');
    assert.is(await store.reviewOf('f'.repeat(32)), null, 'a cross-site form cannot dismiss');
  } finally {
    evil.close();
    await b.close();
  }
});

test.run();
