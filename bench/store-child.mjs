// One batch for bench/store.mjs, in its own process:
//   node [v8 flags] bench/store-child.mjs <corpus dir> <count> none|store [db]
// Inputs are the corpus files' bytes under distinct names (copy-0001/…), so each is a report of its own.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditMany } from '../dist/index.js';
import { auditIntoStore, openStore } from '../dist/store/index.js';

const [corpus, count, mode, db] = process.argv.slice(2);
const files = readdirSync(corpus).filter((f) => /\.(html|pdf|md|txt)$/.test(f)).sort();
const bytes = files.map((f) => readFileSync(join(corpus, f)));
const inputs = Array.from({ length: Number(count) }, (_, i) => ({ name: `copy-${String(Math.floor(i / files.length)).padStart(4, '0')}/${files[i % files.length]}`, bytes: bytes[i % files.length] }));
const options = { jobs: 2, timeout: 60, cacheDir: null, workerUrl: new URL('../dist/workers/worker.js', import.meta.url) };
const started = performance.now();
let reports = 0;
let findings = 0;
const store = mode === 'store' ? await openStore(db) : null;
const items = store ? auditIntoStore(inputs, options, { store, toolVersion: 'bench' }) : auditMany(inputs, options);
for await (const item of items) {
  if (item.type === 'cross') { findings += item.findings.length; continue; }
  reports++;
  findings += item.report.findings.length;
}
await store?.close();
const ms = performance.now() - started;
console.log(JSON.stringify({ reports, findings, ms, reportsPerSecond: reports / (ms / 1000) }));
