// The results cache (--cache): a rerun over unchanged inputs audits nothing and says exactly the same;
// a changed file, option or version audits again; cross-report rules are computed anew every run;
// a damaged or foreign cache file is ignored with a note.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditMany, type AuditManyOptions } from '../src/index.js';
import type { CacheStats } from '../src/batch/cache.js';
import { main } from '../src/cli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cross = join(root, 'fixtures/cross');

let tmp = '';
let inputs: string[] = [];
test.before.each(() => {
  tmp = mkdtempSync(join(tmpdir(), 'xxgk-cache-'));
  mkdirSync(join(tmp, 'in'));
  // Two years of four agencies (cross-year rules), plus one report twice (batch/duplicate).
  for (const name of readdirSync(cross)) copyFileSync(join(cross, name), join(tmp, 'in', name));
  copyFileSync(join(cross, 'gov-2024.txt'), join(tmp, 'in', 'gov-2024-copy.txt'));
  inputs = readdirSync(join(tmp, 'in')).sort().map((n) => join(tmp, 'in', n));
});
test.after.each(() => { rmSync(tmp, { recursive: true, force: true }); });

async function run(options: AuditManyOptions & { toolVersion?: string } = {}, files = inputs) {
  const notes: string[] = [];
  let stats: CacheStats | null = null;
  const { toolVersion, ...rest } = options;
  const items = [];
  for await (const item of auditMany(files, {
    jobs: 1,
    cache: { file: join(tmp, 'cache'), toolVersion, note: (m) => notes.push(m), stats: (s) => { stats = s; } },
    ...rest,
  })) items.push(item);
  return { out: JSON.stringify(items), items, notes, stats: stats as CacheStats | null };
}

test('a second run over the same inputs audits nothing and yields the same reports and cross findings', async () => {
  const first = await run();
  assert.equal(first.stats, { hits: 0, misses: inputs.length, stored: inputs.length });
  assert.ok(existsSync(join(tmp, 'cache')));
  const second = await run();
  assert.equal(second.stats, { hits: inputs.length, misses: 0, stored: inputs.length });
  assert.is(second.out, first.out);
  assert.equal(second.notes, []);
  // The cross-report rules ran on the cached summaries: the duplicate and the cross-year findings are there.
  const crossFindings = (second.items.at(-1) as { type: 'cross'; findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
  assert.ok(crossFindings.includes('batch/duplicate'), crossFindings.join(','));
  assert.ok(crossFindings.some((id) => id.startsWith('cross-year/')), crossFindings.join(','));
});

test('a changed file is audited again, the others are not; the cross rules see the change', async () => {
  const first = await run();
  appendFileSync(join(tmp, 'in', 'gov-2024-copy.txt'), '\n附：本报告另有说明。\n');
  const second = await run();
  assert.equal(second.stats, { hits: inputs.length - 1, misses: 1, stored: inputs.length });
  assert.is.not(second.out, first.out);
  const duplicate = (second.items.at(-1) as { type: 'cross'; findings: { ruleId: string; message: string }[] }).findings.find((f) => f.ruleId === 'batch/duplicate');
  // No longer the same bytes, still the same agency, year and figures.
  assert.ok(duplicate && !duplicate.message.includes('内容完全相同'), duplicate?.message);
});

test('a changed rule setting, per-rule setting, agency type, limit or version audits everything again', async () => {
  await run();
  const changes: (AuditManyOptions & { toolVersion?: string })[] = [
    { rules: { 'section/order': 'off' } },
    { settings: { 'meta/late': { deadlines: { department: '02-28' } } } },
    { agencyType: 'government' },
    { maxBytes: 10_000_000 },
    { timeout: 30 },
    { toolVersion: '99.0.0' },
  ];
  for (const change of changes) {
    const again = await run(change);
    assert.equal(again.stats?.hits, 0, JSON.stringify(change));
    assert.equal(again.stats?.misses, inputs.length, JSON.stringify(change));
  }
  // Options written in another order are the same options.
  await run({ rules: { 'section/order': 'off', 'meta/late': 'info' } });
  const same = await run({ rules: { 'meta/late': 'info', 'section/order': 'off' } });
  assert.equal(same.stats?.hits, inputs.length);
});

test('a damaged cache is ignored with a note and rewritten; the results are the same', async () => {
  const first = await run();
  const bytes = readFileSync(join(tmp, 'cache'));
  for (const damaged of [bytes.subarray(0, Math.floor(bytes.length / 2)), Buffer.concat([bytes.subarray(0, 40), Buffer.from('垃圾'.repeat(50))]), Buffer.concat([bytes, Buffer.from('x')])]) {
    writeFileSync(join(tmp, 'cache'), damaged);
    const again = await run();
    assert.is(again.out, first.out);
    assert.is(again.notes.length, 1, again.notes.join('\n'));
    assert.match(again.notes[0]!, /缓存|cache/);
    const third = await run();
    assert.equal(third.stats?.hits, inputs.length, 'rewritten whole');
  }
});

test('a file that is not a cache is ignored with a note and never overwritten', async () => {
  writeFileSync(join(tmp, 'cache'), '{"my": "notes"}\n');
  const first = await run();
  assert.is(first.notes.length, 1);
  assert.match(first.notes[0]!, /不是 xxgk-audit 的缓存文件/);
  assert.is(readFileSync(join(tmp, 'cache'), 'utf8'), '{"my": "notes"}\n');
  assert.equal(first.stats?.misses, inputs.length);
});

test('inputs that could not be audited are not cached', async () => {
  writeFileSync(join(tmp, 'in', 'empty.txt'), '');
  const files = [...inputs, join(tmp, 'in', 'empty.txt')];
  await run({}, files);
  const again = await run({}, files);
  assert.equal(again.stats, { hits: inputs.length, misses: 1, stored: inputs.length });
});

function capture(): { stream: NodeJS.WritableStream; text: () => string } {
  let out = '';
  return { stream: { write: (chunk: string) => { out += chunk; return true; } } as unknown as NodeJS.WritableStream, text: () => out };
}

async function cli(args: string[]) {
  const stdout = capture();
  const stderr = capture();
  let stats: CacheStats | null = null;
  const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, cwd: tmp, env: {}, onCacheStats: (s) => { stats = s; } });
  return { code, stdout: stdout.text(), stderr: stderr.text(), stats: stats as CacheStats | null };
}

