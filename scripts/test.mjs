// Runs the uvu suites under tsx and ends with the `N passed, N failed` line CI reads
// (uvu's own summary has no "Failed:" line, and none at all after an import error).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const uvuBin = join(dirname(require.resolve('uvu')), '..', 'bin.js'); // 'uvu/bin.js' is not in uvu's exports map
const userArgs = process.argv.slice(2);
const args = ['--import', 'tsx', uvuBin, ...(userArgs.length ? userArgs : ['test']), '.*\\.test\\.ts$'];
const child = spawn(process.execPath, args, {
  env: { ...process.env, NO_COLOR: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
child.stdout.on('data', (chunk) => {
  out += chunk;
  process.stdout.write(chunk);
});
child.on('close', (code) => {
  const last = (key) => {
    const all = [...out.matchAll(new RegExp(`^\\s*${key}:\\s+(\\d+)`, 'gm'))];
    return all.length ? Number(all.at(-1)[1]) : null;
  };
  const total = last('Total');
  const passed = last('Passed');
  const skipped = last('Skipped') ?? 0;
  if (total === null || passed === null) {
    console.log('0 passed, 1 failed');
    process.exit(code || 1);
  }
  console.log(`${passed} passed, ${total - passed} failed, ${skipped} skipped`);
  process.exit(code ?? 1);
});
