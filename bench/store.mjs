// The audit store's cost (npm run bench runs this; alone: npm run build && node bench/store.mjs [count]).
// 2,000 corpus reports (distinct names, so each is a report row of its own, facts and all), 2 workers,
// cross-report rules on, each batch in its own process with the command's V8 flags:
//   no store  vs  --db into an empty SQLite store  vs  --db again (baselines against the stored run).
// Best of 2 runs each (this machine drifts ±10 %). Prints the overhead and the store's size per report.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const count = Number(process.argv[2] ?? 2000);
const out = join(here, 'out', 'store');
mkdirSync(out, { recursive: true });
const { DEFAULT_V8_FLAGS } = await import('../dist/batch/v8-flags.js');
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const files = readdirSync(corpus).filter((f) => /\.(html|pdf|md|txt)$/.test(f)).sort();
if (!files.length) { console.log('bench/store: ../shared/corpus not found'); process.exit(0); }

const child = (mode, db) => {
  const started = performance.now();
  const r = execFileSync(process.execPath, [...DEFAULT_V8_FLAGS, join(here, 'store-child.mjs'), corpus, String(count), mode, db ?? ''], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const result = JSON.parse(r.trim().split('\n').pop());
  result.wallS = (performance.now() - started) / 1000;
  return result;
};
const size = (db) => ['', '-wal', '-shm'].reduce((sum, suffix) => { try { return sum + statSync(db + suffix).size; } catch { return sum; } }, 0);

console.log(`\n## Audit store: ${count} corpus reports, 2 workers, cross-report rules on, best of 2`);
console.log('| run | wall s | reports/s | overhead vs no store |\n|---|---|---|---|');
const best = (runs) => runs.reduce((a, b) => (b.wallS < a.wallS ? b : a));
const plain = best([0, 1].map(() => child('none')));
console.log(`| no store | ${fmt(plain.wallS)} | ${fmt(plain.reportsPerSecond)} | — |`);
const fresh = [];
const again = [];
let lastDb = '';
for (let i = 0; i < 2; i++) {
  const db = join(out, `bench-${i}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  fresh.push(child('store', db));
  again.push(child('store', db));
  lastDb = db;
}
const f = best(fresh);
const a = best(again);
console.log(`| --db, empty store | ${fmt(f.wallS)} | ${fmt(f.reportsPerSecond)} | ${fmt((f.wallS / plain.wallS - 1) * 100)} % |`);
console.log(`| --db, second run (baseline against the first) | ${fmt(a.wallS)} | ${fmt(a.reportsPerSecond)} | ${fmt((a.wallS / plain.wallS - 1) * 100)} % |`);
const bytes = size(lastDb);
console.log(`\nstore size: ${fmt(bytes / 1024 / 1024)} MB for ${count * 2} stored report-runs (${count} report rows): ${fmt(bytes / count / 1024)} KB per report (target overhead ≤ 15 %)`);
