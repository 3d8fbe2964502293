#!/usr/bin/env node
/**
 * The `xxgk-audit` command. It starts the real command line (cli.ts) in a child Node process with
 * V8 flags that make batches faster: a thread that audits reports leaves less work (garbage
 * collection, re-optimising code) to the engine's helper threads, which otherwise take a core that
 * the second worker needs (docs/cli.md, "Speed"; npm run bench). This file imports nothing heavy, so the
 * extra process costs one bare Node start-up.
 *
 * XXGK_AUDIT_V8_FLAGS overrides the flags; set it to an empty string to run in this process with
 * Node's defaults.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { v8Flags } from './batch/v8-flags.js';
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

const flags = v8Flags();
if (flags.length === 0) await runHere();
else runChild(flags);
