/**
 * The audit store (docs/store.md): every run kept in SQLite or PostgreSQL, findings fingerprinted,
 * compared with the last run (baseline) and reviewed once. The pipeline knows nothing of it; the
 * batch and the CLI compose it (session.ts).
 */
import { StoreError } from './db.js';
import { openSqlite, type SqliteOptions } from './sqlite.js';
import { AuditStore } from './store.js';

export { StoreError, redactUrl } from './db.js';
export { AuditStore, REPORT_SORTS } from './store.js';
export type {
  CrossEntry, FindingQuery, FindingRow, Page, PreviousFindings, ReportEntry, ReportQuery, ReportRow, ReportSort, StoredReport, ReviewState, RunInfo, RunStatus, StoredRun,
} from './store.js';
export { SCHEMA_VERSION } from './schema.js';
export { documentKey, fingerprintAll, reportIdentity } from './fingerprint.js';
export { auditIntoStore, type StoreSessionOptions, type StoreSessionResult } from './session.js';

export interface OpenStoreOptions extends SqliteOptions {
  /** PostgreSQL: most connections at once (default 4). */
  maxConnections?: number;
}

export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//i.test(target);

/**
 * Opens (and creates or upgrades) a store: a file path for SQLite, `postgres://user:pass@host/db`
 * for PostgreSQL. Throws StoreError with one line an officer can act on.
 */
export async function openStore(target: string, options: OpenStoreOptions = {}): Promise<AuditStore> {
  let store: AuditStore;
  if (isPostgresUrl(target)) {
    const { openPostgres } = await import('./postgres.js');
    store = new AuditStore(await openPostgres(target, options), target);
  } else {
    store = new AuditStore(openSqlite(target, options), target);
  }
  try {
    await store.init();
  } catch (error) {
    await store.close().catch(() => {});
    if (error instanceof StoreError) throw error;
    throw new StoreError(`审核库 (store) ${store.label}: ${(error as Error).message}`, { cause: error });
  }
  return store;
}
