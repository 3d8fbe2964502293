// The workbench over a big store (npm run bench runs this; alone: npm run build && node bench/serve.mjs [count]).
// The corpus audited once into SQLite, then stored again under new names and agencies until the store
// holds `count` reports (default 10,000). Times, over HTTP from this process (median of 7 after a warm-up):
//   bare: a static asset of the same server (the baseline);
//   overview: the first page of `/`;  filter: `/?rule=t4/block-sum&severity=error` and `/?agency=洪泽&year=2023`.
// Targets: overview first page ≤ 500 ms, a filter change ≤ 300 ms.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const count = Number(process.argv[2] ?? 10_000);
const files = readdirSync(corpus, { withFileTypes: true }).filter((f) => f.isFile() && /\.(html|pdf|md|txt)$/.test(f.name));
if (!files.length) { console.log('bench/serve: ../shared/corpus not found'); process.exit(0); }
const out = join(here, 'out', 'serve');
mkdirSync(out, { recursive: true });
const db = join(out, 'workbench.sqlite');
for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });

const started = performance.now();
try {
  execFileSync(process.execPath, [join(root, 'dist/bin.js'), '--db', db, corpus, '--format', 'json', '--output', join(out, 'corpus.json')], { stdio: 'ignore' });
} catch (error) { if (error.status !== 1) throw error; }
const { openStore } = await import('../dist/store/index.js');
const { startWorkbench } = await import('../dist/serve/cli.js');
const store = await openStore(db);
const [run] = await store.runs();
const { reports } = await store.runReports(run.id);
const runId = await store.beginRun({ toolVersion: 'bench', options: {}, inputs: ['bench copies'] });
let stored = reports.length;
let pos = 0;
for (let copy = 1; stored < count; copy++) {
  const entries = [];
  for (const r of reports) {
    if (stored >= count) break;
    const agency = r.meta.agency ? `${r.meta.agency}${copy}` : null;
    entries.push({ pos: pos++, report: { ...r, file: `copy${copy}/${r.file.split('/').at(-1)}`, meta: { ...r.meta, agency } }, sha256: `bench${copy}`, failed: false });
    stored++;
  }
  await store.addReports(runId, 'bench', entries);
}
await store.finishRun(runId, 'done');
const fillS = (performance.now() - started) / 1000;
const wb = await startWorkbench(store, { port: 0 });

const time = async (path) => {
  const t = performance.now();
  const res = await fetch(wb.url + path.replace(/^\//, ''));
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return performance.now() - t;
};
const median = async (path) => {
  await time(path);
  const runs = [];
  for (let i = 0; i < 7; i++) runs.push(await time(path));
  runs.sort((a, b) => a - b);
  return runs[3];
};
const cold = await time('/');
const total = (await (await fetch(`${wb.url}api/reports`)).json()).total;
const bare = await median('/static/app.css');
const rows = [
  ['overview, first page', '/', 500],
  ['filter: rule t4/block-sum, errors', `/?rule=${encodeURIComponent('t4/block-sum')}&severity=error`, 300],
  ['filter: agency 洪泽, year 2023', `/?agency=${encodeURIComponent('洪泽')}&year=2023`, 300],
  ['filter: message text 合计', `/?text=${encodeURIComponent('合计')}`, 300],
  ['sort by errors, page 10', '/?sort=errors&order=desc&page=10', 300],
];
console.log(`\n## Workbench: ${total} stored reports (the corpus repeated; store filled in ${fillS.toFixed(0)} s), median of 7`);
console.log('| request | ms | × bare | target |\n|---|---|---|---|');
console.log(`| bare: a static asset (baseline) | ${bare.toFixed(1)} | 1.0 | — |`);
console.log(`| overview, first request after start (cold) | ${cold.toFixed(0)} | ${(cold / bare).toFixed(0)} | ≤ 500 ms ${cold <= 500 ? '✔' : '✖'} |`);
for (const [name, path, target] of rows) {
  const ms = await median(path);
  console.log(`| ${name} | ${ms.toFixed(0)} | ${(ms / bare).toFixed(0)} | ≤ ${target} ms ${ms <= target ? '✔' : '✖'} |`);
}
await wb.close();
await store.close();
