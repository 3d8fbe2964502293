// Start-up (issue 11, item 1): the command and the package as a user calling them once per file feels
// them. Every row is the median of ROUNDS runs, rounds interleaved (this machine drifts), and is printed
// as a ratio to a bare `node -e 0` measured in the same rounds. Targets: --version ≤ 1.5×, the seed (a
// small text report) ≤ 3×, one ~100 KB HTML report ≤ 4×, import('xxgk-audit') ≤ 150 ms.
// Run from bench/run.mjs (after npm run build) or alone: node bench/startup.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'dist/bin.js');
const shared = join(root, '../shared');
const corpus = join(shared, 'corpus');
const seed = join(shared, 'seed/000_e36d8efc2cd8dd97.txt');
const trace = join(root, 'scripts/trace-imports.mjs');
const ROUNDS = Number(process.env.XXGK_BENCH_ROUNDS ?? 9);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const kb = (path) => Math.round(readFileSync(path).length / 1024);

if (!existsSync(bin)) {
  console.log('bench/startup.mjs: dist/ not built (npm run build)');
  process.exit(0);
}
const env = { ...process.env };
delete env.XXGK_AUDIT_V8_FLAGS;
delete env.FORCE_COLOR;
// A cwd without a config file or a cache folder, as a user's project would be at first.
const cwd = tmpdir();

const rows = [['node -e 0 (baseline)', ['-e', '0']]];
const cli = (label, args, target) => rows.push([label, [bin, ...args], target]);
cli('xxgk-audit --version', ['--version'], 1.5);
cli('xxgk-audit --help', ['--help']);
if (existsSync(seed)) cli(`seed (${kb(seed)} KB text)`, [seed], 3);
const html100 = join(corpus, '2024-pingtan-1.html');
const html119 = join(corpus, '2023-pingtan-1.html');
const pdf = join(corpus, '2024-hongzequ-1.pdf');
const md = join(corpus, '2024-shkewei-1.md');
if (existsSync(html100)) cli(`one HTML (${kb(html100)} KB)`, [html100], 4);
if (existsSync(html119)) cli(`one HTML (${kb(html119)} KB)`, [html119], 4);
if (existsSync(html119)) cli(`one HTML (${kb(html119)} KB), -j1`, ['-j1', html119]);
if (existsSync(html119)) cli(`one HTML (${kb(html119)} KB), --format json`, ['--format', 'json', html119]);
if (existsSync(md)) cli(`one Markdown (${kb(md)} KB)`, [md]);
if (existsSync(pdf)) cli(`one PDF (${kb(pdf)} KB)`, [pdf]);
const few = ['2023-pingtan-1.txt', '2024-pingtan-1.txt', '2025-pingtan-1.html'].map((f) => join(corpus, f)).filter(existsSync);
if (few.length === 3) cli('three files (2 text, 1 HTML)', few);
rows.push(['import(\'xxgk-audit\') (process)', ['--input-type=module', '-e', 'await import("xxgk-audit")']]);

const times = rows.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  rows.forEach(([, args], i) => {
    const started = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: args[0] === bin ? cwd : root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    times[i].push(performance.now() - started);
    if (round === 0 && (r.status ?? 9) > 1) console.log(`(${rows[i][0]} exited ${r.status ?? r.signal}: ${String(r.stderr).trim().split('\n').pop()})`);
  });
}
rmSync(join(cwd, '.cache/xxgk-audit'), { recursive: true, force: true });
const base = median(times[0]);
console.log(`\nmedian of ${ROUNDS} runs each; baseline node -e 0: ${fmt(base, 0)} ms`);
console.log('| run | median ms | × node -e 0 | target |\n|---|---|---|---|');
rows.forEach(([label, , target], i) => {
  const ms = median(times[i]);
  const ratio = ms / base;
  console.log(`| ${label} | ${fmt(ms, 0)} | ${fmt(ratio, 2)} | ${target ? `≤ ${target}× ${ratio <= target ? 'ok' : 'MISSED'}` : ''} |`);
});

// import('xxgk-audit') as a consumer measures it: from the call to the resolved namespace.
const importMs = [];
for (let round = 0; round < ROUNDS; round++) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', 'const t = performance.now(); await import("xxgk-audit"); console.log(performance.now() - t)'], { cwd: root, env, encoding: 'utf8' });
  importMs.push(Number(r.stdout.trim()));
}
const imp = median(importMs);
console.log(`\nimport('xxgk-audit'): ${fmt(imp, 0)} ms (target ≤ 150 ms ${imp <= 150 ? 'ok' : 'MISSED'})`);

// Which packages each entry point loads (scripts/trace-imports.mjs records every module resolved).
const { tracedPackages } = await import('../scripts/trace-imports.mjs');
const traceFile = join(tmpdir(), `xxgk-trace-${process.pid}.txt`);
const loaded = (args) => {
  rmSync(traceFile, { force: true });
  spawnSync(process.execPath, ['--import', trace, ...args], { cwd, env: { ...env, XXGK_TRACE_IMPORTS: traceFile }, stdio: 'ignore' });
  const packages = existsSync(traceFile) ? tracedPackages(readFileSync(traceFile, 'utf8')) : ['(trace failed)'];
  rmSync(traceFile, { force: true });
  return packages.join(', ') || 'none';
};
console.log('\npackages loaded (main thread, and the launcher\'s child):');
console.log(`- import('xxgk-audit'): ${loaded(['--input-type=module', '-e', `await import(${JSON.stringify(join(root, 'dist/index.js'))})`])}`);
console.log(`- xxgk-audit --version: ${loaded([bin, '--version'])}`);
if (existsSync(seed)) console.log(`- xxgk-audit <seed>: ${loaded([bin, seed])}`);
if (existsSync(html119)) console.log(`- xxgk-audit <one HTML>: ${loaded([bin, html119])}`);
