// Outputs cannot be turned against their reader: CSV formulas, terminal escape sequences, markup in
// the HTML report (checked in headless Chromium), invalid JSON/SARIF from odd document text.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit, type Report } from '../src/index.js';
import { createReporter, csvField, terminalText, type FormatName } from '../src/report/index.js';
import { collector, sampleReport } from './_report-fixtures.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const JS_LINK = 'javascript:alert(1)';
const ESC = '\u001b';
const BEL = '\u0007';

/** Renders reports with one reporter and returns what it wrote. */
function render(format: FormatName, reports: Report[], options: { summary?: boolean } = {}): { text: string; summary: string } {
  const out = collector();
  const summary = collector();
  const r = createReporter(format, out.write, { version: 'test', color: true, writeSummary: options.summary ? summary.write : undefined });
  r.start();
  for (const report of reports) r.report(report);
  r.finish([]);
  return { text: out.text(), summary: summary.text() };
}

/** A report whose every document-derived field holds `payload`. */
function hostileReport(file: string, payload: string): Report {
  const r = sampleReport(file);
  r.meta = { ...r.meta, title: `${payload}年度报告`, agency: `${payload}局`, signedOn: payload };
  r.sections = r.sections.map((s) => ({ ...s, heading: `一、总体情况${payload}` }));
  r.facts['t3.new_received.total'] = { ...r.facts['t3.new_received.total']!, raw: payload };
  r.findings[0] = { ...r.findings[0]!, message: `单元格应为数字，实为“${payload}”`, hint: payload, cells: r.findings[0]!.cells!.map((c) => ({ ...c, raw: payload })) };
  return r;
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  return rows;
}

test('csvField: text a spreadsheet would run as a formula gets a leading quote and is quoted (OWASP)', () => {
  for (const formula of ['=1+1', "=cmd|'/Ccalc'!A0", '+1+cmd|x', '-2+3+cmd|x', '@SUM(1+1)*cmd|x', '=HYPERLINK("http://x","y")', '\t=1', '\r=1']) {
    const field = csvField(formula);
    assert.ok(field.startsWith(`"'`), `${JSON.stringify(formula)} → ${field}`);
    assert.is(parseCsv(`${field}\r\n`)[0]![0], `'${formula}`, 'the cell reads as the text with a quote before it');
  }
  assert.is(csvField('某局'), '某局', 'ordinary text unchanged');
  assert.is(csvField('a,b'), '"a,b"');
  assert.is(csvField(-3), '-3', 'a number the tool computed stays a number');
  assert.is(csvField(0), '0');
  assert.is(csvField(`某局${ESC}[31m红${BEL}${ESC}]0;title${BEL}`), '某局红', 'ESC/BEL sequences dropped');
  assert.is(csvField(`${ESC}[0m=1+1`), `"'=1+1"`, 'a formula hidden behind an escape sequence is still caught');
});

test('CSV report: file name, agency, message and hint columns are neutralised; ESC/BEL leave the agency field', () => {
  const reports = ['=1+1.txt', '+1.txt', '-1.txt', '@a.txt'].map((file) => {
    const r = sampleReport(file);
    r.meta = { ...r.meta, agency: `=cmd|'/Ccalc'!A0${ESC}[2J${BEL}` };
    r.findings[0] = { ...r.findings[0]!, hint: '=HYPERLINK("http://evil","点此")' };
    return r;
  });
  const { text, summary } = render('csv', reports, { summary: true });
  assert.not.ok(/[\u001b\u0007]/.test(text + summary), 'no ESC or BEL byte anywhere');
  for (const rows of [parseCsv(text), parseCsv(summary)]) {
    for (const row of rows.slice(1)) {
      for (const cell of row) assert.not.ok(/^[=+\-@\t\r]/.test(cell), `cell ${JSON.stringify(cell)} would be a formula`);
      assert.ok(row[0]!.startsWith("'"), `file column neutralised: ${row[0]}`);
      assert.is(row[2]!.startsWith("'=cmd|'/Ccalc'!A0") || /^\d+$/.test(row[2]!), true, `agency kept as text: ${row[2]}`);
    }
  }
  const findingRows = parseCsv(text).slice(1);
  assert.is(findingRows.length, 12);
  assert.ok(findingRows.some((row) => row.at(-1) === `'=HYPERLINK("http://evil","点此")`));
  assert.ok(findingRows.some((row) => row[0] === "'=1+1.txt"), 'the name reads =1+1.txt behind its quote');
});

