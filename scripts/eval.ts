/**
 * `npm run eval`: every corpus report with a truth file (../shared/corpus/truth/*.json) audited
 * in-process, and judged with the reviewed mapping the corpus acceptance test uses
 * (test/corpus-truth.ts). Per rule: true positives, false positives (error and warning level),
 * hand-found inconsistencies reported / missed; precision and recall; a per-file table; a summary
 * block at the end (its last lines are what a hook tailing the output sees). Definitions: docs/eval.md.
 *
 * Exit code 1 when a finding at error level is a false positive, or a truth entry is unmapped.
 *   --list        also print every false positive and every miss with its message
 *   --budget <s>  stop starting new audits after this many seconds since start (default 26; 0 = no
 *                 limit), so the summary is printed in time for a hook run under `timeout 35` even on
 *                 a loaded machine; reports left out are named in the summary, and the result is INCOMPLETE
 */
import { performance } from 'node:perf_hooks';
import { audit, type Finding } from '../src/index.js';
import { HAVE_CORPUS, CORPUS, aboutUncertainCell, corpusFiles, explained, extraTrue, judge, readTruth, type HandEntry } from '../test/corpus-truth.js';

const list = process.argv.includes('--list');
const budgetArg = process.argv.indexOf('--budget');
const budget = 1000 * (budgetArg > 0 ? Number(process.argv[budgetArg + 1]) : 26);
const started = performance.now();

if (!HAVE_CORPUS) {
  console.log(`eval: no corpus with truth at ${CORPUS}; nothing measured`);
  process.exit(0);
}

type Level = 'error' | 'warning';
interface RuleTally {
  tp: Record<Level, number>;
  fp: Record<Level, number>;
  /** Failing findings about a cell the truth's reader was unsure of: neither right nor wrong. */
  uncertain: number;
  reported: number;
  missed: number;
  blocked: number;
}
interface FileRow {
  name: string;
  tp: Record<Level, number>;
  fp: Record<Level, number>;
  mapped: number;
  reported: number;
  missed: number;
  other: number;
}

const tallies = new Map<string, RuleTally>();
const tally = (rule: string): RuleTally => {
  let t = tallies.get(rule);
  if (!t) tallies.set(rule, (t = { tp: { error: 0, warning: 0 }, fp: { error: 0, warning: 0 }, uncertain: 0, reported: 0, missed: 0, blocked: 0 }));
  return t;
};
const rows: FileRow[] = [];
const falsePositives: { name: string; level: Level; f: Finding }[] = [];
const misses: { name: string; h: HandEntry }[] = [];
const unmapped: string[] = [];
const handStatus = new Map<HandEntry['status'], number>();

const leftOut: string[] = [];
// The slow ones (PDFs) first: what is still to do when the budget runs out is quick, so the last audit
// started ends well before a hook's timeout. The tables are printed in file order all the same.
const order = corpusFiles().sort((a, b) => Number(b.endsWith('.pdf')) - Number(a.endsWith('.pdf')) || a.localeCompare(b));
for (const name of order) {
  if (budget > 0 && performance.now() > budget) {
    leftOut.push(name);
    continue;
  }
  const truth = readTruth(name);
  const report = await audit({ path: `${CORPUS}${name}` });
  const j = judge(name, truth, report);
  const row: FileRow = { name, tp: { error: 0, warning: 0 }, fp: { error: 0, warning: 0 }, mapped: 0, reported: 0, missed: 0, other: 0 };
  for (const f of report.findings) {
    if (f.kind !== 'fail' || f.severity === 'info') continue;
    const level = f.severity;
    const t = tally(f.ruleId);
    if (explained(j, f) || extraTrue(name, f)) {
      t.tp[level]++;
      row.tp[level]++;
    } else if (aboutUncertainCell(j, f)) t.uncertain++;
    else {
      t.fp[level]++;
      row.fp[level]++;
      falsePositives.push({ name, level, f });
    }
  }
  for (const h of j.hand) {
    handStatus.set(h.status, (handStatus.get(h.status) ?? 0) + 1);
    if (h.status === 'unmapped') unmapped.push(`${name}: ${h.text.slice(0, 100)}`);
    // Batch, no-rule and unmapped entries name no per-report rule; a tolerated one is a typo the audit must read past.
    if (!h.rule || h.status === 'tolerated') continue;
    row.mapped++;
    const t = tally(h.rule);
    if (h.status === 'reported') {
      t.reported++;
      row.reported++;
    } else if (h.status === 'blocked') {
      t.blocked++;
      row.other++;
    } else {
      t.missed++;
      row.missed++;
      misses.push({ name, h });
    }
  }
  rows.push(row);
}

rows.sort((a, b) => a.name.localeCompare(b.name));
const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');
const pad = (s: string | number, n: number): string => String(s).padEnd(n);
const lpad = (s: string | number, n: number): string => String(s).padStart(n);

