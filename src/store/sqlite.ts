import Database from 'better-sqlite3';
import { type Db, type Param, type Row, StoreError } from './db.js';

/** The SQLite error codes an officer can do something about, in words. */
function explain(path: string, error: unknown): StoreError {
  const code = (error as { code?: string }).code ?? '';
  const detail = (error as Error).message;
  const what =
    code === 'SQLITE_NOTADB' ? '不是数据库文件 (not a database)'
    : code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') ? '数据库被另一个进程锁定 (database is locked by another process)'
    : code.startsWith('SQLITE_CANTOPEN') ? `无法打开 (cannot open): ${detail}`
    : code.startsWith('SQLITE_READONLY') ? '数据库只读 (read-only)'
    : code.startsWith('SQLITE_CORRUPT') ? '数据库已损坏 (database is corrupt)'
    : detail;
  return new StoreError(`审核库 (store) ${path}: ${what}`, { cause: error });
}

export interface SqliteOptions {
  /** Refuse to create a new file (the review command reads an existing store). */
  mustExist?: boolean;
  /** How long to wait for another process's write lock (ms, default 5000). */
  busyTimeoutMs?: number;
}

/**
 * better-sqlite3 is synchronous: each call runs at once. Transactions are serialised here so two
 * async writers never interleave their statements inside one BEGIN … COMMIT.
 */
export function openSqlite(path: string, options: SqliteOptions = {}): Db {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: options.mustExist ?? false, timeout: options.busyTimeoutMs ?? 5000 });
    // WAL: readers do not block the writer; NORMAL sync is durable at each checkpoint and never corrupts.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    throw explain(path, error);
  }
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw explain(path, error);
    }
  };
  let chain: Promise<unknown> = Promise.resolve();
  const handle: Db = {
    dialect: 'sqlite',
    async all<T extends Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
      return guard(() => prepare(sql).all(...params) as T[]);
    },
    async run(sql: string, params: readonly Param[] = []): Promise<number> {
      return guard(() => prepare(sql).run(...params).changes);
    },
    async runMany(sql: string, rows: readonly (readonly Param[])[]): Promise<void> {
      guard(() => {
        const statement = prepare(sql);
        for (const row of rows) statement.run(...row);
      });
    },
    transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const next = chain.then(async () => {
        guard(() => db.exec('BEGIN IMMEDIATE'));
        try {
          const result = await fn(handle);
          guard(() => db.exec('COMMIT'));
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      });
      chain = next.catch(() => {});
      return next;
    },
    async close(): Promise<void> {
      await chain;
      if (db.open) db.close();
    },
  };
  return handle;
}
