// Issue 10 acceptance: 200 audit() calls in one process leave the heap where it was after the warm-up (an
// embedding server must not feel a leak). Real reports from ../shared/corpus by path, html/md/txt in turn and a
// few PDFs, in one child `node --expose-gc --import tsx test/_heap-child.ts`; then distinct large documents.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const MAX_GROWTH_MB = 20;

test('200 audits in one process: heap used after them is within 20 MB of the level after the warm-up', () => {
  if (!existsSync(corpus)) {
    console.log('  (skipped: ../shared/corpus not found)');
    return;
  }
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/_heap-child.ts', corpus], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.is(r.status, 0, r.stderr);
  const { audits, before, after, formats, figures } = JSON.parse(r.stdout.trim().split('\n').pop()!);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(`  heap: ${mb(before)} MB after 20 warm-up audits, ${mb(after)} MB after 200 more (${mb(after - before)} MB growth; ${JSON.stringify(formats)})`);
  assert.is(audits, 220);
  for (const f of ['html', 'markdown', 'text', 'pdf']) assert.ok((formats[f] ?? 0) > 0, `no ${f} report audited: ${JSON.stringify(formats)}`);
  assert.ok(figures > 0, 'the audits read no figures');
  assert.ok(after - before < MAX_GROWTH_MB * 1024 * 1024, `heap grew ${mb(after - before)} MB over 200 audits (limit ${MAX_GROWTH_MB} MB)`);
});

// Found by the long fuzz run: the table reader's memo caches were keyed by cell texts, V8 views into their
// document, so every cached cell kept a whole document alive (45 documents of 500,000 characters: +41 MB).
const DISTINCT_GROWTH_MB = 10;
test('40 distinct large documents in one process: heap after them is within 10 MB of the level after the warm-up', () => {
  const report = `${corpus}2024-shkewei-1.md`;
  if (!existsSync(report)) {
    console.log('  (skipped: ../shared/corpus not found)');
    return;
  }
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/_heap-distinct-child.ts', report, '40'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  assert.is(r.status, 0, r.stderr);
  const { audits, before, after, facts, chars } = JSON.parse(r.stdout.trim().split('\n').pop()!);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(`  heap: ${mb(before)} MB after 5 warm-up audits, ${mb(after)} MB after 40 more documents of ${chars} characters (${mb(after - before)} MB growth)`);
  assert.is(audits, 45);
  assert.ok(facts >= 45 * 100, `the audits read too few facts: ${facts}`);
  assert.ok(after - before < DISTINCT_GROWTH_MB * 1024 * 1024, `heap grew ${mb(after - before)} MB over 40 distinct documents (limit ${DISTINCT_GROWTH_MB} MB)`);
});

test.run();
