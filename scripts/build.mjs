// A clean build of dist/ (tsc, then the bundled auditing threads): the folder is removed first, so a module that was renamed or deleted in
// src/ never lingers in dist/ (and so never in the package). `npm run build`; also run on `npm ci`
// in a clone (the `prepare` script), never in a consumer's install (a tarball has no scripts/ folder).
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
// typescript's exports map hides bin/tsc: found beside its package.json.
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', root], { stdio: 'inherit', cwd: root });
// The auditing threads' entries, bundled into dist/workers/ with their shared code split into chunks:
// a thread then loads a few files instead of ~150 modules, which was most of its start-up and so of
// a one-file run (bench/startup.mjs). The packages of the HTML and Markdown readers go into their
// reader's chunk too (parse5 alone is 38 modules, remark's parser about 120; bundled, the one-file HTML run
// took 323 → 303 ms); every other package stays an import, resolved from node_modules as before.
// Each reader (HTML, Markdown, PDF, Word) stays a chunk of its own, loaded with its first input.
// dist/batch/ keeps the plain modules: the library's API and the types point there.
const BUNDLED = /^(?:parse5|parse5-htmlparser2-tree-adapter|domhandler|vfile|unified|remark-parse|mdast-util-to-string|mdast-util-gfm-(?:table|footnote)|micromark-extension-gfm-(?:table|footnote))(?:\/|$)/;
const packagesExternal = {
  name: 'packages-external',
  setup(builder) {
    // A bare specifier (a package or a node: built-in) from our code stays an import unless BUNDLED; what a
    // bundled package imports is bundled with it (resolved from where it is, nested versions included), but
    // built-ins. Relative paths and a package's own #imports never come here.
    builder.onResolve({ filter: /^[^./#]/ }, (args) => {
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      if (BUNDLED.test(args.path) || /[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
      return { path: args.path, external: true };
    });
  },
};
const { build } = await import('esbuild');
await build({
  entryPoints: Object.fromEntries(['thread-worker', 'worker', 'isolated-worker'].map((name) => [name, join(root, 'dist/batch', `${name}.js`)])),
  outdir: join(root, 'dist/workers'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [packagesExternal],
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
// The command must be executable where it is built: `npx xxgk-audit` in a clone runs dist/bin.js itself
// (npm sets the mode only for packages it installs, not for the project's own bin).
const { bin = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
for (const target of Object.values(typeof bin === 'string' ? { bin } : bin)) chmodSync(join(root, target), 0o755);
