// Start-up (issue 11, item 1) as behaviour, not timing (the timings are in bench/startup.mjs):
// what `import('xxgk-audit')`, `--version` and a one-file run load, and that a one-file run (and -j1)
// still stops a runaway file at --timeout, in its worker thread, without a pool.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hugeHtml } from '../fixtures/hostile/generate.mjs';
import { tracedPackages } from '../scripts/trace-imports.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'xxgk-startup-'));
const trace = join(root, 'scripts/trace-imports.mjs');
const HEAVY = ['cheerio', 'parse5', 'remark-parse', 'remark-gfm', 'unified', 'pdfjs-dist', '@node-rs/jieba', 'exceljs', 'piscina', 'zod', 'pg', 'better-sqlite3', 'hono', '@hono/node-server'];

/** Runs node with the import trace; returns the packages loaded, the exit status and stdout. */
function traced(args: string[], name: string): { packages: string[]; status: number | null; stdout: string; stderr: string } {
  const out = join(tmp, `${name}.trace`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', trace, ...args], { cwd: root, env: { ...process.env, XXGK_TRACE_IMPORTS: out, NO_COLOR: '1' }, encoding: 'utf8', timeout: 120_000 });
  let text = '';
  try { text = readFileSync(out, 'utf8'); } catch { /* nothing resolved */ }
  return { packages: tracedPackages(text), status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("import('xxgk-audit') loads no parser, pool, schema or database driver", () => {
  const r = traced(['--input-type=module', '-e', `const m = await import(${JSON.stringify(join(root, 'src/index.ts'))}); if (typeof m.audit !== 'function' || typeof m.openStore !== 'function') process.exit(3);`], 'import');
  assert.is(r.status, 0, r.stderr);
  assert.ok(r.packages.includes('vfile'), `the trace saw the package's own imports: ${r.packages.join(', ')}`);
  for (const name of HEAVY) assert.not.ok(r.packages.includes(name), `${name} loaded by import('xxgk-audit')`);
});

test('--version and --help load no package at all beyond the option parser', () => {
  for (const flag of ['--version', '--help']) {
    const r = traced(['src/bin.ts', flag], flag.slice(2));
    assert.is(r.status, 0, r.stderr);
    assert.ok(flag === '--version' ? /^\d+\.\d+\.\d+\n$/.test(r.stdout) : r.stdout.includes('--jobs'), r.stdout);
    assert.equal(r.packages.filter((p) => p !== 'fastest-levenshtein' && p !== 'tsx' && p !== 'get-tsconfig' && p !== 'esbuild' && p !== 'resolve-pkg-maps'), [], `${flag} loaded ${r.packages.join(', ')}`);
  }
});

test('one text file: no pool, no HTML/Markdown/PDF reader, no jieba; the report is right', () => {
  const seed = join(root, 'fixtures/text/clean-2023-department.txt');
  const r = traced(['src/bin.ts', '--format', 'json', seed], 'one-text');
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const out = JSON.parse(r.stdout) as { reports: { format: string }[] };
  assert.is(out.reports[0]!.format, 'text');
  for (const name of ['piscina', 'cheerio', 'remark-parse', 'pdfjs-dist', '@node-rs/jieba', 'exceljs', 'zod']) assert.not.ok(r.packages.includes(name), `${name} loaded for one text file`);
});

const runaway = join(tmp, 'runaway.html');
writeFileSync(runaway, hugeHtml(15));

for (const extra of [[], ['-j1']]) {
  test(`one runaway file${extra.length ? ' with -j1' : ''}: stopped at --timeout in its worker thread (file/timeout, exit 2), no pool`, () => {
    const r = traced(['src/bin.ts', ...extra, '--timeout', '0.2', '--format', 'json', runaway], `runaway${extra.join('')}`);
    assert.is(r.status, 2, r.stderr);
    const out = JSON.parse(r.stdout) as { reports: { findings: { ruleId: string }[] }[] };
    assert.equal(out.reports[0]!.findings.map((f) => f.ruleId), ['file/timeout']);
    assert.not.ok(r.packages.includes('piscina'), 'piscina loaded for one file');
  });
}

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
