/**
 * Every HTML and Markdown report of the corpus that has truth: the facts we read from its tables
 * against the hand-checked truth, cell by cell. Prints per-file accuracy.
 * (Crawler .txt files are helper F's text-runs test.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { extract } from '../src/extract/index.js';
import { ingest } from '../src/ingest/index.js';
import { segment } from '../src/segment/index.js';

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const have = existsSync(`${corpus}truth`);

/** Truth names that differ from the contract keys (2019 procurement); derived values are skipped. */
const RENAME: Record<string, string> = {
  't2.central_procurement.items': 't2.central_procurement.procurement_items',
  't2.central_procurement.amount': 't2.central_procurement.procurement_amount',
};
const SKIP = /\.(amount_yuan|raw)$/u;

interface Truth {
  facts?: Record<string, number | string | null>;
  uncertain?: { cell?: string }[];
}

async function compare(name: string) {
  const truth = JSON.parse(readFileSync(`${corpus}truth/${name}.json`, 'utf8')) as Truth;
  const tree = await ingest({ path: `${corpus}${name}` });
  const { facts } = extract(tree, segment(tree));
  let right = 0;
  const wrong: string[] = [];
  const absent: string[] = [];
  for (const [key, want] of Object.entries(truth.facts ?? {})) {
    if (SKIP.test(key)) continue;
    const fact = facts[RENAME[key] ?? key];
    if (!fact) {
      absent.push(key);
      continue;
    }
    // A string in the truth is the cell as written (e.g. '251000元'); a number or null is the value.
    const got = typeof want === 'string' ? fact.raw : fact.value;
    if (got === want) right++;
    else wrong.push(`${key}: truth ${JSON.stringify(want)}, read ${JSON.stringify(fact.raw)} (${fact.kind})`);
  }
  const total = right + wrong.length + absent.length;
  console.log(`  ${name}: ${right}/${total} cells right (${((100 * right) / Math.max(total, 1)).toFixed(1)} %), ${wrong.length} wrong, ${absent.length} not read`);
  for (const w of wrong) console.log(`    wrong ${w}`);
  return { right, wrong, absent, total };
}

const files = have ? readdirSync(corpus).filter((f) => /\.(html|md)$/u.test(f) && existsSync(`${corpus}truth/${f}.json`)) : [];

if (!have) {
  test('corpus facts (skipped: ../shared/corpus not found)', () => {
    console.log('  note: ../shared/corpus is missing; corpus facts test skipped');
  });
}

for (const name of files.filter((f) => f.endsWith('.html'))) {
  test(`HTML ${name}: every table cell equals the truth`, async () => {
    const { right, wrong, absent, total } = await compare(name);
    assert.equal(wrong, []);
    assert.equal(absent, []);
    assert.is(right, total);
  });
}

for (const name of files.filter((f) => f.endsWith('.md'))) {
  // A third-party PDF→Markdown conversion: labels lost, cells emptied. We may fail to read a cell,
  // and a cell the conversion emptied stays blank (the truth's reader inferred some of those, see its
  // `uncertain`), but we never read a different number.
  test(`Markdown ${name}: no cell read as a different number`, async () => {
    const { wrong } = await compare(name);
    assert.equal(wrong.filter((w) => !w.endsWith('(blank)')), []);
  });
}

test.run();