// Per rule
const ruleIds = [...tallies.keys()].sort();
console.log('Per rule (findings of kind fail; TP/FP at error and at warning level; hand-found entries mapped to the rule)');
console.log(`${pad('rule', 26)}${lpad('TP err', 7)}${lpad('FP err', 7)}${lpad('TP warn', 8)}${lpad('FP warn', 8)}${lpad('precision', 10)}${lpad('found', 7)}${lpad('missed', 7)}${lpad('blocked', 8)}${lpad('recall', 8)}`);
for (const id of ruleIds) {
  const t = tallies.get(id)!;
  const tp = t.tp.error + t.tp.warning;
  const fp = t.fp.error + t.fp.warning;
  const hand = t.reported + t.missed + t.blocked;
  console.log(
    `${pad(id, 26)}${lpad(t.tp.error, 7)}${lpad(t.fp.error, 7)}${lpad(t.tp.warning, 8)}${lpad(t.fp.warning, 8)}${lpad(pct(tp, tp + fp), 10)}` +
      `${lpad(t.reported, 7)}${lpad(t.missed, 7)}${lpad(t.blocked, 8)}${lpad(pct(t.reported, hand), 8)}`,
  );
}

// Per file
console.log('\nPer file (TP/FP = error+warning findings; hand = entries mapped to a rule: found/missed)');
console.log(`${pad('file', 40)}${lpad('TP err', 7)}${lpad('FP err', 7)}${lpad('TP warn', 8)}${lpad('FP warn', 8)}${lpad('hand', 6)}${lpad('found', 7)}${lpad('missed', 7)}`);
for (const r of rows) {
  console.log(`${pad(r.name, 40)}${lpad(r.tp.error, 7)}${lpad(r.fp.error, 7)}${lpad(r.tp.warning, 8)}${lpad(r.fp.warning, 8)}${lpad(r.mapped, 6)}${lpad(r.reported, 7)}${lpad(r.missed, 7)}`);
}

if (list) {
  console.log('\nFalse positives');
  for (const { name, level, f } of falsePositives) console.log(`  ${name} ${f.ruleId} (${level}): ${f.message.slice(0, 200)}`);
  console.log('Misses');
  for (const { name, h } of misses) console.log(`  ${name} ${h.rule}: ${h.text.slice(0, 160)}`);
}

// Summary: the last lines are the ones a hook tailing the output sees.
const sum = (pick: (t: RuleTally) => number): number => [...tallies.values()].reduce((a, t) => a + pick(t), 0);
const tpE = sum((t) => t.tp.error), fpE = sum((t) => t.fp.error), tpW = sum((t) => t.tp.warning), fpW = sum((t) => t.fp.warning);
const found = sum((t) => t.reported), missedAll = sum((t) => t.missed), blocked = sum((t) => t.blocked);
const byRule = (list: { f?: Finding; rule?: string }[]): string => {
  const counts = new Map<string, number>();
  for (const x of list) counts.set(x.f?.ruleId ?? x.rule!, (counts.get(x.f?.ruleId ?? x.rule!) ?? 0) + 1);
  return [...counts].map(([r, n]) => `${r} ${n}`).join(', ') || 'none';
};
const short = (s: string, n = 150): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const fpErrors = falsePositives.filter((x) => x.level === 'error');
console.log('');
console.log(`== eval summary: ${rows.length} reports, ${((performance.now() - started) / 1000).toFixed(1)} s (definitions: docs/eval.md) ==`);
console.log(`errors:   TP ${tpE}, FP ${fpE} (precision ${pct(tpE, tpE + fpE)})`);
console.log(`warnings: TP ${tpW}, FP ${fpW} (precision ${pct(tpW, tpW + fpW)})`);
console.log(
  `hand-found entries: ${[...handStatus.values()].reduce((a, b) => a + b, 0)}; mapped to a rule ${found + missedAll + blocked}: ` +
    `found ${found}, missed ${missedAll}, blocked by unreadable cells ${blocked} (recall ${pct(found, found + missedAll + blocked)}); ` +
    `no rule ${handStatus.get('none') ?? 0}, batch ${handStatus.get('batch') ?? 0}, tolerated ${handStatus.get('tolerated') ?? 0}`,
);
console.log(`recall by rule: ${ruleIds.filter((id) => { const t = tallies.get(id)!; return t.reported + t.missed + t.blocked > 0; }).map((id) => { const t = tallies.get(id)!; return `${id} ${t.reported}/${t.reported + t.missed + t.blocked}`; }).join(', ')}`);
console.log(`FP at error level by rule: ${byRule(fpErrors)}`);
for (const { name, f } of fpErrors.slice(0, 4)) console.log(`  ${short(`${name} ${f.ruleId}: ${f.message}`)}`);
console.log(`FP at warning level by rule: ${byRule(falsePositives.filter((x) => x.level === 'warning'))}`);
console.log(`misses by rule: ${byRule(misses.map((m) => ({ rule: m.h.rule! })))}`);
for (const { name, h } of misses.slice(0, 3)) console.log(`  ${short(`${name} ${h.rule}: ${h.text}`)}`);
if (unmapped.length) console.log(`UNMAPPED truth entries ${unmapped.length}: ${short(unmapped.join(' | '), 300)}`);
if (leftOut.length) console.log(`INCOMPLETE: ${leftOut.length} report(s) not audited within the ${budget / 1000} s budget (--budget 0 for none): ${short(leftOut.join(', '), 200)}`);
const pass = fpE === 0 && unmapped.length === 0;
console.log(`RESULT: ${!pass ? 'FAIL' : leftOut.length ? 'INCOMPLETE' : 'PASS'} — ${fpE} false positive(s) at error level, ${fpW} at warning level, ${missedAll} miss(es)`);
process.exitCode = !pass ? 1 : leftOut.length ? 2 : 0;
