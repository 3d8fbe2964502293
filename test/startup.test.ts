// Start-up (issue 11, item 1) as behaviour, not timing (the timings are in bench/startup.mjs):
// what `import('xxgk-audit')`, `--version` and a one-file run load, and that a one-file run (and -j1)
// still stops a runaway file at --timeout, in its worker thread, without a pool.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hugeHtml } from '../fixtures/hostile/generate.mjs';
import { tracedPackages } from '../scripts/trace-imports.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'xxgk-startup-'));
const trace = join(root, 'scripts/trace-imports.mjs');
const HEAVY = ['cheerio', 'parse5', 'remark-parse', 'micromark-extension-gfm-table', 'unified', 'pdfjs-dist', '@node-rs/jieba', 'exceljs', 'piscina', 'zod', 'pg', 'better-sqlite3', 'hono', '@hono/node-server'];

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
  // Loaded only when needed: globbing for folders and patterns, the width library for the terminal.
  for (const name of ['tinyglobby', 'string-width']) assert.not.ok(r.packages.includes(name), `${name} loaded for one text file written as JSON`);
});

test('the charset packages load with the first input that is not UTF-8, edit distance with the first typo', () => {
  // These are CommonJS packages loaded with require() (decode() stays synchronous), which the ESM
  // trace does not see: require.cache is where they show.
  const script = `
    import { createRequire } from 'node:module';
    import iconv from 'iconv-lite';
    const { audit, AuditError } = await import(${JSON.stringify(join(root, 'src/index.ts'))});
    const cache = createRequire(import.meta.url).cache;
    const loaded = () => ['iconv-lite', 'chardet', 'fastest-levenshtein'].filter((p) => Object.keys(cache).some((k) => k.includes('/node_modules/' + p + '/')));
    const text = ${JSON.stringify(readFileSync(join(root, 'fixtures/text/clean-2023-department.txt'), 'utf8'))};
    const utf8 = await audit(new TextEncoder().encode(text), { file: 'a.txt' });
    const afterUtf8 = loaded();
    let typo = '';
    try { await audit(text, { rules: { 'table/mising': 'off' } }); } catch (e) { typo = e instanceof AuditError ? e.message : 'other'; }
    const afterTypo = loaded();
    const gbk = await audit(new Uint8Array(iconv.encode(text, 'gbk')), { file: 'a.txt' });
    console.log(JSON.stringify({ afterUtf8, afterTypo, afterGbk: loaded(), typo, same: JSON.stringify(utf8.facts) === JSON.stringify(gbk.facts), facts: JSON.stringify(utf8.facts).length }));
  `;
  // iconv-lite is imported by the script itself (to encode the GBK input) after the check it takes part in: load it lazily too.
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script.replace("import iconv from 'iconv-lite';", '').replace('iconv.encode(', "(await import('iconv-lite')).default.encode(")], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.is(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { afterUtf8: string[]; afterTypo: string[]; afterGbk: string[]; typo: string; same: boolean; facts: number };
  assert.equal(out.afterUtf8, [], 'a UTF-8 input loaded no charset or edit-distance package');
  assert.ok(out.typo.includes('table/missing'), `the typo names the closest rule id: ${out.typo}`);
  assert.equal(out.afterTypo, ['fastest-levenshtein']);
  assert.equal(out.afterGbk.sort(), ['chardet', 'fastest-levenshtein', 'iconv-lite']);
  assert.ok(out.facts > 500 && out.same, `the GBK copy gives the same facts as the UTF-8 one: ${r.stdout}`);
});

test('a folder of one GBK text file: the glob library loads and the report is read right', () => {
  const dir = join(tmp, 'gbk');
  mkdirSync(dir, { recursive: true });
  const text = readFileSync(join(root, 'fixtures/text/clean-2023-department.txt'), 'utf8');
  writeFileSync(join(dir, 'report.txt'), iconv.encode(text, 'gbk'));
  const r = traced(['src/bin.ts', '--format', 'json', dir], 'gbk-folder');
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const out = JSON.parse(r.stdout) as { reports: { file: string; meta: { title?: string } }[] };
  assert.is(out.reports.length, 1);
  assert.ok(out.reports[0]!.meta.title?.includes('政府信息公开工作年度报告'), JSON.stringify(out.reports[0]!.meta));
  assert.ok(r.packages.includes('tinyglobby'), `tinyglobby not loaded for a folder: ${r.packages.join(', ')}`);
});

test('a run that ends before it audits (a usage error) exits by itself although its auditing thread was started', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/bin.ts', '--format', 'xml', join(root, 'fixtures/text/clean-2023-department.txt')], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.is(r.signal, null, 'the command did not exit by itself (killed at the 60 s timeout)');
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /unknown format/);
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
