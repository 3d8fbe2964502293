import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AuditError, audit } from '../src/index.js';

const SEED = fileURLToPath(new URL('../../shared/seed/000_e36d8efc2cd8dd97.txt', import.meta.url));
const have = existsSync(SEED);
const seedTest = have ? test : test.skip;
if (!have) console.log(`note: ${SEED} missing; seed tests skipped`);

seedTest('the seed: six sections, template, meta', async () => {
  const report = await audit({ path: SEED });
  assert.is(report.format, 'text');
  assert.is(report.template, '2021');
  assert.equal(report.sections.map((s) => [s.id, s.number, s.present, s.empty]), [
    ['overview', '一', true, false],
    ['proactive', '二', true, true],
    ['requests', '三', true, true],
    ['review_litigation', '四', true, true],
    ['problems', '五', true, false],
    ['other', '六', true, false],
  ]);
  assert.is(report.sections[2]!.source!.line, 2);
  assert.is(report.meta.agency, '茂名市茂南区财政局');
  assert.is(report.meta.year, 2022);
  assert.is(report.meta.signedOn, '2023-01-16');
  assert.equal(report.meta.period, { from: '2022-01-01', to: '2022-12-31' });
  assert.is(report.meta.notice, '国办公开办函〔2021〕30号');
});

seedTest('the seed: exactly the expected findings', async () => {
  const report = await audit({ path: SEED });
  const shown = report.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId).sort();
  assert.equal(shown, ['prose/breakdown-sum', 'section/order', 'table/missing', 'table/missing', 'table/missing']);
  const sum = report.findings.find((f) => f.ruleId === 'prose/breakdown-sum')!;
  assert.is(sum.severity, 'error');
  assert.is(sum.actual, 81);
  assert.is(sum.expected, 91);
  assert.match(sum.message, '81');
  assert.match(sum.message, '91');
  assert.is(sum.related!.length, 9);
  assert.ok(sum.related!.every((r) => r.source.line === 7));
  for (const part of ['信息公开指南1条', '工作动态信息42条', '重点领域信息17条']) assert.match(sum.message, part);
  assert.is(sum.source.line, 7);
  const order = report.findings.find((f) => f.ruleId === 'section/order')!;
  assert.match(order.message, '三、四、五');
  assert.not.ok(report.findings.some((f) => f.ruleId === 'meta/late'));
});

seedTest('the seed saved as GBK gives the same JSON as UTF-8, apart from file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-gbk-'));
  try {
    const text = readFileSync(SEED, 'utf8');
    writeFileSync(join(dir, 'utf8.txt'), text, 'utf8');
    writeFileSync(join(dir, 'gbk.txt'), iconv.encode(text, 'gbk'));
    const a = await audit({ path: join(dir, 'utf8.txt') });
    const b = await audit({ path: join(dir, 'gbk.txt') });
    const strip = (r: unknown): string => JSON.stringify(r).replaceAll(join(dir, 'utf8.txt'), 'F').replaceAll(join(dir, 'gbk.txt'), 'F');
    assert.is(strip(b), strip(a));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad input: empty file, binary junk, missing path give a clear AuditError', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-bad-'));
  try {
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'junk.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)));
    const cases: [string, string][] = [['empty.txt', 'empty'], ['junk.txt', 'binary'], ['missing.txt', 'not-found']];
    for (const [name, code] of cases) {
      try {
        await audit({ path: join(dir, name) });
        assert.unreachable(`${name} should fail`);
      } catch (error) {
        assert.instance(error, AuditError);
        assert.is((error as AuditError).code, code);
        assert.not.match((error as Error).message, '\n');
        assert.match((error as Error).message, name);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