test('--cache: the default file .xxgk-audit-cache in the working folder; identical outputs on a rerun', async () => {
  const args = ['--cache', '-j', '1', '--format', 'json,sarif,csv', '--output-dir', 'out', 'in'];
  const first = await cli(args);
  assert.equal(first.stats, { hits: 0, misses: inputs.length, stored: inputs.length });
  assert.ok(existsSync(join(tmp, '.xxgk-audit-cache')));
  const outputs = () => readdirSync(join(tmp, 'out')).sort().map((f) => readFileSync(join(tmp, 'out', f), 'utf8'));
  const before = outputs();
  const second = await cli(args);
  assert.equal(second.stats, { hits: inputs.length, misses: 0, stored: inputs.length });
  assert.is(second.code, first.code);
  assert.equal(outputs(), before);
  // Stylish too, and a --rule change audits again.
  const stylish = await cli(['--cache', '-j', '1', 'in']);
  assert.equal(stylish.stats?.hits, inputs.length);
  const changed = await cli(['--cache', '-j', '1', '--rule', 'section/order=off', 'in']);
  assert.equal(changed.stats?.hits, 0);
});

test('--cache-location: a folder (existing, or ending in /) holds .xxgk-audit-cache_<hash>; a file is the file; without --cache nothing', async () => {
  mkdirSync(join(tmp, 'c'));
  await cli(['--cache', '--cache-location', 'c', '-j', '1', 'in']);
  assert.match(readdirSync(join(tmp, 'c')).join(','), /^\.xxgk-audit-cache_[0-9a-f]{12}$/);
  await cli(['--cache', '--cache-location', 'new/', '-j', '1', 'in']);
  assert.match(readdirSync(join(tmp, 'new')).join(','), /^\.xxgk-audit-cache_[0-9a-f]{12}$/);
  await cli(['--cache', '--cache-location', 'd/my.cache', '-j', '1', 'in']);
  assert.ok(existsSync(join(tmp, 'd/my.cache')));
  const none = await cli(['--cache-location', 'e.cache', '-j', '1', 'in']);
  assert.is(none.stats, null);
  assert.not.ok(existsSync(join(tmp, 'e.cache')));
});

test('--cache with an unusable location: a note on stderr, the run goes on and exits as without the cache', async () => {
  writeFileSync(join(tmp, 'plain.txt'), 'my own file\n');
  const foreign = await cli(['--cache', '--cache-location', 'plain.txt', '-j', '1', 'in/gov-2024.txt']);
  const plain = await cli(['-j', '1', 'in/gov-2024.txt']);
  assert.match(foreign.stderr, /不是 xxgk-audit 的缓存文件/);
  assert.is(foreign.code, plain.code);
  assert.is(foreign.stdout, plain.stdout);
  assert.is(readFileSync(join(tmp, 'plain.txt'), 'utf8'), 'my own file\n');
});

test.run();
