/**
 * The real PDF reports of the corpus (WPS exports), audited end to end: every table cell equals the
 * hand-checked truth, and the totals printed as 0 in 2023 are reported with their pages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit } from '../src/index.js';
import type { Report, Source } from '../src/model.js';

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const NAMES = ['2023-hongzequ-1.pdf', '2024-hongzequ-1.pdf'];
const have = NAMES.every((n) => existsSync(corpus + n) && existsSync(`${corpus}truth/${n}.json`));

const SKIP = /\.(amount_yuan|raw)$/u;
const reports = new Map<string, Promise<Report>>();
const reportOf = (name: string): Promise<Report> => {
  let r = reports.get(name);
  if (!r) reports.set(name, (r = audit({ path: corpus + name })));
  return r;
};

if (!have) {
  test('corpus PDFs (skipped: ../shared/corpus not found)', () => {
    console.log('  note: the corpus PDFs or their truth are missing; corpus PDF test skipped');
  });
}

for (const name of have ? NAMES : []) {
  test(`PDF ${name}: every table cell equals the truth, with its page`, async () => {
    const truth = JSON.parse(readFileSync(`${corpus}truth/${name}.json`, 'utf8')) as { facts: Record<string, number | string | null> };
    const { facts } = await reportOf(name);
    const wrong: string[] = [];
    let total = 0;
    for (const [key, want] of Object.entries(truth.facts)) {
      if (SKIP.test(key)) continue;
      total++;
      const fact = facts[key];
      const got = fact ? (typeof want === 'string' ? fact.raw : fact.value) : undefined;
      if (got !== want) wrong.push(`${key}: truth ${JSON.stringify(want)}, read ${JSON.stringify(fact?.raw ?? null)}`);
      else if (typeof fact!.source.page !== 'number') wrong.push(`${key}: no page`);
    }
    console.log(`  ${name}: ${total - wrong.length}/${total} cells right`);
    assert.ok(total >= 180, 'the truth has the three tables');
    assert.equal(wrong, []);
  });
}

test('PDF 2023-hongzequ-1.pdf: the two totals printed as 0 are t4/block-sum errors, with pages', async () => {
  if (!have) return;
  const { findings } = await reportOf('2023-hongzequ-1.pdf');
  const sums = findings.filter((f) => f.ruleId === 't4/block-sum');
  assert.is(sums.length, 2, sums.map((f) => f.message).join('\n'));
  assert.ok(sums.every((f) => f.severity === 'error'));
  assert.ok(sums.some((f) => f.message.includes('行政复议') && !f.message.includes('复议后起诉')), '行政复议');
  assert.ok(sums.some((f) => f.message.includes('复议后起诉')), '复议后起诉');
  for (const f of sums) {
    assert.is(f.expected !== undefined && f.actual !== undefined && f.expected !== f.actual, true);
    const sources: Source[] = [f.source, ...(f.cells ?? []).map((c) => c.source), ...(f.related ?? []).map((r) => r.source)];
    assert.ok(sources.length > 1, 'the cells of the sum are listed');
    for (const s of sources) assert.type(s.page, 'number', `${f.message}: every source has a page`);
  }
});

for (const name of have ? NAMES : []) {
  test(`PDF ${name}: every finding points at a page`, async () => {
    const { findings } = await reportOf(name);
    const pageless = findings.filter((f) => typeof f.source.page !== 'number').map((f) => `${f.ruleId}: ${f.message}`);
    assert.equal(pageless, []);
  });
}

test.run();
