// The package as a consumer gets it: what `npm pack` puts in the tarball, and that the tarball, installed
// beside its declared dependencies only, runs `xxgk-audit --version` and `import('xxgk-audit')`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string; version: string; bin: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string>;
};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// A clean build first (scripts/build.mjs removes dist/): a module renamed in src/ must not linger in the tarball.
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });

interface PackResult { filename: string; files: { path: string }[]; entryCount: number; unpackedSize: number }
const packed = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as PackResult[];
const files = packed[0]!.files.map((f) => f.path).sort();

test('the tarball holds dist/, docs/, README, LICENSE and package.json, nothing else', () => {
  const stray = files.filter((f) => !/^(dist|docs)\//.test(f) && !['package.json', 'README.md', 'LICENSE'].includes(f));
  assert.equal(stray, [], `stray files: ${stray.join(', ')}`);
  for (const must of ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/bin.js', 'dist/workers/thread-worker.js', 'docs/rules.md']) assert.ok(files.includes(must), `missing ${must}`);
  for (const dir of ['test/', 'fixtures/', 'bench/', 'scripts/', 'fuzz/', 'src/', 'node_modules/', '.ci/']) {
    assert.equal(files.filter((f) => f.startsWith(dir) || f.includes(`/${dir}`)), [], `nothing from ${dir}`);
  }
});

test('no source maps pointing at src/, which is not shipped', () => {
  const maps = files.filter((f) => f.endsWith('.map'));
  assert.equal(maps, [], 'the build ships no maps (tsconfig sourceMap/declarationMap off)');
  for (const f of files.filter((p) => p.endsWith('.js') || p.endsWith('.d.ts'))) {
    const text = readFileSync(join(root, f), 'utf8');
    assert.not.match(text, /sourceMappingURL=/, `${f} names a map`);
  }
});

test('every file in dist/ comes from a module in src/ (no leftovers of renamed or deleted modules)', () => {
  for (const f of files.filter((p) => p.startsWith('dist/'))) {
    // dist/workers/: the bundled entries of the auditing threads (scripts/build.mjs), from src/batch/, and their chunks.
    if (/^dist\/workers\/chunk-[A-Z0-9]+\.js$/.test(f)) continue;
    const source = f.startsWith('dist/workers/') ? f.replace(/^dist\/workers\//, 'src/batch/').replace(/\.js$/, '.ts') : f.replace(/^dist\//, 'src/').replace(/\.d\.ts$/, '.ts').replace(/\.js$/, '.ts');
    assert.ok(existsSync(join(root, source)), `${f} has no ${source}`);
  }
});

test('docs/ in the tarball are the tracked docs (no stray local files)', () => {
  let tracked: string[];
  try {
    tracked = execFileSync('git', ['ls-files', 'docs'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    console.log('  (skipped: not a git checkout)');
    return;
  }
  assert.equal(files.filter((f) => f.startsWith('docs/')), tracked.sort());
});

test('the built command is executable (npx xxgk-audit in a clone runs dist/bin.js itself)', () => {
  if (process.platform === 'win32') return;
  for (const target of Object.values(pkg.bin)) assert.ok((statSync(join(root, target)).mode & 0o111) !== 0, `${target} is not executable`);
});

test('no build in consumers\' installs; fast-check and the type packages are dev-only', () => {
  assert.not.ok(pkg.scripts.postinstall, 'no postinstall');
  assert.not.ok(pkg.scripts.install, 'no install script');
  // `prepare` builds in a clone (where scripts/build.mjs is) and is a no-op in an unpacked tarball.
  assert.match(pkg.scripts.prepare ?? '', /existsSync\('scripts\/build\.mjs'\)/);
  assert.not.ok(files.includes('scripts/build.mjs'));
  for (const dev of ['fast-check', 'typescript', 'tsx', 'uvu']) assert.not.ok(pkg.dependencies[dev], `${dev} is not a runtime dependency`);
  for (const gone of ['pdf-parse', 'unist-util-visit', 'vfile-message']) assert.not.ok(pkg.dependencies[gone], `${gone} is imported nowhere`);
});

test('every runtime dependency is imported by dist/ (none declared for nothing)', () => {
  const imported = new Set<string>();
  for (const f of files.filter((p) => p.endsWith('.js'))) {
    for (const m of readFileSync(join(root, f), 'utf8').matchAll(/(?:from\s*|import\s*\(\s*|\.resolve\(\s*|import\s+|require\w*\(\s*)['"]([^'".][^'"]*)['"]/g)) {
      const spec = m[1]!;
      if (spec.startsWith('node:') || spec === pkg.name || spec.startsWith(`${pkg.name}/`)) continue; // the doc comments' examples
      imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  const unused = Object.keys(pkg.dependencies).filter((d) => !imported.has(d));
  assert.equal(unused, [], `declared but never imported: ${unused.join(', ')}`);
  // Named in dist/ on a path a consumer never takes: src/batch/isolate.ts registers tsx only when its
  // worker module is a .ts file (under the tests), never in dist/.
  const devOnly = new Set(['tsx']);
  const undeclared = [...imported].filter((d) => !pkg.dependencies[d] && !devOnly.has(d));
  assert.equal(undeclared, [], `imported but not declared: ${undeclared.join(', ')}`);
});

test('the packed tarball, installed beside its declared dependencies only, runs --version and import()', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-consumer-'));
  try {
    const out = JSON.parse(execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8' })) as PackResult[];
    const tgz = join(dir, out[0]!.filename);
    // The consumer: the tarball unpacked as node_modules/xxgk-audit, and each declared dependency linked from
    // this checkout's node_modules (offline; a real `npm install` of the .tgz resolves the same versions, the
    // lock file's). An import of a package that is not declared fails here even if it is installed here.
    const consumer = join(dir, 'consumer');
    const modules = join(consumer, 'node_modules');
    const installed = join(modules, pkg.name);
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', tgz, '-C', installed, '--strip-components=1']);
    for (const dep of Object.keys(pkg.dependencies)) {
      const from = join(root, 'node_modules', dep);
      if (!existsSync(from)) { console.log(`  (skipped: ${dep} is not installed here; run npm ci)`); return; }
      mkdirSync(dirname(join(modules, dep)), { recursive: true });
      symlinkSync(from, join(modules, dep), 'dir');
    }
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { [pkg.name]: `file:${tgz}` } }));
    const env = { ...process.env, NODE_OPTIONS: '', XXGK_AUDIT_V8_FLAGS: process.env.XXGK_AUDIT_V8_FLAGS ?? '' };
    const bin = join(installed, pkg.bin['xxgk-audit']!);
    const version = spawnSync(process.execPath, [bin, '--version'], { cwd: consumer, encoding: 'utf8', env });
    assert.is(version.status, 0, version.stderr);
    assert.is(version.stdout.trim(), pkg.version);
    writeFileSync(join(consumer, 'use.mjs'), [
      "const m = await import('xxgk-audit');",
      "const r = await m.audit('2024年度政府信息公开工作年度报告\\n一、总体情况\\n发布信息81条。');",
      "const report = await import('xxgk-audit/report');",
      "console.log(JSON.stringify({ audit: typeof m.audit, auditMany: typeof m.auditMany, format: r.format, findings: r.findings.length, url: r.findings[0]?.url, reporter: typeof report.createReporter }));",
    ].join('\n'));
    const use = spawnSync(process.execPath, ['use.mjs'], { cwd: consumer, encoding: 'utf8', env });
    assert.is(use.status, 0, use.stderr);
    const seen = JSON.parse(use.stdout) as { audit: string; auditMany: string; format: string; findings: number; url: string; reporter: string };
    assert.is(seen.audit, 'function');
    assert.is(seen.auditMany, 'function');
    assert.is(seen.reporter, 'function');
    assert.is(seen.format, 'text');
    assert.ok(seen.findings > 0);
    // docs/rules.md ships, so rule links carry their anchors.
    assert.match(seen.url, /docs\/rules\.md#/);
    // The command audits in its bundled thread (dist/workers/), whose packages resolve from the consumer's
    // node_modules and whose rule links still find the installed docs/rules.md.
    writeFileSync(join(consumer, 'report.html'), readFileSync(join(root, 'fixtures/html/standard-2021.html')));
    const run = spawnSync(process.execPath, [bin, '--format', 'json', 'report.html'], { cwd: consumer, encoding: 'utf8', env });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const audited = JSON.parse(run.stdout) as { reports: { format: string; facts: Record<string, unknown>; findings: { url?: string }[] }[] };
    assert.is(audited.reports[0]!.format, 'html');
    assert.ok(Object.keys(audited.reports[0]!.facts).length > 0, 'the HTML reader (a chunk of the bundle) read the tables');
    for (const f of audited.reports[0]!.findings) assert.match(f.url ?? '', /docs\/rules\.md#/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
