// The store's queries for the workbench (listReports sorts and filters, storedReport, last year's
// report, years, recorded files) on SQLite and, when XXGK_AUDIT_TEST_PG_URL is set, PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Finding, Report } from '../src/model.js';
import { openStore } from '../src/store/index.js';
import type { AuditStore } from '../src/store/store.js';

const baseUrl = process.env.XXGK_AUDIT_TEST_PG_URL;
let serial = 0;

function report(file: string, agency: string, year: number, publishedOn: string, findings: Partial<Finding>[]): Report {
  return {
    file, format: 'text', template: '2021',
    meta: { title: `${agency}${year}年政府信息公开工作年度报告`, agency, year, period: null, signedOn: null, publishedOn } as unknown as Report['meta'],
    sections: [],
    facts: {
      't3.carried_over.total': { value: 2, raw: '2', kind: 'number', source: { file, table: 2, row: 5, col: 9 } },
      't3.carried_forward.total': { value: 3, raw: '3', kind: 'number', source: { file, table: 2, row: 30, col: 9 } },
    } as Report['facts'],
    figures: [],
    findings: findings.map((f, i) => ({
      ruleId: 't3/balance', severity: 'error', kind: 'fail', message: `第${i}个问题`, source: { file, line: i + 1 },
      fingerprint: (++serial).toString(16).padStart(32, '0'), baselineState: 'new', ...f,
    })) as Finding[],
  };
}

async function fill(store: AuditStore): Promise<void> {
  const runId = await store.beginRun({ toolVersion: 't', options: {}, inputs: [] });
  const entries = [
    report('a-2023.txt', '甲县人民政府', 2023, '2024-03-01', [{}, { severity: 'warning', ruleId: 't4/block-sum', message: '表四 合计不符' }]),
    report('a-2024.txt', '甲县人民政府', 2024, '2025-01-20', [{ severity: 'info', ruleId: 'meta/late' }]),
    report('b-2024.txt', '乙市交通运输局', 2024, '2025-02-10', [{}, {}, {}]),
  ].map((r, pos) => ({ pos, report: r, sha256: `h${pos}`, failed: false }));
  const ids = await store.addReports(runId, 't', entries);
  await store.finishRun(runId, 'done', [], ids);
}

async function checks(store: AuditStore): Promise<void> {
  await fill(store);
  const all = await store.listReports({ sort: 'publishedOn', order: 'desc' });
  assert.equal(all.rows.map((r) => r.file), ['b-2024.txt', 'a-2024.txt', 'a-2023.txt'], 'sorted by publication date');
  assert.equal((await store.listReports({ sort: 'errors', order: 'desc' })).rows.map((r) => r.errors), [3, 1, 0]);
  assert.equal((await store.listReports({ rule: 't4/block-sum' })).rows.map((r) => r.file), ['a-2023.txt']);
  assert.equal((await store.listReports({ text: '合计' })).rows.map((r) => r.file), ['a-2023.txt']);
  assert.is((await store.listReports({ baseline: 'new' })).total, 3);
  assert.equal((await store.listReports({ agency: '乙市', limit: 1 })).total, 1);
  const page = await store.listReports({ sort: 'file', limit: 2, offset: 2 });
  assert.equal([page.total, page.rows.map((r) => r.file)], [3, ['b-2024.txt']]);
  assert.equal(await store.reportYears(), [2024, 2023]);
  const a24 = all.rows.find((r) => r.file === 'a-2024.txt')!;
  const stored = await store.storedReport(a24.reportId);
  assert.is(stored?.report.meta.agency, '甲县人民政府');
  assert.is(stored?.report.facts['t3.carried_over.total']?.raw, '2');
  assert.is(stored?.report.findings.length, 1);
  assert.is(stored?.agencyKey !== null && stored?.year, 2024);
  const prior = await store.reportOfAgencyYear(stored!.agencyKey!, 2023);
  assert.is(prior, all.rows.find((r) => r.file === 'a-2023.txt')!.reportId);
  assert.is(await store.reportOfAgencyYear(stored!.agencyKey!, 2020), null);
  assert.is(await store.storedReport(999999), null);
  assert.is(await store.isStoredFile('a-2024.txt'), true);
  assert.is(await store.isStoredFile('/etc/passwd'), false);
  // A dismissal moves the counts.
  const fp = stored!.report.findings[0]!.fingerprint!;
  await store.setReview([fp], 'dismissed', '理由', '张三');
  const after = (await store.listReports({ agency: 'a-2024' })).rows[0]!;
  assert.equal([after.infos, after.dismissed, after.unreviewed], [0, 1, 0]);
  assert.is((await store.reviewOf(fp))?.reason, '理由');
  assert.is((await store.listReports({ state: 'dismissed' })).total, 1);
}

test('workbench queries on SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-q-'));
  const store = await openStore(join(dir, 's.sqlite'));
  try { await checks(store); } finally { await store.close(); rmSync(dir, { recursive: true, force: true }); }
});

test('workbench queries on PostgreSQL', async () => {
  if (!baseUrl) { console.log('  (skipped: XXGK_AUDIT_TEST_PG_URL is not set; .ci/run starts a PostgreSQL server)'); return; }
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const name = `xxgk_q_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  const store = await openStore(u.href);
  try { await checks(store); } finally {
    await store.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  }
});

test.run();
