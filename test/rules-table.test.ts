import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runRules } from '../src/rules/index.js';
import { tableRules } from '../src/rules/table.js';
import { t3Rules } from '../src/rules/t3.js';
import { docOf, fixtureTables, rootOf } from './tables-grid.js';

const t3 = fixtureTables('t3-2021.txt')[0]!;
const t2 = fixtureTables('t2-2021.txt')[0]!;
const t4 = fixtureTables('t4.txt')[0]!;

test('table/missing: a 2021 report without table 二 and 四', () => {
  const findings = runRules(docOf(rootOf([{ table: t3 }]), '2021'), {}, tableRules).filter((f) => f.ruleId === 'table/missing');
  assert.is(findings.length, 2);
  assert.match(findings[0]!.message, /表二/);
  assert.match(findings[1]!.message, /表四/);
});

test('table/missing: not for pre-2019 reports, not when all are there', () => {
  assert.equal(runRules(docOf(rootOf([{ table: t3 }]), 'pre2019'), {}, tableRules), []);
  assert.equal(runRules(docOf(rootOf([{ table: t2 }, { table: t3 }, { table: t4 }]), '2021'), {}, tableRules), []);
});

test('table/total-omitted: one warning for the blank 总计 column, and the identities on it are not run', () => {
  const blanked = t3.split('\n').map((line) => (/\|（[一二]）/u.test(line) || /^\^\|\^\|[1-8]\./u.test(line) ? line.replace(/\|[^|]*$/u, '|') : line)).join('\n');
  const doc = docOf(rootOf([{ table: t2 }, { table: blanked }, { table: t4 }]), '2021');
  const findings = runRules(doc, {}, [...tableRules, ...t3Rules]);
  const omitted = findings.filter((f) => f.ruleId === 'table/total-omitted');
  assert.is(omitted.length, 1);
  assert.match(omitted[0]!.message, /总计列有 \d+ 行留空/);
  assert.match(omitted[0]!.message, /（一）予以公开（各列合计 22）/);
  assert.not.ok(findings.some((f) => f.severity === 'error'), JSON.stringify(findings.map((f) => f.message)));
});

test('table/cell-invalid: negative, fractional, text; 元 in the 万元 column', () => {
  const bad = t3.replace('|80|1|', '|-80|1.5|').replace('四、结转下年度继续办理|<|<|2', '四、结转下年度继续办理|<|<|见说明');
  const badT2 = t2.replace('5949.088667', '251000元');
  const findings = runRules(docOf(rootOf([{ table: badT2 }, { table: bad }, { table: t4 }])), {}, tableRules).filter((f) => f.ruleId === 'table/cell-invalid');
  const messages = findings.map((f) => f.message).join('\n');
  assert.match(messages, /负数 -80/);
  assert.match(messages, /小数 1.5/);
  assert.match(messages, /应为数字，实为“见说明”/);
  assert.match(messages, /万元/);
});

test('table/unreadable: an image table is a review finding', () => {
  const root = rootOf([{ table: t2 }, { table: t3 }, { table: t4 }, { table: 'x' }]);
  const node = root.children[3]!;
  if (node.type === 'table') node.data.image = true;
  const findings = runRules(docOf(root), {}, tableRules);
  assert.is(findings.length, 1);
  assert.is(findings[0]!.ruleId, 'table/unreadable');
  assert.is(findings[0]!.kind, 'review');
});

test.run();
