#!/usr/bin/env node
/**
 * The `xxgk-audit` command. `--version` and `--help` are answered here, loading nothing else. A batch
 * (several inputs, a directory, a glob, --list) runs the real command line (cli.ts) in a child Node
 * process with V8 flags that make batches faster: a thread that audits reports leaves less work
 * (garbage collection, re-optimising code) to the engine's helper threads, which otherwise take a
 * core that the second worker needs (docs/cli.md, "Speed"; npm run bench). One or a few files run in
 * this process: the extra process would cost more than the flags save there; their auditing thread is
 * started first thing, so that it loads while this thread loads the command.
 *
 * The flags cannot be set from inside this process instead: `v8.setFlagsFromString('--single-threaded-gc')`
 * after start-up aborts V8 at its next full collection (measured on Node 20: "Check failed:
 * concurrent_marking_handle_"), so they go on the child's command line.
 *
 * XXGK_AUDIT_V8_FLAGS overrides the flags; set it to an empty string to run in this process with
 * Node's defaults.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { jobsFor } from './batch/plan.js';
import { v8Flags } from './batch/v8-flags.js';
import { parseCli } from './cli-options.js';
import { siblingModule } from './util/sibling-module.js';

async function runHere(): Promise<void> {
  const { runAsCommand } = await import('./cli.js');
  await runAsCommand(process.argv.slice(2));
}

function runChild(flags: string[]): void {
  const child = spawn(process.execPath, [...process.execArgv, ...flags, fileURLToPath(siblingModule(import.meta.url, './cli')), ...process.argv.slice(2)], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  // The IPC channel is how the child learns that this process is gone, even by kill -9: it closes,
  // and the child stops as on SIGHUP (src/batch/signals.ts) instead of running on as an orphan. It
  // carries no messages and must not keep this process alive.
  child.channel?.unref();
  // Signals sent to this process go on to the child, which stops cleanly and exits 130 by itself. A
  // Ctrl-C in a terminal reaches both processes; the child takes the two copies as one (cli.ts).
  const forward = (signal: NodeJS.Signals) => (): void => { child.kill(signal); };
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  const onHup = forward('SIGHUP');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onHup);
  child.on('error', (error) => {
    process.stderr.write(`xxgk-audit: 无法启动 (cannot start ${process.execPath}): ${error.message}\n`);
    process.exitCode = 2;
  });
  child.on('exit', (code, signal) => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    process.off('SIGHUP', onHup);
    process.exitCode = code ?? 128 + (signal ? constants.signals[signal] : 1);
  });
}

type Parsed = ReturnType<typeof parseCli>;

/** A batch, from the arguments alone: --list, a directory, a glob, or enough inputs for a pool (plan.ts). */
export function isBatch({ values, positionals }: Parsed): boolean {
  if (values.list?.length) return true;
  if (values.jobs !== undefined && Number(values.jobs) >= 2) return true;
  let bytes = 0;
  for (const arg of positionals) {
    if (arg === '-' || /^https?:\/\//i.test(arg)) { bytes += 100 * 1024; continue; }
    let info;
    try { info = statSync(arg); } catch { info = null; }
    if (info?.isDirectory()) return true;
    if (!info && /[*?[\]{}]/.test(arg)) return true;
    bytes += info?.size ?? 0;
  }
  return jobsFor(positionals.length + (values.prior?.length ?? 0), bytes, 2) > 1;
}

/** A run of this process that will audit files in one plain worker thread (not --isolate, --rules or --print-config). */
function auditsHere({ values, positionals }: Parsed): boolean {
  return positionals.length > 0 && !values.isolate && !values.rules && values['print-config'] === undefined;
}

async function start(): Promise<void> {
  const argv = process.argv.slice(2);
  let parsed: Parsed | null = null;
  if (argv[0] !== 'review' && argv[0] !== 'serve') {
    try { parsed = parseCli(argv); } catch { parsed = null; /* cli.ts says what is wrong */ }
  }
  if (parsed?.values.help || parsed?.values.version) {
    const { HELP, version } = await import('./cli-help.js');
    process.stdout.write(parsed.values.help ? HELP : `${version()}\n`);
    return;
  }
  const flags = v8Flags();
  const batch = parsed !== null && isBatch(parsed);
  if (flags.length === 0 || !batch) {
    // A batch here (XXGK_AUDIT_V8_FLAGS empty) starts a pool, not the plain thread.
    if (parsed && !batch && auditsHere(parsed)) {
      // The auditing thread loads the pipeline while this thread loads the command (batch/thread.ts).
      const { prestartThread, WORKER_YOUNG_GENERATION_MB } = await import('./batch/thread.js');
      const { DEFAULT_HEAP_MB } = await import('./batch/isolate.js');
      prestartThread({ maxHeapMb: DEFAULT_HEAP_MB, youngGenerationMb: WORKER_YOUNG_GENERATION_MB }, parsed.positionals);
    }
    await runHere();
  } else runChild(flags);
}

await start();
