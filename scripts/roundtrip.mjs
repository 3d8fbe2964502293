// Round trip: each HTML report (../shared/corpus/*.html, fixtures/html/*.html, fixtures/pdf/src/*.html) is
// rendered to PDF by LibreOffice (stroked rulings) and by Chromium print-to-PDF (filled rectangles) into a temp
// folder, then the source and both PDFs are audited with the built library (dist/) and compared:
// facts (key → raw) and findings (ruleId, severity, expected, actual), sources aside.
// A page that is not UTF-8 is first decoded with our own decoder and handed to both renderers as a
// UTF-8 copy with <meta charset="utf-8"> (LibreOffice guesses a Western code page for GBK without a
// declared charset and renders mojibake), and sized images missing from disk get a placeholder
// picture (see renderable()); the audit of the source always reads the original.
// Known differences that are the renderer's, not the reader's: LibreOffice lays out a table wider than
// the page at its full width and cuts off what falls outside the page (2019-shanghaishi-bgt-1: the
// labels and the 总计 column of table 三; word-sloppy: the 总计 columns), so those cells are not in its PDF.
//   npm run build && npm run roundtrip        (needs soffice and chromium on PATH)
//   NO_RENDER=1 npm run roundtrip             (audit the PDFs rendered by an earlier run again)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { audit } from '../dist/index.js';
import { decode } from '../dist/ingest/decode.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const out = join(process.env.ROUNDTRIP_OUT ?? tmpdir(), 'xxgk-roundtrip');
mkdirSync(join(out, 'libreoffice'), { recursive: true });
mkdirSync(join(out, 'chromium'), { recursive: true });
mkdirSync(join(out, 'render'), { recursive: true });
const list = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => /\.html?$/u.test(f)).map((f) => join(dir, f)) : []);
const sources = [...list(corpus), ...list(join(root, 'fixtures/html')), ...list(join(root, 'fixtures/pdf/src'))];

const placeholder = pathToFileURL(join(root, 'fixtures/pdf/src/page-image.jpg')).href;

/**
 * The file to render: the source itself, or a copy in out/render when the source is not UTF-8 (given
 * as UTF-8 with <meta charset="utf-8">) or shows images that are not on disk with a stated size (a
 * saved page without its pictures: a placeholder picture of that size stands in, so the PDF has a
 * picture where the page has one; images without a size, such as logos, stay missing).
 */
function renderable(source) {
  const { text, encoding } = decode(new Uint8Array(readFileSync(source)), { html: true });
  let html = text;
  let changed = false;
  html = html.replace(/<img\b[^>]*>/giu, (tag) => {
    const src = /\ssrc\s*=\s*["']?([^"'\s>]+)/iu.exec(tag)?.[1];
    if (!src || !/\swidth\s*=/iu.test(tag) || !/\sheight\s*=/iu.test(tag) || /^(?:https?:|data:)/iu.test(src)) return tag;
    const path = src.startsWith('/') ? src : join(dirname(source), src);
    if (existsSync(path)) return tag;
    changed = true;
    return tag.replace(src, placeholder);
  });
  if (encoding === 'utf-8' && !changed) return source;
  const copy = join(out, 'render', basename(source));
  const meta = '<meta charset="utf-8">';
  html = html.replace(/<meta[^>]+charset\s*=[^>]*>/giu, '');
  writeFileSync(copy, /<head[^>]*>/iu.test(html) ? html.replace(/<head[^>]*>/iu, (m) => m + meta) : meta + html);
  return copy;
}

function render(source) {
  const name = basename(source).replace(/\.html?$/u, '.pdf');
  const lo = join(out, 'libreoffice', name);
  const cr = join(out, 'chromium', name);
  if (process.env.NO_RENDER && existsSync(lo) && existsSync(cr)) return { lo, cr };
  const input = renderable(source);
  execFileSync('soffice', ['--headless', '--norestore', '--infilter=HTML (StarWriter)', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', join(out, 'libreoffice'), input], { stdio: 'ignore', timeout: 120_000 });
  execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${cr}`, 'file://' + input], { stdio: 'ignore', timeout: 120_000 });
  return { lo, cr };
}

const factsOf = (r) => Object.fromEntries(Object.entries(r.facts).map(([k, f]) => [k, f.raw]));
const findingsOf = (r) => r.findings.map((f) => [f.ruleId, f.severity, f.expected ?? '', f.actual ?? ''].join('|')).sort();

function diff(a, b) {
  const out = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (a[k] !== b[k]) out.push(`${k}: ${a[k] ?? '∅'} → ${b[k] ?? '∅'}`);
  return out;
}

let same = 0, total = 0;
for (const source of sources) {
  let rendered;
  try {
    rendered = render(source);
  } catch (error) {
    console.log(`${basename(source)}: render failed: ${error.message}`);
    continue;
  }
  const html = await audit({ path: source });
  for (const [tool, pdf] of [['libreoffice', rendered.lo], ['chromium', rendered.cr]]) {
    total++;
    let report;
    try {
      report = await audit({ path: pdf });
    } catch (error) {
      console.log(`✗ ${basename(source)} [${tool}]: ${error.message}`);
      continue;
    }
    const factDiff = diff(factsOf(html), factsOf(report));
    const fa = findingsOf(html), fb = findingsOf(report);
    const findingDiff = [...fa.filter((x) => !fb.includes(x)).map((x) => `- ${x}`), ...fb.filter((x) => !fa.includes(x)).map((x) => `+ ${x}`)];
    const ok = factDiff.length === 0 && findingDiff.length === 0;
    if (ok) same++;
    console.log(`${ok ? '✓' : '✗'} ${basename(source)} [${tool}]: facts ${Object.keys(factsOf(html)).length} html / ${Object.keys(factsOf(report)).length} pdf, ${factDiff.length} differ; findings ${fa.length} / ${fb.length}, ${findingDiff.length} differ`);
    for (const line of [...factDiff.slice(0, 8), ...findingDiff.slice(0, 8)]) console.log('    ' + line);
  }
}
console.log(`${same} of ${total} PDFs give the same facts and findings as their HTML source (PDFs in ${out})`);
process.exitCode = same === total ? 0 : 1;
