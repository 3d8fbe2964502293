// A clean build of dist/: the folder is removed first, so a module that was renamed or deleted in
// src/ never lingers in dist/ (and so never in the package). `npm run build`; also run on `npm ci`
// in a clone (the `prepare` script), never in a consumer's install (a tarball has no scripts/ folder).
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
// typescript's exports map hides bin/tsc: found beside its package.json.
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', root], { stdio: 'inherit', cwd: root });
// The command must be executable where it is built: `npx xxgk-audit` in a clone runs dist/bin.js itself
// (npm sets the mode only for packages it installs, not for the project's own bin).
const { bin = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
for (const target of Object.values(typeof bin === 'string' ? { bin } : bin)) chmodSync(join(root, target), 0o755);
