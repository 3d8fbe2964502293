// npm run bench (= npm run build && node bench/run.mjs). Timings live here, never in tests.
// 1. per-report audit time on ../shared/corpus by format; HTML: full audit vs cheerio.load alone;
// 2. bench/pdf.mjs and bench/text-large.mjs when present (helpers D and A); bench/linear.mjs (t(2n)/t(n) per hostile shape); bench/docx.mjs (full DOCX audit vs mammoth alone); bench/store.mjs (the audit store's overhead); bench/cache.mjs (--cache: warm rerun vs first run);
// 3. batches: reports/s with the main thread, 1 worker and 2 workers (2,000 inputs); peak RSS for 200 vs 2,000 inputs with junk.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { audit } from '../dist/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const out = join(here, 'out');
mkdirSync(out, { recursive: true });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN; };
const fmt = (n, d = 1) => Number.isFinite(n) ? n.toFixed(d) : '-';

if (!existsSync(corpus)) {
  console.log('bench: ../shared/corpus not found; nothing to measure');
  process.exit(0);
}
const files = readdirSync(corpus).filter((f) => /\.(html|pdf|md|txt)$/.test(f) && !/^README/i.test(f)).sort();

// 1. Corpus throughput, in-process, after one warm-up pass.
console.log(`\n## Corpus: ${files.length} reports, in-process, 3 rounds after a warm-up`);
for (const f of files) await audit({ path: join(corpus, f) });
const byFormat = {};
const htmlAudit = [];
const htmlCheerio = [];
const htmlCheerioLoc = [];
const t0 = performance.now();
let n = 0;
let parseMs = 0;
for (let round = 0; round < 3; round++) {
  const htmlBytes = [];
  for (const f of files) {
    const path = join(corpus, f);
    const bytes = readFileSync(path);
    const s = performance.now();
    const report = await audit(bytes, { file: path });
    const ms = performance.now() - s;
    n++;
    (byFormat[report.format] ??= []).push(ms);
    if (report.format === 'html') {
      htmlAudit.push(ms);
      htmlBytes.push(bytes);
    }
  }
  // cheerio.load in a pass of its own over the same bytes (decode included, as in the audit): interleaved
  // with the audits it was charged for the collection of the audits' garbage, which flattered the ratio.
  const p = performance.now();
  for (const bytes of htmlBytes) {
    const c = performance.now();
    cheerio.load(bytes.toString('utf8'));
    htmlCheerio.push(performance.now() - c);
  }
  for (const bytes of htmlBytes) {
    const c = performance.now();
    cheerio.load(bytes.toString('utf8'), { sourceCodeLocationInfo: true });
    htmlCheerioLoc.push(performance.now() - c);
  }
  parseMs += performance.now() - p;
}
const total = performance.now() - t0 - parseMs;
console.log(`throughput: ${fmt(n / (total / 1000))} reports/s (${n} audits in ${fmt(total / 1000, 2)} s)`);
console.log('| format | reports | median ms/report |\n|---|---|---|');
for (const [format, times] of Object.entries(byFormat).sort()) console.log(`| ${format} | ${times.length / 3} | ${fmt(median(times))} |`);
console.log(`HTML: median full audit ${fmt(median(htmlAudit))} ms vs cheerio.load alone ${fmt(median(htmlCheerio))} ms → ratio ${fmt(median(htmlAudit) / median(htmlCheerio), 2)}`);
// The audit needs source positions: cheerio.load with parse5 locations on is the floor it cannot go under.
console.log(`HTML: cheerio.load with sourceCodeLocationInfo (the audit's own parse) ${fmt(median(htmlCheerioLoc))} ms → ratio of the full audit to it ${fmt(median(htmlAudit) / median(htmlCheerioLoc), 2)}`);

// 2. Other helpers' benches.
for (const extra of ['startup.mjs', 'pdf.mjs', 'docx.mjs', 'text-large.mjs', 'linear.mjs', 'store.mjs', 'serve.mjs', 'cache.mjs']) {
  if (!existsSync(join(here, extra))) continue;
  console.log(`\n## bench/${extra}`);
  const r = spawnSync(process.execPath, [join(here, extra)], { stdio: 'inherit', timeout: extra === 'store.mjs' || extra === 'serve.mjs' ? 1_800_000 : 180_000 });
  if (r.status !== 0) console.log(`(bench/${extra} exited with ${r.status ?? r.signal})`);
}

