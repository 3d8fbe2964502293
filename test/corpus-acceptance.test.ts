/**
 * Corpus-wide acceptance: every corpus file that has a truth file, audited end to end with `audit()`.
 *
 *  (a) every truth fact equals ours (value for numbers, null for blank, raw for string truths), or is
 *      absent AND a `table/unreadable` review finding names its row — never a different number;
 *      cells listed under the truth's `uncertain` are skipped;
 *  (b) every entry of `inconsistencies_found_by_hand` is reported by the rule the MAPPING (./corpus-truth.ts) names
 *      (cross-year ones are `batch`, out of scope here; `none` says no per-report rule covers it, and why);
 *      the failed identities of `identity_checks_computed` are expected from their rule too;
 *  (c) no error-level t3/*, t4/*, table/* finding on a file whose truth lists no table inconsistency,
 *      and no failing finding of the table and prose families that no truth entry explains;
 *  (d) one summary line per file.
 */
import { existsSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { audit } from '../src/index.js';
import { CORPUS, HAVE_CORPUS, MAPPING, corpusFiles, judge, readTruth, type Judgement } from './corpus-truth.js';

// The reviewed mapping of truth entries to rules, and the judging, live in ./corpus-truth.ts
// (shared with `npm run eval`).
const corpus = CORPUS;
const have = HAVE_CORPUS;

async function check(name: string): Promise<Judgement> {
  return judge(name, readTruth(name), await audit({ path: `${corpus}${name}` }));
}

const files = corpusFiles();

if (!have) {
  test('corpus acceptance (skipped: ../shared/corpus not found)', () => {
    console.log('  note: ../shared/corpus is missing; corpus acceptance test skipped');
  });
}

for (const name of files) {
  test(`acceptance ${name}`, async () => {
    const out = await check(name);
    console.log(`  ${out.summary}`);
    for (const line of [...out.factProblems, ...out.missed, ...out.unmapped, ...out.falseAlarms, ...out.consistentTableErrors]) {
      console.log(`    ${line}`);
    }
    assert.equal(out.unmapped, [], 'every truth entry is mapped');
    assert.equal(out.factProblems, [], '(a) facts equal the truth or are reported unreadable');
    assert.equal(out.missed, [], '(b) every inconsistency reported by its rule');
    assert.equal(out.consistentTableErrors, [], '(c) no table error on consistent tables');
    assert.equal(out.falseAlarms, [], '(c) no failing finding the truth does not explain');
  });
}

if (have) {
  test('the mapping names only files and entries that exist', () => {
    const stale: string[] = [];
    for (const row of MAPPING) {
      for (const file of row.files) {
        const path = `${corpus}truth/${file}.json`;
        if (!existsSync(path)) {
          stale.push(`${file}: no truth file`);
          continue;
        }
        const truth = readTruth(file);
        if (!(truth.inconsistencies_found_by_hand ?? []).some((e) => `${e.rule} ${e.detail}`.includes(row.entry))) stale.push(`${file}: ${row.entry}`);
      }
    }
    assert.equal(stale, []);
  });
}

test.run();
