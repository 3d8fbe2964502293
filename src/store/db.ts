/**
 * The little the store needs from a database, so SQLite (better-sqlite3) and PostgreSQL (pg) sit
 * behind one interface. SQL is written once with `?` placeholders; the PostgreSQL driver numbers them.
 */
export type Dialect = 'sqlite' | 'postgres';
export type Param = string | number | null;
export type Row = Record<string, unknown>;

export interface Db {
  readonly dialect: Dialect;
  all<T extends Row = Row>(sql: string, params?: readonly Param[]): Promise<T[]>;
  run(sql: string, params?: readonly Param[]): Promise<number>;
  /** The same statement for many rows (one prepared statement, or multi-row inserts). */
  runMany(sql: string, rows: readonly (readonly Param[])[]): Promise<void>;
  /** A write transaction: all of `fn` or nothing. SQLite takes the write lock at once (BEGIN IMMEDIATE). */
  transaction<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** One clear line for the officer; the CLI prints it and exits 2. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`; secrets in the query too. */
export function redactUrl(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  try {
    const url = new URL(text);
    let changed = false;
    if (url.password) { url.password = '***'; changed = true; }
    for (const key of [...url.searchParams.keys()]) {
      if (/pass|pwd|token|secret|key|sig|auth|credential/i.test(key)) { url.searchParams.set(key, '***'); changed = true; }
    }
    return changed ? url.href : text;
  } catch {
    return text.replace(/\/\/([^/:@]*):[^/@]*@/, '//$1:***@');
  }
}
