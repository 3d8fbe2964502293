import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '@cfworker/json-schema';
import Database from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli.js';
import type { Finding, Report } from '../src/model.js';
import { openStore, SCHEMA_VERSION } from '../src/store/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = join(root, '../shared/corpus');
const haveCorpus = existsSync(corpus);
const c = (name: string): string => join(corpus, name);

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

interface Envelope { reports: Report[]; crossFindings: Finding[]; absentFindings?: Finding[] }
async function json(args: string[]): Promise<{ code: number; out: Envelope; stderr: string }> {
  const r = await run([...args, '--format', 'json']);
  return { code: r.code, out: JSON.parse(r.stdout) as Envelope, stderr: r.stderr };
}

const strip = (f: Finding): Finding => { const { fingerprint, baselineState, review, ...rest } = f; void fingerprint; void baselineState; void review; return rest; };
const allFindings = (e: Envelope): Finding[] => [...e.reports.flatMap((r) => r.findings), ...e.crossFindings];

let tmp = '';
test.before(async () => { tmp = await mkdtemp(join(tmpdir(), 'xxgk-store-')); });
test.after(async () => { await rm(tmp, { recursive: true, force: true }); });

test('round trip: the stored run gives back exactly the JSON output (reports, facts, figures, findings, cross findings)', async () => {
  if (!haveCorpus) { console.log('  (note: ../shared/corpus missing; round trip skipped)'); return; }
  const db = join(tmp, 'roundtrip.db');
  const inputs = [c('2023-pingtan-1.html'), c('2024-pingtan-1.html'), c('2023-hongzequ-1.pdf'), c('2019-shanghaishi-bgt-1.html'), 'no/such/file.txt'];
  const { out } = await json(['--db', db, '-j', '1', ...inputs]);
  assert.ok(out.reports.every((r) => r.findings.every((f) => /^[0-9a-f]{32}$/.test(f.fingerprint ?? '') && f.baselineState === 'new')));
  const store = await openStore(db);
  try {
    const [latest] = await store.runs();
    assert.is(latest!.status, 'done');
    assert.is(latest!.reportCount, inputs.length);
    assert.equal(latest!.inputs, inputs);
    const stored = await store.runReports(latest!.id);
    assert.equal(stored.reports, out.reports, 'reports with facts, figures and findings as the JSON contract gives them');
    assert.equal(stored.crossFindings, out.crossFindings);
    assert.ok(stored.reports[0]!.facts['t2.normative_docs.in_force'], 'facts are there');
    assert.ok(stored.reports.some((r) => r.figures.length > 0), 'figures are there');
  } finally {
    await store.close();
  }
  // The same input again: a new run that refers to the same stored report.
  await json(['--db', db, '-j', '1', inputs[0]!]);
  const raw = new Database(db, { readonly: true });
  try {
    const count = (sql: string): number => Number((raw.prepare(sql).get() as { n: number }).n);
    assert.is(count("SELECT COUNT(*) AS n FROM reports WHERE file LIKE '%2023-pingtan-1.html'"), 1, 'one report row');
    assert.is(count("SELECT COUNT(*) AS n FROM run_reports rr JOIN reports r ON r.id = rr.report_id WHERE r.file LIKE '%2023-pingtan-1.html'"), 2, 'two runs refer to it');
    assert.is(count('SELECT COUNT(*) AS n FROM runs'), 2);
  } finally {
    raw.close();
  }
});

test('cross-year from the store: 2023 stored, then 2024 with --db alone gives the in-force finding exactly as both in one run', async () => {
  if (!haveCorpus) { console.log('  (note: ../shared/corpus missing; skipped)'); return; }
  const db = join(tmp, 'cross.db');
  const [y2023, y2024] = [c('2023-pingtan-1.html'), c('2024-pingtan-1.html')];
  const alone = (await json(['-j', '1', y2024])).out.crossFindings.filter((f) => f.ruleId === 'cross-year/in-force');
  assert.is(alone.length, 0, 'without the store nor --prior there is nothing to compare with');
  await json(['--db', db, '-j', '1', y2023]);
  const fromStore = (await json(['--db', db, '-j', '1', y2024])).out.crossFindings.filter((f) => f.ruleId === 'cross-year/in-force');
  const together = (await json(['-j', '1', y2023, y2024])).out.crossFindings.filter((f) => f.ruleId === 'cross-year/in-force');
  assert.is(together.length, 1);
  assert.match(together[0]!.message, /440.*470 \+ 本年制发件数 62 − 本年废止件数 33/);
  assert.equal(fromStore.map(strip), together, 'message, cells (last year\'s too), related: identical');
});

