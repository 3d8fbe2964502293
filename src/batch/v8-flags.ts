/**
 * V8 flags the `xxgk-audit` command starts Node with (see bin.ts). Kept apart from bin.ts so the
 * bench and the tests read the same list without starting the command.
 */

/**
 * Measured on the corpus, 2,000 inputs, 2 workers on 2 cores (bench/run.mjs): without them V8's
 * helper threads (parallel scavenges, concurrent re-optimisation after each full collection) keep
 * a third of a core busy per audit thread, which is the second worker's core.
 * - garbage collection on the thread that allocates, not on helper threads;
 * - a 4.4× interrupt budget: optimise only code that stays hot, recompile less after deopts;
 * - 32 MB semi-spaces (V8's default tops out at 16) for the main thread (`--jobs 1`); workers get the
 *   same by resourceLimits (pool.ts).
 */
export const DEFAULT_V8_FLAGS: readonly string[] = ['--single-threaded-gc', '--interrupt-budget=300000', '--max-semi-space-size=32'];

/** XXGK_AUDIT_V8_FLAGS replaces the defaults; an empty value means none (one process, Node's defaults). */
export function v8Flags(env: NodeJS.ProcessEnv = process.env): string[] {
  const custom = env.XXGK_AUDIT_V8_FLAGS;
  if (custom === undefined) return [...DEFAULT_V8_FLAGS];
  return custom.split(/\s+/).filter(Boolean);
}