test('terminal output: escape sequences and control characters from documents and file names never reach the terminal', () => {
  const payload = `${ESC}]0;owned${BEL}${ESC}[2J${ESC}[31m\u009b31m\u0008\r${BEL}\u202e`;
  const reports = [hostileReport(`evil${payload}.txt`, payload)];
  const { text } = render('stylish', reports);
  // The reporter paints with SGR codes itself (color: true); remove exactly those and nothing may remain.
  const withoutOwnColours = text.replace(/\u001b\[(?:\d+)m/g, '');
  assert.not.ok(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/.test(withoutOwnColours), JSON.stringify(withoutOwnColours.slice(0, 400)));
  assert.match(text, /evil ?\.txt/, 'the file name is still shown');
  assert.is(terminalText(`a${ESC}[1;31mb${ESC}]8;;http://x${ESC}\\c\u0007d\u009b2Je\r\nf`), 'abcde  f');
});

test('JSON, ndjson and SARIF stay valid with lone surrogates, NUL, control characters and markup in document text', () => {
  const payload = `\ud800x\udfff\u0000\u0001${ESC}[31m${BEL}\u2028\u2029"\\${SCRIPT}`;
  const reports = [hostileReport(`a${payload}.txt`, payload)];
  const json = JSON.parse(render('json', reports).text);
  assert.is(json.reports[0].meta.agency, `${payload}局`, 'JSON keeps the document text exactly (escaped)');
  for (const line of render('ndjson', reports).text.trim().split('\n')) JSON.parse(line);
  const sarif = render('sarif', reports).text;
  const parsed = JSON.parse(sarif);
  assert.ok(parsed.runs[0].results.length > 0);
  assert.not.ok(/[\u0000-\u001f]/.test(sarif.replace(/\n/g, '')), 'no raw control character in the SARIF text');
  // Written to disk as UTF-8, lone surrogates are escapes, not U+FFFD bytes: the file parses back the same.
  assert.not.ok(/[\ud800-\udfff]/.test(JSON.stringify(json)), 'well-formed JSON.stringify escapes lone surrogates');
});

/** A Markdown report whose title, prose, headings and table cells hold the payloads. */
function hostileMarkdown(): string {
  return readFileSync(join(fixtures, 'markdown/report-2024.md'), 'utf8')
    .replace('# 示例县教育局', `# ${SCRIPT}示例县${IMG}教育局`)
    .replace('人事信息5条。', `人事信息5条${SCRIPT}，详见[说明](${JS_LINK})和<a href="${JS_LINK}">链接</a>。`)
    .replace('| 规章 | 0 | 0 | 0 |', `| 规章 | 0 | ${IMG} | 0 |`)
    .replace('| 行政规范性文件 | 3 | 0 | 12 |', `| 行政规范性文件 | 3${SCRIPT} | 0 | ${JS_LINK} |`)
    .replace('公开深度不足', `公开深度不足${SCRIPT}`);
}

test('headless Chromium: an HTML report of hostile documents runs no script, opens no dialog, injects no element', async () => {
  const audited = await audit(new TextEncoder().encode(hostileMarkdown()), { file: `${IMG}.md` });
  assert.ok(Object.values(audited.facts).some((f) => f.raw.includes('<script>')), 'the payload reached the report as cell text');
  const reports = [audited, hostileReport(`${SCRIPT}.txt`, SCRIPT), hostileReport('b.txt', IMG), hostileReport(`${JS_LINK}`, `<a href="${JS_LINK}">x</a>${ESC}${BEL}`)];
  const html = render('html', reports).text;
  assert.not.ok(html.includes('<script>alert'), 'no payload script tag in the markup');
  assert.not.ok(/<img|<a href="javascript/i.test(html), 'no payload element in the markup');
  assert.not.ok(/[\u001b\u0007]/.test(html), 'ESC/BEL dropped');
  if (!existsSync(CHROMIUM)) {
    console.log(`  (skipped the browser half: no Chromium at ${CHROMIUM}; .ci/run installs Debian's chromium when it can)`);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-xss-'));
  const { chromium } = await import('playwright-core');
  // A fresh profile (playwright passes it as --user-data-dir).
  const browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const file = join(dir, 'report.html');
    await writeFile(file, html);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const requests: string[] = [];
    page.on('request', (request) => { if (!request.url().startsWith('file:')) requests.push(request.url()); });
    await page.goto(pathToFileURL(file).href);
    await page.waitForLoadState('load');
    // Click every link the report has: only its own #r anchors exist, none runs code.
    const hrefs = await page.$$eval('a', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.length >= 4);
    for (const href of hrefs) assert.match(href!, /^#r\d+$/);
    for (let i = 0; i < hrefs.length; i++) await page.click(`a >> nth=${i}`);
    const dom = await page.evaluate(() => ({
      scripts: document.scripts.length,
      images: document.images.length,
      handlers: Array.from(document.querySelectorAll('*')).filter((el) => Array.from(el.attributes).some((a) => a.name.startsWith('on'))).length,
      text: document.body.textContent ?? '',
    }));
    assert.equal(dialogs, [], 'no dialog opened');
    assert.is(dom.scripts, 1, 'only the report\'s own sorting script');
    assert.is(dom.images, 0, 'no element injected');
    assert.is(dom.handlers, 0, 'no inline handler');
    assert.equal(errors, [], 'the report\'s own script ran cleanly');
    assert.equal(requests, [], 'nothing fetched');
    assert.ok(dom.text.includes(SCRIPT) && dom.text.includes(IMG), 'the payloads are shown as text');
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
