/**
 * How a run ends early. SIGINT (Ctrl-C), SIGTERM (`kill`, systemd, containers) and SIGHUP (the
 * terminal closed) stop scheduling new files; what is done is written, every output marked as
 * interrupted, and the command exits 128 + the signal's number (130, 143, 129). The same happens
 * when the launcher (bin.ts) that started this process dies, even by `kill -9`: the IPC channel it
 * opened closes, and this process stops as on SIGHUP instead of running on as an orphan.
 *
 * A second signal later than SECOND_SIGNAL_MS quits at once with the same code (temporary output
 * files are removed on the way out; the named outputs are left as they were).
 */
import { constants } from 'node:os';

export type Interruption = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'launcher-exit';

/** Exit code of a run stopped by each cause. */
export const INTERRUPT_EXIT_CODES: Record<Interruption, number> = {
  SIGINT: 128 + constants.signals.SIGINT,
  SIGTERM: 128 + constants.signals.SIGTERM,
  SIGHUP: 128 + constants.signals.SIGHUP,
  'launcher-exit': 128 + constants.signals.SIGHUP,
};

/** A Ctrl-C in a terminal reaches this process twice (from the terminal and from the launcher that forwards it): one press. */
const SECOND_SIGNAL_MS = 500;

export interface InterruptWatch {
  readonly signal: AbortSignal;
  /** What stopped the run, or null. */
  cause(): Interruption | null;
  dispose(): void;
}

export function watchInterrupts(): InterruptWatch {
  const controller = new AbortController();
  let cause: Interruption | null = null;
  let at = 0;
  const stop = (why: Interruption): void => {
    if (cause) {
      if (why !== 'launcher-exit' && Date.now() - at > SECOND_SIGNAL_MS) process.exit(INTERRUPT_EXIT_CODES[cause]);
      return;
    }
    cause = why;
    at = Date.now();
    controller.abort(why);
  };
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((name) => [name, () => stop(name)] as const);
  for (const [name, handler] of handlers) process.on(name, handler);
  const onDisconnect = (): void => stop('launcher-exit');
  // Started by bin.ts with an IPC channel: its closing means the launcher is gone. The channel must
  // not keep this process alive by itself.
  const channel = (process as { channel?: { unref(): void } }).channel;
  if (channel) {
    channel.unref();
    process.on('disconnect', onDisconnect);
  }
  return {
    signal: controller.signal,
    cause: () => cause,
    dispose() {
      for (const [name, handler] of handlers) process.off(name, handler);
      process.off('disconnect', onDisconnect);
    },
  };
}
