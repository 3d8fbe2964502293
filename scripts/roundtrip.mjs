// Round trip: each HTML report (../shared/corpus/*.html, fixtures/html/*.html, fixtures/pdf/src/*.html) is
// rendered to PDF by LibreOffice (stroked rulings) and by Chromium print-to-PDF (filled rectangles) into a temp
// folder, then the source and both PDFs are audited with the built library (dist/) and compared:
// facts (key → raw) and findings (ruleId, severity, expected, actual), sources aside.
//   npm run build && npm run roundtrip        (needs soffice and chromium on PATH)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { audit } from '../dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const out = join(process.env.ROUNDTRIP_OUT ?? tmpdir(), 'xxgk-roundtrip');
mkdirSync(join(out, 'libreoffice'), { recursive: true });
mkdirSync(join(out, 'chromium'), { recursive: true });
const list = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => /\.html?$/u.test(f)).map((f) => join(dir, f)) : []);
const sources = [...list(corpus), ...list(join(root, 'fixtures/html')), ...list(join(root, 'fixtures/pdf/src'))];

function render(source) {
  const name = basename(source).replace(/\.html?$/u, '.pdf');
  const lo = join(out, 'libreoffice', name);
  const cr = join(out, 'chromium', name);
  execFileSync('soffice', ['--headless', '--norestore', '--infilter=HTML (StarWriter)', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', join(out, 'libreoffice'), source], { stdio: 'ignore', timeout: 120_000 });
  execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${cr}`, 'file://' + source], { stdio: 'ignore', timeout: 120_000 });
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
