// DOCX speed on compiled code (run `npm run build` first): ms per report of the full audit (our .docx reader +
// segment + extract + rules) vs mammoth's conversion alone (convertToHtml) on the same bytes — the baseline: what
// the mammoth route would cost before any HTML reading. Files: the committed LibreOffice conversions of our HTML
// fixtures (fixtures/word/roundtrip/*.docx) plus the corpus conversions npm run word-roundtrip left in the temp folder.
//   node bench/docx.mjs [file.docx …]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { audit, ingest } from '../dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let files = process.argv.slice(2);
if (!files.length) {
  const dirs = [join(root, 'fixtures/word/roundtrip'), join(process.env.ROUNDTRIP_OUT ?? tmpdir(), 'xxgk-word-roundtrip/docx')];
  const seen = new Set();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.docx')).sort()) if (!seen.has(f)) { seen.add(f); files.push(join(dir, f)); }
  }
}
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (n, d = 1) => n.toFixed(d);

async function best(fn) {
  let min = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

const rows = [];
for (const file of files) {
  const bytes = readFileSync(file);
  // Warm-up: both paths once.
  await audit(new Uint8Array(bytes), { file });
  await mammoth.convertToHtml({ buffer: bytes });
  const full = await best(() => audit(new Uint8Array(bytes), { file }));
  const read = await best(() => ingest(new Uint8Array(bytes), { file }));
  const mam = await best(() => mammoth.convertToHtml({ buffer: bytes }));
  rows.push({ full, read, mam });
}
if (!rows.length) {
  console.log('no .docx files (run npm run word-roundtrip, or pass files)');
} else {
  console.log(`${rows.length} .docx reports, best of ${ROUNDS} each, medians over the files:`);
  console.log('| measure | median ms/report |\n|---|---|');
  console.log(`| full audit (our reader + segment + extract + rules) | ${fmt(median(rows.map((r) => r.full)))} |`);
  console.log(`| our .docx reader alone (ingest) | ${fmt(median(rows.map((r) => r.read)))} |`);
  console.log(`| mammoth.convertToHtml alone (baseline) | ${fmt(median(rows.map((r) => r.mam)))} |`);
  console.log(`DOCX: median full audit ${fmt(median(rows.map((r) => r.full)))} ms vs mammoth's conversion alone ${fmt(median(rows.map((r) => r.mam)))} ms → ratio ${fmt(median(rows.map((r) => r.full / r.mam)), 2)}`);
}
