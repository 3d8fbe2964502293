// Records every module the process resolves through the ESM loader, for the start-up bench and the
// tests that check what an entry point loads (ESM has no require.cache to look into):
//   XXGK_TRACE_IMPORTS=<file> node --import ./scripts/trace-imports.mjs <entry> …
// appends one resolved URL a line to <file>. A child started with process.execArgv (the launcher's)
// traces into the same file. A package entered from ESM code is seen even if it is CommonJS; the
// require() calls inside a CommonJS package are not (its entry is what counts here).
import { register } from 'node:module';

if (process.env.XXGK_TRACE_IMPORTS) register('./trace-imports-hooks.mjs', import.meta.url, { data: { out: process.env.XXGK_TRACE_IMPORTS } });

/** Package names (`@scope/name` or `name`) among the URLs in a trace file, sorted, once each. */
export function tracedPackages(text) {
  const names = new Set();
  for (const line of text.split('\n')) {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line);
    if (m) names.add(m[1]);
  }
  return [...names].sort();
}
