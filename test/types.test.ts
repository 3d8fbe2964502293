import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

test('types: misspelt fact keys, rule ids and severities do not compile (test/types/strict-types.ts)', () => {
  // Every `// @ts-expect-error` line there must be an error and every other line must compile.
  const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc'); // bin/ is not in its exports map
  const result = spawnSync(process.execPath, [tsc, '-p', 'test/types', '--noEmit'], { cwd: root, encoding: 'utf8' });
  assert.is(result.status, 0, `tsc failed:\n${result.stdout}${result.stderr}`);
});

test.run();
