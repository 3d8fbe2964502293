import { readFile } from 'node:fs/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseConfig } from '../src/config-schema.js';
import type { Finding } from '../src/model.js';
import { scoreFindings, type Scorecard } from '../src/report/scorecard.js';

const finding = (ruleId: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId, severity: 'error', kind: 'fail', message: `${ruleId} ${Math.random()}`, source: { file: 'a.txt' }, ...extra,
});
const card: Scorecard = {
  name: '测试方案', base: 100, cap: 10,
  deductions: { 'meta/late': { points: 1, per: 'report' }, 'cross-year/copied-text': 0.5, 'section/missing': 5, 't3/*': 2, 't3/balance': 3 },
};

test('points per finding, once per report, family wildcard, the specific entry first', () => {
  const score = scoreFindings(card, [finding('meta/late'), finding('meta/late'), finding('cross-year/copied-text'), finding('t3/results-sum'), finding('t3/balance'), finding('prose/breakdown-sum')]);
  assert.equal(score.lines, [
    { ruleId: 'cross-year/copied-text', findings: 1, points: 0.5 },
    { ruleId: 'meta/late', findings: 2, points: 1 },
    { ruleId: 't3/balance', findings: 1, points: 3 },
    { ruleId: 't3/results-sum', findings: 1, points: 2 },
  ]);
  assert.is(score.deducted, 6.5);
  assert.is(score.score, 93.5);
  assert.is(score.capped, false);
});

test('the cap per agency; dismissed findings and the same fingerprint twice take nothing more off', () => {
  const many = [finding('section/missing'), finding('section/missing'), finding('section/missing')];
  const capped = scoreFindings(card, many);
  assert.is(capped.deducted, 10);
  assert.is(capped.score, 90);
  assert.ok(capped.capped);
  const dismissed = finding('section/missing', { review: { state: 'dismissed', reason: '误报', by: null, at: '2026-01-01T00:00:00Z' } });
  assert.is(scoreFindings(card, [dismissed]).deducted, 0);
  const twins = [finding('section/missing', { fingerprint: 'f1', source: { file: 'a.html' } }), finding('section/missing', { fingerprint: 'f1', source: { file: 'a.txt' } })];
  assert.is(scoreFindings(card, twins).deducted, 5, 'one defect in the HTML and text copies counts once');
});

test('the example packs in docs/ are valid config files; a bad pack is refused', async () => {
  for (const name of ['scorecard-example-a.json', 'scorecard-example-b.json']) {
    const config = parseConfig(JSON.parse(await readFile(new URL(`../docs/${name}`, import.meta.url), 'utf8')), name);
    assert.ok(config.scorecard!.name.includes('示例'), `${name} says it is an example`);
  }
  assert.throws(() => parseConfig({ scorecard: { name: 'x', cap: 5, deductions: { 'meta/late': -1 } } }), /invalid config/);
  assert.throws(() => parseConfig({ scorecard: { name: 'x', deductions: {} } }), /cap/);
});

test.run();