test('baseline: the corpus twice → all unchanged; one cell changed in a copy → that finding updated, the rest unchanged', async () => {
  if (!haveCorpus) { console.log('  (note: ../shared/corpus missing; skipped)'); return; }
  const db = join(tmp, 'baseline.db');
  const files = (await readdir(corpus)).filter((f) => /\.(html|pdf|md|txt)$/.test(f) && !/^README/i.test(f)).sort();
  const first = await json(['--db', db, '-j', '2', ...files.map(c)]);
  assert.ok(allFindings(first.out).length > 50);
  assert.ok(allFindings(first.out).every((f) => f.baselineState === 'new'), 'a first run: all new');
  const second = await json(['--db', db, '-j', '2', ...files.map(c)]);
  assert.equal([...new Set(allFindings(second.out).map((f) => f.baselineState))], ['unchanged']);
  assert.equal(second.out.absentFindings, []);
  assert.equal(allFindings(second.out).map((f) => f.fingerprint), allFindings(first.out).map((f) => f.fingerprint), 'same fingerprints');

  // 2025-pingtan-1.html in a temp folder with one cell of 表二 changed: 现行有效件数 546 → 547.
  const name = '2025-pingtan-1.html';
  const copyDir = join(tmp, 'copy');
  await rm(copyDir, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(copyDir));
  const html = await readFile(c(name), 'utf8');
  const cell = second.out.crossFindings.find((f) => f.ruleId === 'cross-year/in-force' && f.source.file.endsWith(name))!;
  assert.ok(cell, 'the report has an in-force finding on 546');
  const at = cell.source.offset!;
  const edited = html.slice(0, at) + html.slice(at).replace('546', '547');
  assert.is.not(edited, html);
  await writeFile(join(copyDir, name), edited);
  const third = await json(['--db', db, '-j', '2', ...files.map((f) => (f === name ? join(copyDir, name) : c(f)))]);
  const mine = allFindings(third.out).filter((f) => f.source.file.endsWith(`copy/${name}`));
  const rest = allFindings(third.out).filter((f) => !f.source.file.endsWith(`copy/${name}`));
  const inForce = mine.find((f) => f.ruleId === 'cross-year/in-force')!;
  assert.match(inForce.message, /547/);
  assert.ok(inForce.baselineState === 'updated' || inForce.baselineState === 'new', `in-force is ${inForce.baselineState}`);
  assert.is(inForce.baselineState, 'updated', 'same defect, same fingerprint, new numbers');
  assert.is(inForce.fingerprint, cell.fingerprint);
  assert.equal([...new Set(rest.map((f) => f.baselineState))], ['unchanged'], `every other report unchanged: ${JSON.stringify(rest.filter((f) => f.baselineState !== 'unchanged'))}`);
  assert.equal(third.out.absentFindings, []);

});

test('absent: a finding that is gone is listed as absent (JSON, SARIF)', async () => {
  const db = join(tmp, 'absent.db');
  const dir = join(tmp, 'absent');
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  const file = join(dir, 'report.txt');
  await copyFile(join(root, 'fixtures/batch/agency-a-2024.txt'), file);
  const good = await readFile(file, 'utf8');
  // Break a sentence's total so prose/breakdown-sum or a table rule fires, then mend it.
  await writeFile(file, `${good}\n`);
  await json(['--db', db, '-j', '1', file]);
  const bad = await readFile(join(root, 'fixtures/store/sum-error-2024.txt'), 'utf8');
  await writeFile(file, bad);
  const withDefect = await json(['--db', db, '-j', '1', file]);
  const fresh = allFindings(withDefect.out).filter((f) => f.baselineState === 'new');
  assert.ok(fresh.length > 0, 'the changed number makes a new finding');
  // The same defect again: not new, so --only-new shows nothing and the exit code ignores it.
  const plain = await json(['--db', db, '-j', '1', file]);
  assert.is(plain.code, 1, 'the error counts without --only-new');
  const onlyNew = await json(['--db', db, '-j', '1', '--only-new', file]);
  assert.equal(allFindings(onlyNew.out), [], '--only-new: nothing new');
  assert.is(onlyNew.code, 0);
  await writeFile(file, good);
  const mended = await json(['--db', db, '-j', '1', file]);
  assert.equal(mended.out.absentFindings!.map((f) => f.fingerprint).sort(), fresh.map((f) => f.fingerprint).sort());
  assert.ok(mended.out.absentFindings!.every((f) => f.baselineState === 'absent'));
});

