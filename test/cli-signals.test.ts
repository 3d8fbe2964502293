// Signals and the launcher (issue 10.6): SIGINT, SIGTERM and SIGHUP mid-batch leave every output
// complete or marked as interrupted, with exit 130 / 143 / 129; kill -9 of the launcher does not
// leave the real command running.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = fileURLToPath(new URL('..', import.meta.url));
// A real PDF (~0.1–0.3 s each): the run is still going when the signal comes, however fast the machine.
const pdf = join(root, '../shared/corpus/2024-hongzequ-1.pdf');
const COUNT = 400;

let tmp = '';
let list = '';
test.before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'xxgk-signals-'));
  list = join(tmp, 'many.txt');
  await writeFile(list, `${Array.from({ length: COUNT }, () => pdf).join('\n')}\n`);
});
test.after(async () => { await rm(tmp, { recursive: true, force: true }); });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the run's temporary ndjson file (it appears under its real name only at the end) holds `lines` reports. */
async function reportsComing(dir: string, lines = 3): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    const temp = (await readdir(dir).catch(() => [] as string[])).find((f) => /^\.xxgk-audit\.ndjson\..*\.tmp$/.test(f));
    if (temp && (await readFile(join(dir, temp), 'utf8').catch(() => '')).split('\n').length > lines) return;
    await sleep(100);
  }
  throw new Error('no reports after 60 s');
}

function exitOf(child: ReturnType<typeof spawn>): Promise<number | null | string> {
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return Promise.race([exited, sleep(30_000).then(() => 'still running after 30 s')]);
}

for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129], ['SIGINT', 130]] as const) {
  test(`${signal} mid-batch through the launcher: exit ${code}; json, ndjson, sarif, html valid and marked; csv set aside; no temporary file`, async () => {
    const dir = join(tmp, signal);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin.ts', '--list', list, '--jobs', '2', '--no-cross', '--format', 'json,ndjson,sarif,html,csv,xlsx', '--output-dir', dir],
      { cwd: root, detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr!.on('data', (chunk) => { stderr += chunk; });
    await reportsComing(dir);
    child.kill(signal);
    const status = await exitOf(child);
    if (typeof status === 'string') process.kill(-child.pid!, 'SIGKILL');
    assert.is(status, code, stderr);
    assert.match(stderr, new RegExp(`已中止 \\(interrupted: ${signal}\\)`));
    assert.not.match(stderr, /\n\s+at /);
    const files = (await readdir(dir)).sort();
    assert.equal(files, ['xxgk-audit.html', 'xxgk-audit.interrupted.csv', 'xxgk-audit.interrupted.xlsx', 'xxgk-audit.json', 'xxgk-audit.ndjson', 'xxgk-audit.sarif', 'xxgk-audit.summary.interrupted.csv'],
      'complete-looking names only for marked outputs; csv and xlsx beside them; no .tmp');
    const json = JSON.parse(await readFile(join(dir, 'xxgk-audit.json'), 'utf8'));
    assert.is(json.interrupted, true);
    assert.is(json.interruptedBy, signal);
    assert.ok(json.reports.length >= 3 && json.reports.length < COUNT, `stopped part-way (${json.reports.length})`);
    const lines = (await readFile(join(dir, 'xxgk-audit.ndjson'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.at(-1), { crossFindings: [], interrupted: true, interruptedBy: signal });
    assert.is(lines.length - 1, json.reports.length, 'the same reports in every output');
    const sarif = JSON.parse(await readFile(join(dir, 'xxgk-audit.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].invocations[0], { executionSuccessful: false, exitSignalName: signal });
    const html = await readFile(join(dir, 'xxgk-audit.html'), 'utf8');
    assert.match(html, /已中止，结果不完整/);
    assert.match(html, /<\/html>\s*$/);
  });
}

test('SIGTERM with json on stdout: the JSON is whole and says it was interrupted', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin.ts', '--list', list, '--jobs', '2', '--no-cross', '--format', 'ndjson,json', '--output', join(tmp, 'stdout-run/xxgk-audit.ndjson')],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout!.on('data', (chunk) => { stdout += chunk; });
  await reportsComing(join(tmp, 'stdout-run'));
  child.kill('SIGTERM');
  const status = await exitOf(child);
  if (typeof status === 'string') process.kill(-child.pid!, 'SIGKILL');
  assert.is(status, 143);
  const json = JSON.parse(stdout);
  assert.is(json.interrupted, true);
  assert.is(json.interruptedBy, 'SIGTERM');
});

test('kill -9 of the launcher: the real command notices, stops, and leaves its outputs marked', async () => {
  const dir = join(tmp, 'orphan');
  const launcher = spawn(process.execPath, ['--import', 'tsx', 'src/bin.ts', '--list', list, '--jobs', '2', '--no-cross', '--format', 'ndjson', '--output-dir', dir],
    { cwd: root, detached: true, stdio: 'ignore' });
  await reportsComing(dir);
  const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(launcher.pid)], { encoding: 'utf8' }).stdout.trim().split(/\s+/).filter(Boolean).map(Number);
  assert.is(children.length, 1, 'the launcher runs one child');
  const child = children[0]!;
  process.kill(launcher.pid!, 'SIGKILL');
  const alive = (): boolean => { try { process.kill(child, 0); return true; } catch { return false; } };
  for (let waited = 0; waited < 30_000 && alive(); waited += 100) await sleep(100);
  const orphan = alive();
  if (orphan) process.kill(child, 'SIGKILL');
  assert.not.ok(orphan, 'the child is gone within 30 s of its launcher');
  const last = JSON.parse((await readFile(join(dir, 'xxgk-audit.ndjson'), 'utf8')).trimEnd().split('\n').at(-1)!);
  assert.equal(last, { crossFindings: [], interrupted: true, interruptedBy: 'launcher-exit' });
});

test.run();
