import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit, AuditError } from '../src/index.js';

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

test.run();
