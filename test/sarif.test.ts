import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator, type Schema } from '@cfworker/json-schema';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { main } from '../src/cli.js';
import { sarifReporter } from '../src/report/index.js';
import { fingerprint } from '../src/report/sarif.js';
import { collector, sampleReport } from './_report-fixtures.js';

// The SARIF 2.1.0 JSON schema as Microsoft ships it (@microsoft/jest-sarif lib/schemas/sarif-2.1.0-rtm.5.json), vendored.
const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as Schema;
const validator = new Validator(schema, '4', false);
const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

function assertValid(log: unknown): void {
  const result = validator.validate(log);
  if (!result.valid) assert.unreachable(`SARIF invalid:\n${result.errors.slice(0, 8).map((e) => `${e.instanceLocation} ${e.error}`).join('\n')}`);
}

const sink = () => ({ write: () => true }) as unknown as NodeJS.WritableStream;

test('the schema catches a broken log (the validator is live)', () => {
  assert.not.ok(validator.validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ message: 1 }] }] }).valid);
});

test('synthetic report → valid SARIF with kind, level, page/cell locations, logical locations, fingerprints', () => {
  const out = collector();
  const r = sarifReporter(out.write, { version: '9.9.9' });
  r.start();
  r.report(sampleReport());
  r.finish([{ ruleId: 'batch/duplicate', severity: 'warning', kind: 'review', message: '重复', source: { file: '/abs/报告.txt' } }]);
  const log = JSON.parse(out.text());
  assertValid(log);
  const run = log.runs[0];
  assert.is(run.tool.driver.version, '9.9.9');
  const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
  assert.ok(ids.includes('cross-year/carry-over') && ids.includes('file/timeout'));
  assert.equal(ids, [...ids].sort(), 'rules sorted by id');
  const [balance, empty, review, dup] = run.results;
  assert.is(balance.kind, 'fail');
  assert.is(balance.level, 'error');
  assert.is(empty.level, 'warning');
  assert.is(review.kind, 'review');
  assert.is(review.level, 'none', 'SARIF: a non-fail result has level none');
  assert.is(review.properties.severity, 'info');
  const loc = balance.locations[0];
  assert.equal(loc.physicalLocation.region, { startLine: 42, startColumn: 20 });
  assert.equal(loc.properties, { table: 2, row: 4, col: 9 });
  assert.equal(loc.logicalLocations.map((l: { name: string }) => l.name), ['t3.new_received.total', 't3.carried_over.total']);
  assert.is(balance.relatedLocations.length, 2);
  assert.equal(review.locations[0].properties, { page: 3 });
  assert.is(loc.physicalLocation.artifactLocation.uri, 'reports/2024-%E6%9F%90%E5%B1%80%2C%20%22%E6%B5%8B%E8%AF%95%22.txt');
  assert.is(dup.locations[0].physicalLocation.artifactLocation.uri, 'file:///abs/%E6%8A%A5%E5%91%8A.txt');
  assert.is(balance.partialFingerprints['xxgkAudit/v1'], fingerprint(sampleReport().findings[0]!));
  // The fingerprint follows the cells, not the line: moving the finding keeps it.
  const moved = { ...sampleReport().findings[0]!, source: { file: sampleReport().file, line: 99 } };
  assert.is(fingerprint(moved), fingerprint(sampleReport().findings[0]!));
});

test('the whole corpus: valid SARIF, and two runs give byte-identical SARIF and JSON', async () => {
  if (!existsSync(corpus)) {
    console.log('  (skipped: ../shared/corpus not found)');
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-sarif-'));
  try {
    const runOnce = async (n: number) => {
      const code = await main([corpus, '--format', 'sarif,json', '--output', `${dir}/${n}.sarif,${dir}/${n}.json`, '--jobs', '2', '--quiet'],
        { stdout: sink(), stderr: sink(), cwd: dir });
      assert.ok(code === 0 || code === 1, `exit code ${code}`);
      return [await readFile(`${dir}/${n}.sarif`, 'utf8'), await readFile(`${dir}/${n}.json`, 'utf8')] as const;
    };
    const [sarif1, json1] = await runOnce(1);
    const [sarif2, json2] = await runOnce(2);
    const log = JSON.parse(sarif1);
    assertValid(log);
    const reports = JSON.parse(json1).reports;
    const files = readdirSync(corpus).filter((f) => /\.(html|pdf|md|txt)$/.test(f) && !/^README/i.test(f));
    assert.is(reports.length, files.length, 'every corpus report audited');
    assert.is(sarif1, sarif2, 'SARIF byte-identical');
    assert.is(json1, json2, 'JSON byte-identical');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
