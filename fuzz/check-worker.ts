// Worker thread of the fuzz harness: audits one input at a time through the library, twice (from a
// file, then from a copy of its bytes; once, from the file, in the long run), and reports what the invariants need to know. The parent
// enforces the time limit (it terminates this thread) and the heap limit (resourceLimits).
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { audit, AuditError } from '../src/index.js';

/** `once`: audit from the file only (the long run, where a second run with the same seed checks determinism). */
export interface CheckRequest { id: number; name: string; bytes: Uint8Array; dir: string; once?: boolean }

export type AuditOutcome =
  | { kind: 'report'; json: string; findings: number; ms: number }
  | { kind: 'audit-error'; code: string; message: string; ms: number }
  | { kind: 'crash'; message: string; stack: string; ms: number };

export interface CheckResult {
  id: number;
  first: AuditOutcome;
  second: AuditOutcome;
  unhandled: string[];
  inputChanged: boolean;
  heapUsedMb: number;
  /** sha256 of the first outcome (report JSON or error code + message) with the run's temporary folder replaced by `$DIR`, for comparing runs. */
  digest: string;
}

const hash = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let unhandled: string[] = [];
process.on('unhandledRejection', (reason) => {
  unhandled.push(String((reason as Error)?.stack ?? reason).slice(0, 2000));
});

async function run(fn: () => Promise<import('../src/index.js').Report>): Promise<AuditOutcome> {
  const started = performance.now();
  try {
    const report = await fn();
    const json = JSON.stringify(report);
    return { kind: 'report', json, findings: report.findings.length, ms: performance.now() - started };
  } catch (error) {
    const ms = performance.now() - started;
    if (error instanceof AuditError) return { kind: 'audit-error', code: error.code, message: error.message, ms };
    const e = error as Error;
    return { kind: 'crash', message: String(e?.message ?? e), stack: String(e?.stack ?? '').slice(0, 4000), ms };
  }
}

parentPort!.on('message', async (request: CheckRequest) => {
  unhandled = [];
  const path = join(request.dir, `${request.id}-${request.name}`);
  writeFileSync(path, request.bytes);
  const before = hash(request.bytes);
  const first = await run(() => audit({ path }));
  const second = request.once ? first : await run(() => audit(request.bytes.slice(), { file: path }));
  // Rejections that surface a little later (a parser's stray promise) still belong to this input.
  await new Promise((resolve) => setTimeout(resolve, 10));
  const inputChanged = hash(readFileSync(path)) !== before;
  rmSync(path, { force: true });
  const heapUsedMb = process.memoryUsage().heapUsed / 1024 / 1024;
  const shown = first.kind === 'report' ? first.json : first.kind === 'audit-error' ? `${first.code}\n${first.message}` : `crash\n${first.message}`;
  const digest = createHash('sha256').update(shown.split(request.dir).join('$DIR')).digest('hex');
  const result: CheckResult = { id: request.id, first, second, unhandled, inputChanged, heapUsedMb, digest };
  parentPort!.postMessage(result);
});
