/**
 * The CLI's hook into the store, kept here so src/cli.ts only calls three functions:
 * open the store named by --db, run the batch through it, close it.
 */
import { resolve } from 'node:path';
import { auditMany, toSpec, type AuditManyOptions, type BatchInput } from '../batch/run.js';
import { auditIntoStore, type StoreSessionResult } from './session.js';
import type { AuditStore } from './store.js';

export { StoreError } from './db.js';
export type { AuditStore } from './store.js';

export { storeOptionsHelp } from './cli-help.js';

/** Loaded only with --db: a run without a store never loads the database drivers. */
export async function openCliStore(db: string, cwd: string): Promise<AuditStore> {
  const { isPostgresUrl, openStore } = await import('./index.js');
  return openStore(isPostgresUrl(db) ? db : resolve(cwd, db));
}

export async function closeStore(store: AuditStore | null): Promise<void> {
  if (store) await store.close().catch(() => {});
}

export function storeRunItems(
  store: AuditStore,
  inputs: readonly BatchInput[],
  options: AuditManyOptions,
  run: { toolVersion: string; onlyNew?: boolean; args: readonly string[]; formats: readonly string[] },
): AsyncGenerator<StoreSessionResult> {
  const { signal, ...rest } = options;
  void signal;
  const runOptions: Record<string, unknown> = {
    args: run.args,
    formats: run.formats,
    rules: rest.rules ?? {},
    settings: rest.settings ?? {},
    agencyType: rest.agencyType ?? 'auto',
    jobs: rest.jobs ?? null,
    timeout: rest.timeout ?? null,
    cross: rest.cross !== false,
    prior: (rest.prior ?? []).map((p) => toSpec(p).name),
  };
  return auditIntoStore(inputs, options, { store, toolVersion: run.toolVersion, onlyNew: run.onlyNew, runOptions, inputs: inputs.map((i) => toSpec(i).name) });
}

export { auditMany };
