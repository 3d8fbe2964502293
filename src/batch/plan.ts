/**
 * How a command-line run is started, decided from the inputs before anything heavy is loaded
 * (bin.ts, cli.ts; issue 11). One plain worker thread audits one or a few small inputs: starting a
 * pool (piscina, a thread per core, each loading the parsers) costs more than it saves there. Every
 * file runs in a worker thread either way, under the time and heap limits.
 */

/** From this many inputs a pool of workers pays (measured on the corpus: bench/startup.mjs). */
export const POOL_MIN_FILES = 4;
/** …or from this many bytes in two or more inputs (a few large PDFs keep two workers busy). */
export const POOL_MIN_BYTES = 2 * 1024 * 1024;

/** Worker threads for a run whose --jobs was not given. */
export function jobsFor(count: number, bytes: number, cores: number): number {
  if (count >= POOL_MIN_FILES || (count >= 2 && bytes >= POOL_MIN_BYTES)) return Math.max(1, cores);
  return 1;
}
