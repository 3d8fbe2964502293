import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runRules } from '../src/rules/index.js';
import { t4Rules } from '../src/rules/t4.js';
import { docOf, fixtureTables, rootOf } from './tables-grid.js';

const header = fixtureTables('t4.txt')[0]!.split('\n').slice(0, -1).join('\n');
const t4 = (data: string) => rootOf([{ table: `${header}\n${data}` }]);

test('t4/block-sum: consistent blocks pass', () => {
  assert.equal(runRules(docOf(t4('1|1|0|0|2|4|0|0|1|5|1|0|1|0|2')), {}, t4Rules), []);
});

test('t4/block-sum: a 总计 of 0 over non-zero parts is an error listing the cells', () => {
  const findings = runRules(docOf(t4('0|1|0|0|0|4|0|0|1|5|0|0|0|0|0')), {}, t4Rules);
  assert.is(findings.length, 1);
  assert.is(findings[0]!.severity, 'error');
  assert.is(findings[0]!.message, '表四 行政复议：结果维持 0 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 1，但总计 0');
  assert.is(findings[0]!.cells!.length, 5);
});

test('t4/block-sum: blank parts → info, blank total → not run', () => {
  const findings = runRules(docOf(t4('5|||2|7|8|||1|9|||||')), {}, t4Rules);
  assert.equal(findings.map((f) => f.severity), ['info', 'info']);
});

test.run();