// 3. Batches.
const junk = join(out, 'junk');
mkdirSync(junk, { recursive: true });
writeFileSync(join(junk, 'empty.txt'), '');
writeFileSync(join(junk, 'binary.txt'), Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256)));
writeFileSync(join(junk, 'truncated.pdf'), '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Ty');
writeFileSync(join(junk, 'big-20mb.html'), `<html><body>${'<div><span>无关内容 lorem ipsum</span></div>\n'.repeat(420_000)}</body></html>`);
const junkFiles = ['empty.txt', 'binary.txt', 'truncated.pdf', 'big-20mb.html'].map((f) => join(junk, f));
const list = (count, withJunk = true) => {
  const items = withJunk ? [...junkFiles] : [];
  for (let i = 0; items.length < count; i++) items.push(join(corpus, files[i % files.length]));
  const path = join(out, `list-${count}${withJunk ? '' : '-clean'}.txt`);
  writeFileSync(path, `${items.join('\n')}\n`);
  return path;
};
// Batches run in a child process with the V8 flags the `xxgk-audit` command starts Node with (src/bin.ts).
const { DEFAULT_V8_FLAGS } = await import('../dist/batch/v8-flags.js');
const batch = (count, jobs, withJunk, { mode = 'in-process', cross = true, flags = DEFAULT_V8_FLAGS } = {}) => {
  const started = performance.now();
  const args = [...flags, join(here, 'batch-child.mjs'), list(count, withJunk), String(jobs), '60', mode, cross ? 'cross' : 'no-cross'];
  const r = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const result = JSON.parse(r.trim().split('\n').pop());
  result.wallS = (performance.now() - started) / 1000;
  return result;
};
const notAudited = (r) => `${r.failed} (${Object.entries(r.badFindings).map(([f, id]) => `${f}: ${id}`).join('; ')})`;

// Speed-up: 2,000 corpus inputs (no junk: the 20 MB page is one long serial task that would hide it),
// cross-report rules off (they run once, serially, after the audits). Best of two runs each: this
// machine's timings drift by ±10 % between runs.
console.log('\n## Batch speed-up: 2,000 corpus inputs, cross-report rules off, best of 2 runs');
console.log('| mode | V8 flags | reports/s | wall s | peak RSS MB |\n|---|---|---|---|---|');
const speed = {};
const configs = [
  ['main thread (--jobs 1)', 1, 'in-process', true],
  ['1 worker', 1, 'pool', true],
  ['2 workers', 2, 'pool', true],
  ['main thread (--jobs 1)', 1, 'in-process', false],
  ['2 workers', 2, 'pool', false],
];
for (const [label, jobs, mode, tuned] of configs) {
  const runs = [0, 1].map(() => batch(2000, jobs, false, { mode, cross: false, flags: tuned ? DEFAULT_V8_FLAGS : [] }));
  const best = runs.reduce((a, b) => (b.reportsPerSecond > a.reportsPerSecond ? b : a));
  speed[`${label}${tuned ? '' : ' untuned'}`] = best.reportsPerSecond;
  console.log(`| ${label} | ${tuned ? DEFAULT_V8_FLAGS.join(' ') : 'none (Node defaults)'} | ${fmt(best.reportsPerSecond)} | ${fmt(best.wallS)} | ${fmt(best.maxRssMB, 0)} |`);
}
console.log(`\nspeed-up 2 workers vs 1 worker: ${fmt(speed['2 workers'] / speed['1 worker'], 2)}× (target ≥ 1.6)`);
console.log(`speed-up 2 workers vs the main thread alone (--jobs 1): ${fmt(speed['2 workers'] / speed['main thread (--jobs 1)'], 2)}×`);
console.log(`V8 flags: 2 workers ${fmt(speed['2 workers'] / speed['2 workers untuned'], 2)}×, main thread ${fmt(speed['main thread (--jobs 1)'] / speed['main thread (--jobs 1) untuned'], 2)}× the throughput without them`);

console.log('\n## Batches with junk (empty, binary, truncated PDF, 20 MB HTML), 2 workers, cross-report rules on');
console.log('| inputs | reports/s | peak RSS MB | not audited | wall s |\n|---|---|---|---|---|');
const [small, big] = [200, 2000].map((count) => {
  const r = batch(count, 2, true, { mode: 'pool' });
  console.log(`| ${count} | ${fmt(r.reportsPerSecond)} | ${fmt(r.maxRssMB, 0)} | ${notAudited(r)} | ${fmt(r.wallS)} |`);
  return r;
});
console.log(`\npeak RSS 2,000 vs 200 inputs with junk (2 workers): ${fmt(big.maxRssMB, 0)} MB vs ${fmt(small.maxRssMB, 0)} MB → ${fmt((big.maxRssMB / small.maxRssMB - 1) * 100, 0)} %`);
