// npm run fuzz [-- options]: see docs/fuzz.md.
//   --long              10,000 inputs per format (default: 250 per format)
//   --count <n>         inputs per format
//   --format <list>     text,html,markdown,pdf (default all)
//   --seed <n|random>   run seed (default 20261207); printed, so any run can be repeated
//   --jobs <n>          worker threads (default 2)
//   --time-limit <s>    per-audit limit (default 20)
//   --audits <1|2>      audits per input (default 2; 1 with --long: compare two runs' digests instead)
//   --replay <format:seed,...>  rerun exactly these inputs (seeds from a failure line)
//   --failures <file>   append each failure as one JSON line (default fuzz-failures.ndjson with --long)
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { failed, figuresLine, fuzz, type Failure, type Figures } from './harness.js';
import { FUZZ_FORMATS, type FuzzFormat } from './inputs.js';

const { values } = parseArgs({
  options: {
    long: { type: 'boolean' },
    count: { type: 'string' },
    format: { type: 'string' },
    seed: { type: 'string' },
    jobs: { type: 'string' },
    'time-limit': { type: 'string' },
    audits: { type: 'string' },
    replay: { type: 'string' },
    failures: { type: 'string' },
  },
});

const seed = values.seed === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed ?? 20261207);
const count = Number(values.count ?? (values.long ? 10_000 : 250));
const jobs = Number(values.jobs ?? 2);
const timeLimitMs = Number(values['time-limit'] ?? 20) * 1000;
const audits = Number(values.audits ?? (values.long ? 1 : 2));
if (audits !== 1 && audits !== 2) { console.error('--audits must be 1 or 2'); process.exit(2); }
const failuresFile = values.failures ?? (values.long ? 'fuzz-failures.ndjson' : undefined);
const replay = new Map<FuzzFormat, number[]>();
for (const item of values.replay?.split(',').filter(Boolean) ?? []) {
  const [format, s] = item.split(':') as [FuzzFormat, string];
  replay.set(format, [...(replay.get(format) ?? []), Number(s)]);
}
const formats = replay.size ? [...replay.keys()] : (values.format?.split(',') as FuzzFormat[] | undefined) ?? [...FUZZ_FORMATS];
for (const f of formats) if (!FUZZ_FORMATS.includes(f)) { console.error(`unknown format ${f}`); process.exit(2); }

console.log(`fuzz: seed ${seed}, ${replay.size ? 'replay' : `${count} inputs per format`}, ${jobs} threads, ${timeLimitMs / 1000} s per audit, ${audits} audit${audits === 1 ? '' : 's'} per input`);
const all: Figures[] = [];
let failureCount = 0;
for (const format of formats) {
  const every = Math.max(1, Math.round(count / 20));
  const { figures } = await fuzz({
    format, seed, count, seeds: replay.get(format), jobs, timeLimitMs, audits: audits as 1 | 2,
    onProgress: (done, f) => { if (done % every === 0) process.stderr.write(`  ${format} ${done}/${replay.get(format)?.length ?? count}  (${f.seconds} s, failures ${failed(f)})\n`); },
    onFailure: (failure: Failure) => {
      failureCount++;
      console.log(`FAIL ${failure.verdict} --replay ${failure.format}:${failure.seed}  ${failure.name} (${failure.size} bytes): ${failure.description}\n     ${failure.detail.split('\n').slice(0, 4).join('\n     ')}`);
      if (failuresFile) appendFileSync(failuresFile, `${JSON.stringify(failure)}\n`);
    },
  });
  all.push(figures);
  console.log(figuresLine(figures));
}
const total = all.reduce((t, f) => ({ ...t, inputs: t.inputs + f.inputs, failed: t.failed + failed(f) }), { inputs: 0, failed: 0 });
console.log(`total: ${total.inputs} inputs, ${total.failed} failures (seed ${seed})`);
process.exit(failureCount ? 1 : 0);
