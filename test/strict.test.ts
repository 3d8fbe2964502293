import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { batchRules } from '../src/batch/rules/index.js';
import { main } from '../src/cli.js';
import { knownFlags } from '../src/cli-options.js';
import { FACT_KEYS } from '../src/fact-keys.js';
import { audit, AuditError, auditMany, RULE_IDS, rules } from '../src/index.js';
import { TEMPLATES } from '../src/templates/index.js';
import { closest } from '../src/util/closest.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const seed = join(root, 'fixtures/batch/agency-a-2024.txt');

async function run(args: string[], cwd = root) {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) => ({ write: (c: string) => { add(String(c)); return true; } }) as unknown as NodeJS.WritableStream;
  const code = await main(args, { stdout: sink((s) => { stdout += s; }), stderr: sink((s) => { stderr += s; }), cwd, env: {} });
  return { code, stdout, stderr };
}

async function rejects(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, AuditError);
    assert.is((error as AuditError).code, 'options');
    assert.match((error as Error).message, pattern);
    return;
  }
  assert.unreachable(`no error (expected ${pattern})`);
}

test('RULE_IDS is every rule there is (per-report and batch), no more', () => {
  const ids = [...new Set([...rules, ...batchRules].map((r) => r.id))].sort();
  assert.equal([...RULE_IDS].sort(), ids);
});

test('FACT_KEYS is every key the 2021 and 2019 templates give, no more', () => {
  const keys = new Set<string>();
  for (const t of Object.values(TEMPLATES)) {
    for (const block of t.t2.blocks) for (const row of block.rows) for (const col of block.columns) keys.add(`t2.${row.key}.${col.key}`);
    for (const row of t.t3.rows) for (const col of t.t3.columns) keys.add(`t3.${row.key}.${col.key}`);
    for (const block of t.t4.blocks) for (const col of t.t4.columns) keys.add(`t4.${block.key}.${col.key}`);
  }
  assert.equal([...FACT_KEYS].sort(), [...keys].sort());
});

test('every fact a report gives has a FactKey', async () => {
  const known = new Set<string>(FACT_KEYS);
  for (const file of ['fixtures/acceptance/garbled-split.md', 'fixtures/acceptance/crawler-t2-unreadable.txt', 'fixtures/tables/t3-variants.txt']) {
    const report = await audit({ path: join(root, file) });
    assert.ok(Object.keys(report.facts).length > 50, file);
    assert.equal(Object.keys(report.facts).filter((k) => !known.has(k)), [], file);
  }
});

test('closest: typos find their word, unrelated words find none', () => {
  assert.is(closest('table/mising', RULE_IDS), 'table/missing');
  assert.is(closest('warn', ['error', 'warning', 'info', 'off']), 'warning');
  assert.is(closest('--formt', knownFlags()), '--format');
  assert.is(closest('completely-unrelated', RULE_IDS), undefined);
});

test('library: an unknown rule id or severity throws AuditError naming it and the closest known one', async () => {
  const text = 'x';
  // The example: accepted silently before, with a finding of severity 'warn'.
  await rejects(audit(text, { rules: { 'table/mising': 'off', 'section/order': 'warn' } } as never), /table\/mising.*table\/missing/);
  await rejects(audit(text, { rules: { 'section/order': 'warn' } } as never), /section\/order.*warn.*warning/);
  await rejects(audit(text, { rules: { 'section/order': 2 } } as never), /section\/order.*2/);
  await rejects(audit(text, { rules: 'all' } as never), /options\.rules/);
  const many = async () => { for await (const item of auditMany([seed], { jobs: 1, rules: { 't3/balanse': 'off' } } as never)) void item; };
  await rejects(many(), /t3\/balanse.*t3\/balance/);
  // Known ids and severities still work.
  const report = await audit({ path: seed }, { rules: { 'section/order': 'info', 'meta/late': 'off' } });
  assert.ok(report.findings.every((f) => f.ruleId !== 'meta/late'));
});

test('command: unknown rule id or severity in --rule → exit 2, one line naming it and the closest', async () => {
  let r = await run(['--rule', 'table/mising=off', seed]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /未知规则 \(unknown rule\): table\/mising.*did you mean table\/missing\?/);
  assert.is(r.stderr.trim().split('\n').length, 1);
  r = await run(['--rule', 'section/order=warn', seed]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /unknown severity\): warn.*did you mean warning\?/);
  assert.is(r.stdout, '');
});

test('command: unknown rule id or severity in the config file → exit 2 naming the file, the entry and the closest', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-strict-'));
  try {
    await writeFile(join(dir, 'xxgk-audit.config.json'), JSON.stringify({ rules: { 'table/mising': 'off', 'section/order': 'warn' } }));
    const r = await run([seed], dir);
    assert.is(r.code, 2);
    assert.match(r.stderr, /xxgk-audit\.config\.json/);
    assert.match(r.stderr, /table\/mising.*did you mean table\/missing\?/);
    assert.match(r.stderr, /section\/order.*warn.*did you mean warning\?/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('command: an unknown flag → exit 2 with the closest known flag', async () => {
  for (const [flag, near] of [['--formt', '--format'], ['--qiet', '--quiet'], ['--no-crss', '--no-cross'], ['--max-warning', '--max-warnings']] as const) {
    const r = await run([flag, 'json', seed]);
    assert.is(r.code, 2, flag);
    assert.match(r.stderr, new RegExp(`未知选项 \\(unknown option\\): ${flag}.*did you mean ${near}\\?`), flag);
  }
  const r = await run(['--frobnicate', seed]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /unknown option\): --frobnicate/);
  assert.not.match(r.stderr, /did you mean/);
  const f = await run(['--format', 'jsno', seed]);
  assert.is(f.code, 2);
  assert.match(f.stderr, /unknown format\): jsno.*did you mean json\?/);
});

test.run();
