// The results cache (--cache): the command over 2,000 distinct inputs (the corpus repeated, each copy its own
// name: symlinks in a temp folder, so the first run really audits them all), first with an empty cache, then
// again with the warm one. Ratio = warm wall time / first-run wall time, in the same run; the outputs must match.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const corpus = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const files = readdirSync(corpus).filter((f) => /\.(html|pdf|md|txt)$/.test(f) && !/^README/i.test(f)).sort();
const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-cache-'));
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
try {
  const inputs = [];
  for (let i = 0; inputs.length < 2000; i++) {
    const f = files[i % files.length];
    const link = join(dir, `${String(i).padStart(4, '0')}-${f}`);
    symlinkSync(join(corpus, f), link);
    inputs.push(link);
  }
  const list = join(dir, 'list.txt');
  writeFileSync(list, `${inputs.join('\n')}\n`);
  const run = (name) => {
    const started = performance.now();
    try {
      execFileSync(process.execPath, [bin, '--cache', '--cache-location', join(dir, 'cache'), '--no-cross', '--list', list, '--format', 'json', '-o', join(dir, `${name}.json`)], { stdio: 'ignore' });
    } catch (error) {
      if (error.status !== 1) throw error; // 1: the corpus has errors to report
    }
    return (performance.now() - started) / 1000;
  };
  const cold = run('cold');
  const warm = run('warm');
  const same = readFileSync(join(dir, 'cold.json'), 'utf8') === readFileSync(join(dir, 'warm.json'), 'utf8');
  const cacheMB = readFileSync(join(dir, 'cache')).length / 1e6;
  console.log('| run | wall s |\n|---|---|');
  console.log(`| first run, empty cache | ${fmt(cold)} |`);
  console.log(`| rerun, warm cache | ${fmt(warm)} |`);
  console.log(`\ncache: warm rerun / first run = ${fmt(warm / cold, 3)} (${fmt(cold / warm, 1)}× faster); outputs identical: ${same ? 'yes' : 'NO'}; cache file ${fmt(cacheMB)} MB for ${inputs.length} inputs`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
