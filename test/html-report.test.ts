import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { htmlReporter } from '../src/report/index.js';
import { collector, sampleReport } from './_report-fixtures.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const outDir = fileURLToPath(new URL('./out/', import.meta.url));

function buildHtml(): string {
  const out = collector();
  const r = htmlReporter(out.write, { version: 'test' });
  r.start();
  r.report(sampleReport('a-2024.txt'));
  const clean = sampleReport('b-2023.txt');
  clean.findings = [];
  clean.meta = { ...clean.meta, agency: '另一局', year: 2023 };
  r.report(clean);
  r.finish([{
    ruleId: 'cross-year/carry-over', severity: 'error', kind: 'fail', message: '上年结转与上年报告不一致', source: { file: 'b-2023.txt' },
    cells: [{ key: 't3.new_received.natural_person', value: 5, raw: '5', source: { file: 'b-2023.txt', table: 2, row: 4, col: 3 } }],
  }]);
  return out.text();
}

test('the HTML report is one self-contained file: no external resources', () => {
  const html = buildHtml();
  assert.not.match(html, /<(script|link|img)[^>]+(src|href)=/i);
  assert.match(html, /<table id="reports">/);
  assert.match(html, /<td class="n bad sev-(error|warning|info)" data-key="t3\.new_received\.total"/, 'the cell a finding names is highlighted, by severity');
});

test('tables drawn per template: a 2021 report with the 2019 one-row （六）其他处理 shows those cells; cells coloured by severity', () => {
  const report = sampleReport('mixed-2023.txt');
  const src = { file: 'mixed-2023.txt', table: 2, row: 20, col: 3 };
  report.facts = {
    ...report.facts,
    't2.regulations.made': { value: 1, raw: '1', kind: 'number', source: { ...src, table: 1 } },
    't3.results.other.natural_person': { value: 4, raw: '4', kind: 'number', source: src },
    't3.results.other.total': { value: null, raw: '—', kind: 'dash', source: { ...src, col: 9 } },
  } as typeof report.facts;
  report.findings = [
    { ruleId: 't3/row-total', severity: 'warning', kind: 'fail', message: '行合计不符', source: src,
      cells: [{ key: 't3.results.other.natural_person', value: 4, raw: '4', source: src }] },
    { ruleId: 't3/results-sum', severity: 'info', kind: 'review', message: '待核', source: src,
      cells: [{ key: 't3.results.other.total', value: null, raw: '—', source: { ...src, col: 9 } }] },
    { ruleId: 't3/balance', severity: 'error', kind: 'fail', message: '不平衡', source: src,
      cells: [{ key: 't3.new_received.total', value: 7, raw: '7', source: src }] },
    { ruleId: 't3/balance', severity: 'warning', kind: 'fail', message: '同一格的较轻问题', source: src,
      cells: [{ key: 't3.new_received.total', value: 7, raw: '7', source: src }] },
  ];
  const out = collector();
  const r = htmlReporter(out.write, {});
  r.start();
  r.report(report);
  r.finish([]);
  const html = out.text();
  assert.match(html, /<th[^>]*>（六）其他处理<\/th><td class="n bad sev-warning" data-key="t3\.results\.other\.natural_person"[^>]*>4<\/td>/, 'the one-row （六） drawn with its cells');
  assert.match(html, /data-key="t3\.results\.other\.total"[^>]*>—<\/td>/, 'the dash as published');
  assert.match(html, /class="n bad sev-info" data-key="t3\.results\.other\.total"/);
  assert.match(html, /class="n bad sev-error" data-key="t3\.new_received\.total"/, 'the worst finding colours the cell');
  assert.not.match(html, /data-key="t3\.results\.other\.overdue_fee/, 'not the 2021 three rows');
  assert.match(html, /表三 2019 格式/);
});

test('headless Chromium: table of reports, sorting, highlighted bad cells, screenshot', async () => {
  if (!existsSync(CHROMIUM)) {
    console.log(`  (skipped: no Chromium at ${CHROMIUM}; .ci/run installs Debian's chromium when it can)`);
    return;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await mkdir(outDir, { recursive: true });
    const file = `${outDir}html-report.html`;
    await writeFile(file, buildHtml());
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(pathToFileURL(file).href);
    const rows = await page.$$eval('#reports tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)));
    assert.is(rows.length, 2);
    assert.equal(rows[0]!.slice(0, 8), ['1', 'a-2024.txt', '某局', '2024', '2021', '1', '1', '1']);
    assert.equal(rows[1]!.slice(0, 8), ['2', 'b-2023.txt', '另一局', '2023', '2021', '1', '0', '0'], 'cross findings counted');
    // The summary is drawn above the details although it is written last.
    const summaryTop = await page.$eval('#summary', (el) => el.getBoundingClientRect().top);
    const detailsTop = await page.$eval('#details', (el) => el.getBoundingClientRect().top);
    assert.ok(summaryTop < detailsTop, 'table of reports first');
    // Sort by year (column 4): 2023 first.
    await page.click('#reports th:nth-child(4)');
    assert.is(await page.$eval('#reports tbody tr td:nth-child(2)', (td) => td.textContent), 'b-2023.txt');
    const bad = await page.$eval('#r0 td[data-key="t3.new_received.total"]', (td) => ({
      cls: td.className, bg: getComputedStyle(td).backgroundColor, title: td.getAttribute('title'), text: td.textContent,
    }));
    assert.match(bad.cls, /\bbad\b/);
    assert.is(bad.bg, 'rgb(255, 214, 217)', 'drawn in the error colour');
    assert.match(bad.cls, /\bsev-error\b/);
    assert.is(bad.text, '7');
    assert.match(bad.title!, /t3\/balance/);
    const good = await page.$eval('#r0 td[data-key="t3.new_received.natural_person"]', (td) => td.className);
    assert.not.match(good, /\bbad\b/);
    const crossCell = await page.$eval('#r1 td[data-key="t3.new_received.natural_person"]', (td) => td.className);
    assert.match(crossCell, /\bbad\b/, 'a cross-report finding highlights its cell too');
    await page.screenshot({ path: `${outDir}html-report.png`, fullPage: true });
    assert.ok(existsSync(`${outDir}html-report.png`));
  } finally {
    await browser.close();
  }
});

test.run();
