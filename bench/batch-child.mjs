// One batch run in its own process, so its peak RSS is its own:
//   node [v8 flags] bench/batch-child.mjs <list> <jobs> <timeout-s> [pool|in-process] [cross|no-cross]
// `pool` with jobs 1 runs one worker thread (the default for jobs 1 is the main thread).
import { readFileSync } from 'node:fs';
import { auditMany } from '../dist/index.js';
import { ndjsonReporter } from '../dist/report/index.js';

const [list, jobs = '2', timeout = '60', mode = 'in-process', cross = 'cross'] = process.argv.slice(2);
const inputs = readFileSync(list, 'utf8').split('\n').filter(Boolean);
let bytes = 0;
const reporter = ndjsonReporter((chunk) => { bytes += chunk.length; });
const started = performance.now();
let reports = 0;
let failed = 0;
const badFindings = {};
const options = { jobs: Number(jobs), timeout: Number(timeout), cacheDir: null, cross: cross === 'cross' };
if (mode === 'in-process') options.mainThread = true;
if (mode === 'pool') options.workerUrl = new URL('../dist/workers/worker.js', import.meta.url);
reporter.start();
for await (const item of auditMany(inputs, options)) {
  if (item.type === 'cross') { reporter.finish(item.findings); continue; }
  reports++;
  if (item.failed) {
    failed++;
    badFindings[item.report.file.split('/').pop()] = item.report.findings.map((f) => f.ruleId).join(',');
  }
  reporter.report(item.report);
}
const ms = performance.now() - started;
console.log(JSON.stringify({ inputs: inputs.length, reports, failed, badFindings, ms, reportsPerSecond: reports / (ms / 1000), maxRssMB: process.resourceUsage().maxRSS / 1024, outputBytes: bytes }));
