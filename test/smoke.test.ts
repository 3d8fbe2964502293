import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit, AuditError } from '../src/index.js';
import { readInput, readInputSync } from '../src/ingest/index.js';

test('audit() returns the JSON contract shape for a string', async () => {
  const report = await audit('2022年度政府信息公开工作年度报告\n一、总体情况\n发布信息81条。');
  assert.is(report.file, '<input>');
  assert.is(report.format, 'text');
  assert.ok(Array.isArray(report.findings));
});

test('an empty input is an AuditError, not a crash', async () => {
  try {
    await audit(new Uint8Array());
    assert.unreachable('should throw');
  } catch (error) {
    assert.instance(error, AuditError);
    assert.is((error as AuditError).code, 'empty');
  }
});

test('readInputSync (the batch workers\' reader) reads and refuses exactly as readInput does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-read-'));
  try {
    const file = join(dir, 'a.txt');
    writeFileSync(file, '一、总体情况');
    const outcome = async (read: () => unknown) => {
      try {
        const { bytes } = (await read()) as { bytes: Uint8Array };
        return Buffer.from(bytes).toString('utf8');
      } catch (error) {
        return `${(error as AuditError).code}: ${(error as Error).message}`;
      }
    };
    const cases: [string, { maxBytes?: number }][] = [[file, {}], [join(dir, 'missing.txt'), {}], [dir, {}], [file, { maxBytes: 4 }]];
    const seen = [];
    for (const [path, options] of cases) {
      const sync = await outcome(() => readInputSync({ path }, options));
      assert.is(sync, await outcome(() => readInput({ path }, options)), path);
      seen.push(sync.split(':')[0]);
    }
    assert.equal(seen, ['一、总体情况', 'not-found', 'unreadable', 'too-large']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
