// PDF speed on compiled code (run `npm run build` first; plain node, never tsx — see deps.md §1):
// ms per page of the full audit vs pdf.js text extraction alone (getTextContent over all pages) on the same bytes.
//   node bench/pdf.mjs [file.pdf …]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { audit } from '../dist/index.js';
import { PDFJS_ASSETS, loadPdfJs } from '../dist/ingest/pdf/load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const fixtures = root + 'fixtures/pdf/';
let files = process.argv.slice(2);
if (!files.length) {
  if (existsSync(corpus)) files.push(...readdirSync(corpus).filter((f) => f.endsWith('.pdf')).map((f) => corpus + f));
  files.push(...['report-2021-libreoffice.pdf', 'report-2021-chromium.pdf', 'cid-font.pdf'].map((f) => fixtures + f));
}
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const pdfjs = await loadPdfJs();

async function textOnly(bytes) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), ...PDFJS_ASSETS, verbosity: 0 }).promise;
  for (let n = 1; n <= doc.numPages; n++) await (await doc.getPage(n)).getTextContent();
  const pages = doc.numPages;
  await doc.destroy();
  return pages;
}

async function best(fn) {
  let min = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

// Warm up pdf.js and the pipeline once so the first file does not pay for module loading.
await textOnly(readFileSync(files[0]));
await audit(new Uint8Array(readFileSync(files[0])), { file: 'warmup.pdf' });

console.log(`best of ${ROUNDS} rounds, ms per page`);
console.log('file'.padEnd(34), 'pages', 'pdf.js text'.padStart(12), 'full audit'.padStart(12), 'ratio'.padStart(7));
let sumText = 0, sumAudit = 0, sumPages = 0;
for (const file of files) {
  const bytes = readFileSync(file);
  const pages = await textOnly(bytes);
  const text = await best(() => textOnly(bytes));
  const full = await best(() => audit(new Uint8Array(bytes), { file }));
  sumText += text; sumAudit += full; sumPages += pages;
  const name = file.split('/').pop();
  console.log(name.padEnd(34), String(pages).padStart(5), (text / pages).toFixed(2).padStart(12), (full / pages).toFixed(2).padStart(12), (full / text).toFixed(2).padStart(7));
}
console.log('all'.padEnd(34), String(sumPages).padStart(5), (sumText / sumPages).toFixed(2).padStart(12), (sumAudit / sumPages).toFixed(2).padStart(12), (sumAudit / sumText).toFixed(2).padStart(7), '(target ≤ 1.5)');
