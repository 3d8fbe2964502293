// The store on a real PostgreSQL server: .ci/run starts one on loopback (scripts/pg-test-server.sh)
// and sets XXGK_AUDIT_TEST_PG_URL; without it these tests skip with a note.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli.js';
import type { Finding, Report } from '../src/model.js';
import { openStore } from '../src/store/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = join(root, '../shared/corpus');
const baseUrl = process.env.XXGK_AUDIT_TEST_PG_URL;
let url = '';
let dbName = '';
let tmp = '';

function capture(): { stream: NodeJS.WritableStream; text: () => string } {
  let out = '';
  return { stream: { write: (chunk: string) => { out += chunk; return true; } } as unknown as NodeJS.WritableStream, text: () => out };
}
async function run(args: string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, cwd: root, env: {} });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
type Envelope = { reports: Report[]; crossFindings: Finding[]; absentFindings?: Finding[] };
const strip = (f: Finding): Finding => { const { fingerprint, baselineState, review, ...rest } = f; void fingerprint; void baselineState; void review; return rest; };

/** A fresh database per test file, dropped at the end. */
test.before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'xxgk-pg-'));
  if (!baseUrl) return;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  dbName = `xxgk_t_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${dbName}`;
  url = u.href;
});
test.after(async () => {
  await rm(tmp, { recursive: true, force: true });
  if (!baseUrl || !dbName) return;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
});

const skip = (): boolean => {
  if (baseUrl) return false;
  console.log('  (note: XXGK_AUDIT_TEST_PG_URL not set — no PostgreSQL server; the PostgreSQL store tests are skipped. .ci/run starts one.)');
  return true;
};

test('PostgreSQL: round trip, cross-year from the store, baseline, review — the same as SQLite', async () => {
  if (skip()) return;
  if (!existsSync(corpus)) { console.log('  (note: ../shared/corpus missing; skipped)'); return; }
  const [y2023, y2024] = [join(corpus, '2023-pingtan-1.html'), join(corpus, '2024-pingtan-1.html')];
  await run(['--db', url, '-j', '1', y2023]);
  const first = await run(['--db', url, '-j', '1', '--format', 'json', y2024]);
  const out = JSON.parse(first.stdout) as Envelope;
  const together = JSON.parse((await run(['-j', '1', '--format', 'json', y2023, y2024])).stdout) as Envelope;
  const inForce = (e: Envelope) => e.crossFindings.filter((f) => f.ruleId === 'cross-year/in-force');
  assert.is(inForce(out).length, 1);
  assert.equal(inForce(out).map(strip), inForce(together));

  const store = await openStore(url);
  try {
    const [latest] = await store.runs();
    const stored = await store.runReports(latest!.id);
    assert.equal(stored.reports, out.reports, 'facts, figures, findings round-trip through PostgreSQL');
    assert.equal(stored.crossFindings, out.crossFindings);
    const page = await store.listFindings({ rule: 'cross-year/in-force', limit: 10 });
    assert.is(page.total, 1);
    const reports = await store.listReports({ year: 2024, limit: 10 });
    assert.is(reports.total, 1);
    assert.is(reports.rows[0]!.warnings, 1);
  } finally {
    await store.close();
  }

  const again = JSON.parse((await run(['--db', url, '-j', '1', '--format', 'json', y2024])).stdout) as Envelope;
  const all = [...again.reports.flatMap((r) => r.findings), ...again.crossFindings];
  assert.equal([...new Set(all.map((f) => f.baselineState))], ['unchanged']);
  const fp = inForce(again)[0]!.fingerprint!;
  assert.is((await run(['review', '--db', url, '--dismiss', fp, '--reason', '文件清理失效', '--by', '李四'])).code, 0);
  const suppressed = JSON.parse((await run(['--db', url, '-j', '1', '--format', 'json', y2024])).stdout) as Envelope;
  assert.equal(inForce(suppressed)[0]!.review, { ...inForce(suppressed)[0]!.review!, state: 'dismissed', reason: '文件清理失效', by: '李四' });
  const missing = await run(['review', '--db', url, '--confirm', 'abcdef0123456789']);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /没有与指纹匹配的问题/);
});