test('review: dismiss one → suppressed in stylish, JSON and SARIF (schema-valid), not in the exit code; reset → back', async () => {
  const db = join(tmp, 'review.db');
  // A report whose only finding is an error: 88条 stated, 5 + 12 + 64 = 81 listed.
  const file = join(root, 'fixtures/store/sum-error-2024.txt');
  const first = await json(['--db', db, '-j', '1', file]);
  assert.is(first.code, 1, 'one error');
  const error = allFindings(first.out).find((f) => f.severity === 'error')!;
  assert.is(allFindings(first.out).filter((f) => f.severity === 'error').length, 1);

  const unknown = await run(['review', '--db', db, '--dismiss', 'deadbeefdeadbeef', '--reason', 'x']);
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /没有与指纹匹配的问题.*deadbeefdeadbeef/);
  const noReason = await run(['review', '--db', db, '--dismiss', error.fingerprint!]);
  assert.is(noReason.code, 2);
  assert.match(noReason.stderr, /--reason/);

  const dismissed = await run(['review', '--db', db, '--dismiss', error.fingerprint!.slice(0, 10), '--reason', '分项另有说明，合计无误', '--by', '张三']);
  assert.is(dismissed.code, 0, dismissed.stderr);
  const listed = await run(['review', '--db', db, '--list', '--state', 'dismissed']);
  assert.match(listed.stdout, new RegExp(`${error.fingerprint}  已忽略`));
  assert.match(listed.stdout, /分项另有说明/);
  assert.match(listed.stdout, /共 1 个问题/);
  const unreviewed = await run(['review', '--db', db, '--list', '--state', 'new']);
  assert.not.match(unreviewed.stdout, new RegExp(error.fingerprint!));

  const again = await json(['--db', db, '-j', '1', file]);
  assert.is(again.code, 0, 'a dismissed error does not count in the exit code');
  const same = allFindings(again.out).find((f) => f.fingerprint === error.fingerprint)!;
  assert.is(same.review?.state, 'dismissed');
  assert.is(same.review?.reason, '分项另有说明，合计无误');
  assert.is(same.review?.by, '张三');
  const stylish = await run(['--db', db, '-j', '1', file]);
  assert.not.match(stylish.stdout, /prose\/breakdown-sum/, 'hidden in stylish');
  assert.match(stylish.stdout, /另有 1 个已忽略/);
  assert.is(stylish.code, 0);
  const shown = await run(['--db', db, '-j', '1', '--show-suppressed', file]);
  assert.match(shown.stdout, /prose\/breakdown-sum.*\[已忽略：分项另有说明，合计无误\]/);
  assert.is(shown.code, 0);
  const sarifRun = await run(['--db', db, '-j', '1', '--format', 'sarif', file]);
  const sarif = JSON.parse(sarifRun.stdout);
  const schema = JSON.parse(await readFile(join(root, 'fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));
  const verdict = new Validator(schema, '7', false).validate(sarif);
  assert.ok(verdict.valid, JSON.stringify(verdict.errors.slice(0, 3)));
  const result = sarif.runs[0].results.find((r: { fingerprints?: Record<string, string> }) => r.fingerprints?.['xxgkAudit/store/v1'] === error.fingerprint);
  assert.equal(result.suppressions, [{ kind: 'external', status: 'accepted', justification: '分项另有说明，合计无误', properties: { reviewer: '张三', reviewedAt: same.review!.at } }]);
  assert.is(result.baselineState, 'unchanged');

  const reset = await run(['review', '--db', db, '--reset', error.fingerprint!]);
  assert.is(reset.code, 0);
  const back = await json(['--db', db, '-j', '1', file]);
  assert.is(back.code, 1, 'counted again');
  assert.is(allFindings(back.out).find((f) => f.fingerprint === error.fingerprint)!.review, undefined);
  const store = await openStore(db);
  try {
    assert.equal((await store.reviewHistory(error.fingerprint!)).map((e) => [e.state, e.by]), [['dismissed', '张三'], ['reset', null]].map(([s, b]) => [s, b ?? (process.env.XXGK_AUDIT_REVIEWER ?? (() => { try { return require('node:os').userInfo().username; } catch { return null; } })())]));
  } catch {
    // The reviewer of a reset is the user name of whoever runs the test: check the states only.
    assert.equal((await store.reviewHistory(error.fingerprint!)).map((e) => e.state), ['dismissed', 'reset']);
  } finally {
    await store.close();
  }
});

test('bad stores: not a database, a newer schema, a locked database → one line, exit 2, nothing written', async () => {
  const input = join(root, 'fixtures/batch/agency-a-2024.txt');
  const notDb = join(tmp, 'not-a-db.db');
  const text = '这不是数据库\n'.repeat(200);
  await writeFile(notDb, text);
  const a = await run(['--db', notDb, input]);
  assert.is(a.code, 2);
  assert.equal(a.stderr.trim().split('\n'), [`xxgk-audit: 审核库 (store) ${notDb}: 不是数据库文件 (not a database)`]);
  assert.is(a.stdout, '', 'no report written');
  assert.is(await readFile(notDb, 'utf8'), text, 'the file is untouched');

  const newer = join(tmp, 'newer.db');
  await json(['--db', newer, '-j', '1', input]);
  const raw = new Database(newer);
  raw.prepare('UPDATE xxgk_schema SET version = ?').run(SCHEMA_VERSION + 1);
  const runsBefore = Number((raw.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n);
  raw.close();
  const b = await run(['--db', newer, input]);
  assert.is(b.code, 2);
  assert.match(b.stderr, /^xxgk-audit: 审核库 \(store\) .*数据库结构版本 2 比本工具支持的 1 新，请升级 xxgk-audit/);
  assert.is(b.stderr.trim().split('\n').length, 1);
  const check = new Database(newer, { readonly: true });
  assert.is(Number((check.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n), runsBefore, 'no run added');
  check.close();

  const locked = join(tmp, 'locked.db');
  await json(['--db', locked, '-j', '1', input]);
  const holder = new Database(locked);
  holder.exec('BEGIN EXCLUSIVE');
  try {
    const started = Date.now();
    const d = await run(['--db', locked, input]);
    assert.is(d.code, 2);
    assert.match(d.stderr, /^xxgk-audit: 审核库 \(store\) .*数据库被另一个进程锁定 \(database is locked by another process\)\n$/);
    assert.ok(Date.now() - started < 30_000);
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
  const after = new Database(locked, { readonly: true });
  assert.equal((after.prepare('SELECT status FROM runs ORDER BY id').all() as { status: string }[]).map((r) => r.status), ['done'], 'no half-written run');
  after.close();

  const review = await run(['review', '--db', join(tmp, 'missing.db'), '--list']);
  assert.is(review.code, 2);
  assert.match(review.stderr, /无法打开/);
  assert.ok(!existsSync(join(tmp, 'missing.db')), 'review does not create a store');
});

test('store options: --only-new and --show-suppressed need --db; a URL password never reaches the runs table', async () => {
  const r = await run(['--only-new', join(root, 'fixtures/batch/agency-a-2024.txt')]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /需要 --db/);
  const db = join(tmp, 'redact.db');
  const store = await openStore(db);
  try {
    const id = await store.beginRun({ toolVersion: 't', options: { prior: ['https://user:s3cret@example.gov.cn/a.html?token=abc'] }, inputs: ['https://user:s3cret@example.gov.cn/b.html'] });
    await store.finishRun(id, 'done');
    const [stored] = await store.runs();
    assert.not.match(JSON.stringify(stored), /s3cret|abc/);
    assert.match(JSON.stringify(stored), /user:\*\*\*@example\.gov\.cn/);
  } finally {
    await store.close();
  }
});

test.run();
