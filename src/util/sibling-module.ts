import { existsSync } from 'node:fs';

/**
 * A module beside `fromUrl` (pass `import.meta.url`), to start in a worker or a child process:
 * under tsx the sources are .ts, from dist they are .js.
 */
export function siblingModule(fromUrl: string, path: string): URL {
  return new URL(`${path}${fromUrl.endsWith('.ts') ? '.ts' : '.js'}`, fromUrl);
}

/**
 * The entry of an auditing thread (`thread-worker`, `worker`, `isolated-worker`), for a module in
 * src/batch/ or dist/batch/: under tsx its .ts source beside the caller; from dist/ the bundle that
 * scripts/build.mjs makes of it in dist/workers/ (one file and shared chunks instead of ~150
 * modules: most of a thread's start-up), or the plain module when that was not built.
 */
export function workerEntry(fromUrl: string, name: string): URL {
  if (fromUrl.endsWith('.ts')) return siblingModule(fromUrl, `./${name}`);
  const bundled = new URL(`../workers/${name}.js`, fromUrl);
  return existsSync(bundled) ? bundled : siblingModule(fromUrl, `./${name}`);
}
