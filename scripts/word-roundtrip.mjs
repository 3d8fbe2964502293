// Word round trip (issue 14): each HTML report (../shared/corpus/*.html, fixtures/html/*.html, fixtures/pdf/src/*.html)
// is saved as .docx and as .doc by LibreOffice (`soffice --headless --convert-to docx|doc`, Writer's HTML import)
// into a temp folder, then the source and both Word files are audited with the built library (dist/) and compared:
// facts (key → raw) and findings (ruleId, severity, expected, actual), sources aside (the HTML points at HTML lines,
// the Word file at paragraphs). The .doc is read as the library reads it: through LibreOffice when soffice is on the
// PATH (XXGK_AUDIT_SOFFICE=0: word-extractor's text instead).
// A page that is not UTF-8 is handed to LibreOffice as a UTF-8 copy with <meta charset="utf-8"> (its HTML import
// guesses a Western code page for GBK without a declared charset); the audit of the source reads the original.
//   npm run word-roundtrip                 (needs soffice on PATH)
//   KEEP_FIXTURES=1 npm run word-roundtrip  (also copies the Word files made from our own fixtures to fixtures/word/roundtrip/;
//                                           never the corpus ones)
//   NO_RENDER=1 npm run word-roundtrip      (audit the files converted by an earlier run again)
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { audit } from '../dist/index.js';
import { decode } from '../dist/ingest/decode.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const out = join(process.env.ROUNDTRIP_OUT ?? tmpdir(), 'xxgk-word-roundtrip');
for (const sub of ['docx', 'doc', 'render']) mkdirSync(join(out, sub), { recursive: true });
const list = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => /\.html?$/u.test(f)).sort().map((f) => join(dir, f)) : []);
const ours = [...list(join(root, 'fixtures/html')), ...list(join(root, 'fixtures/pdf/src'))];
const sources = [...list(corpus), ...ours];

/** The file LibreOffice opens: the source, or a UTF-8 copy of a page that is not UTF-8. */
function renderable(source) {
  const { text, encoding } = decode(new Uint8Array(readFileSync(source)), { html: true });
  if (encoding === 'utf-8') return source;
  const copy = join(out, 'render', basename(source));
  const html = text.replace(/<meta[^>]+charset\s*=[^>]*>/giu, '');
  writeFileSync(copy, /<head[^>]*>/iu.test(html) ? html.replace(/<head[^>]*>/iu, (m) => m + '<meta charset="utf-8">') : '<meta charset="utf-8">' + html);
  return copy;
}

const wordName = (source, ext) => basename(source).replace(/\.html?$/u, `.${ext}`);
const profile = pathToFileURL(join(tmpdir(), `xxgk-word-roundtrip-profile-${process.pid}`)).href;
function convert(inputs, ext, filter) {
  const todo = inputs.filter((s) => !(process.env.NO_RENDER && existsSync(join(out, ext, wordName(s, ext)))));
  if (!todo.length) return;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--infilter=HTML (StarWriter)', '--convert-to', `${ext}:${filter}`, '--outdir', join(out, ext), ...todo.map(renderable)],
    { stdio: 'ignore', timeout: 600_000 });
}
convert(sources, 'docx', 'MS Word 2007 XML');
convert(sources, 'doc', 'MS Word 97');

const factsOf = (r) => Object.fromEntries(Object.entries(r.facts).map(([k, f]) => [k, f.raw]));
const findingsOf = (r) => r.findings.map((f) => [f.ruleId, f.severity, f.expected ?? '', f.actual ?? ''].join('|')).sort();
function diff(a, b) {
  const lines = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (a[k] !== b[k]) lines.push(`${k}: ${a[k] ?? '∅'} → ${b[k] ?? '∅'}`);
  return lines;
}

if (process.env.KEEP_FIXTURES) mkdirSync(join(root, 'fixtures/word/roundtrip'), { recursive: true });
let same = 0, total = 0;
const tally = { docx: [0, 0], doc: [0, 0] };
for (const source of sources) {
  const html = await audit({ path: source });
  for (const ext of ['docx', 'doc']) {
    const word = join(out, ext, wordName(source, ext));
    total++;
    tally[ext][1]++;
    if (!existsSync(word)) {
      console.log(`✗ ${basename(source)} [${ext}]: LibreOffice wrote no file`);
      continue;
    }
    if (process.env.KEEP_FIXTURES && ours.includes(source)) copyFileSync(word, join(root, 'fixtures/word/roundtrip', basename(word)));
    let report;
    try {
      report = await audit({ path: word });
    } catch (error) {
      console.log(`✗ ${basename(source)} [${ext}]: ${error.message}`);
      continue;
    }
    const factDiff = diff(factsOf(html), factsOf(report));
    const fa = findingsOf(html), fb = findingsOf(report);
    const findingDiff = [...fa.filter((x) => !fb.includes(x)).map((x) => `- ${x}`), ...fb.filter((x) => !fa.includes(x)).map((x) => `+ ${x}`)];
    const ok = factDiff.length === 0 && findingDiff.length === 0;
    if (ok) { same++; tally[ext][0]++; }
    console.log(`${ok ? '✓' : '✗'} ${basename(source)} [${ext}]: facts ${Object.keys(factsOf(html)).length} html / ${Object.keys(factsOf(report)).length} word, ${factDiff.length} differ; findings ${fa.length} / ${fb.length}, ${findingDiff.length} differ`);
    for (const line of [...factDiff.slice(0, 8), ...findingDiff.slice(0, 8)]) console.log('    ' + line);
  }
}
console.log(`${same} of ${total} Word files give the same facts and findings as their HTML source (docx ${tally.docx[0]}/${tally.docx[1]}, doc ${tally.doc[0]}/${tally.doc[1]}; files in ${out})`);
process.exitCode = same === total ? 0 : 1;