test('PostgreSQL: two batches at once into one store lose and duplicate no runs', async () => {
  if (skip()) return;
  // Two separate processes, each auditing the same inputs plus its own, at the same time.
  const dir = join(tmp, 'concurrent');
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  const base = await readFile(join(root, 'fixtures/batch/agency-a-2024.txt'), 'utf8');
  const shared: string[] = [];
  for (let i = 0; i < 12; i++) {
    const file = join(dir, `shared-${i}.txt`);
    await writeFile(file, base.replace('81条', `${81 + i}条`));
    shared.push(file);
  }
  const own = async (tag: string): Promise<string[]> => {
    const files: string[] = [];
    for (let i = 0; i < 6; i++) {
      const file = join(dir, `${tag}-${i}.txt`);
      await writeFile(file, base.replace('测试局', `${tag}测试局`));
      files.push(file);
    }
    return files;
  };
  const inputsA = [...shared, ...(await own('甲'))];
  const inputsB = [...(await own('乙')), ...shared];
  const spawnRun = (inputs: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin.ts', '--db', url, '-j', '1', '--format', 'json', ...inputs], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => { stdout += c; });
      child.stderr.on('data', (c) => { stderr += c; });
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  const store = await openStore(url);
  try {
    const before = (await store.runs()).length;
    const [a, b] = await Promise.all([spawnRun(inputsA), spawnRun(inputsB)]);
    assert.ok(a.code === 0 || a.code === 1, a.stderr);
    assert.ok(b.code === 0 || b.code === 1, b.stderr);
    const runs = (await store.runs()).slice(0, (await store.runs()).length - before);
    assert.is(runs.length, 2, 'two new runs, no more, no fewer');
    assert.equal(runs.map((r) => r.status), ['done', 'done']);
    assert.equal(runs.map((r) => r.reportCount).sort(), [18, 18]);
    for (const [runOut, inputs] of [[a, inputsA], [b, inputsB]] as const) {
      const e = JSON.parse(runOut.stdout) as Envelope;
      const runId = runs.find((r) => r.inputs.join() === inputs.join())!.id;
      const stored = await store.runReports(runId);
      assert.equal(stored.reports.map((r) => r.file), inputs, 'every report of the run, in order');
      assert.equal(stored.reports, e.reports, 'as the run printed them');
    }
    // The 12 shared inputs are stored once each, referred to by both runs.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const dupes = await client.query("SELECT file, COUNT(*) AS n FROM reports WHERE file LIKE '%/concurrent/%' GROUP BY file, sha256, tool_version HAVING COUNT(*) > 1");
      assert.is(dupes.rowCount, 0, 'no report stored twice');
      const count = await client.query("SELECT COUNT(*) AS n FROM reports WHERE file LIKE '%/concurrent/shared-%'");
      assert.is(Number(count.rows[0].n), 12);
    } finally {
      await client.end();
    }
  } finally {
    await store.close();
  }
});

test('PostgreSQL down or refusing the login: one line, exit 2, nothing written', async () => {
  if (skip()) return;
  const input = join(root, 'fixtures/batch/agency-a-2024.txt');
  const wrong = new URL(url);
  wrong.password = 'not-the-password';
  const refused = await run(['--db', wrong.href, input]);
  assert.is(refused.code, 2);
  assert.match(refused.stderr, /^xxgk-audit: 审核库 \(store\) postgres:\/\/xxgk:\*\*\*@.*数据库拒绝登录 \(login refused\)/);
  assert.not.match(refused.stderr, /not-the-password/, 'the password is never printed');
  assert.is(refused.stderr.trim().split('\n').length, 1);
  assert.is(refused.stdout, '');
  const down = new URL(url);
  down.port = '1';
  const noServer = await run(['--db', down.href, input]);
  assert.is(noServer.code, 2);
  assert.match(noServer.stderr, /服务器未运行或拒绝连接/);
  assert.is(noServer.stderr.trim().split('\n').length, 1);
});

test.run();
