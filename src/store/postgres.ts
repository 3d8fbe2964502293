import pg from 'pg';
import { type Db, type Param, type Row, StoreError, redactUrl } from './db.js';

/** `?` → `$1, $2 …` (the store's SQL has no `?` inside string literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** PostgreSQL's and the network's errors, in words an officer can act on. */
function explain(label: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: string }).code ?? '';
  const detail = (error as Error).message;
  const what =
    code === 'ECONNREFUSED' ? '无法连接数据库服务器（服务器未运行或拒绝连接）(server down or refusing connections)'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? `找不到数据库服务器 (host not found)`
    : code === 'ETIMEDOUT' || /timeout/i.test(detail) ? '连接数据库服务器超时 (connection timed out)'
    : code === '28P01' || code === '28000' ? `数据库拒绝登录 (login refused): ${detail}`
    : code === '3D000' ? `数据库不存在 (database does not exist): ${detail}`
    : code === '42501' ? `没有权限 (permission denied): ${detail}`
    : detail;
  return new StoreError(`审核库 (store) ${redactUrl(label)}: ${what}`, { cause: error });
}

/** `INSERT … VALUES (?, ?, ?)` for many rows as a few multi-row inserts (one round trip each). */
function multiRow(sql: string, rows: readonly (readonly Param[])[]): { text: string; values: Param[] }[] {
  const match = /VALUES\s*(\([^)]*\))\s*$/i.exec(sql);
  if (!match) throw new Error(`runMany needs INSERT … VALUES (…): ${sql}`);
  const head = sql.slice(0, match.index);
  const width = rows[0]?.length ?? 0;
  const per = Math.max(1, Math.floor(30_000 / Math.max(1, width)));
  const out: { text: string; values: Param[] }[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const values: Param[] = [];
    const groups = chunk.map((row) => `(${row.map((v) => { values.push(v); return `$${values.length}`; }).join(', ')})`);
    out.push({ text: `${head}VALUES ${groups.join(', ')}`, values });
  }
  return out;
}

function wrap(label: string, query: (text: string, values: Param[]) => Promise<pg.QueryResult>, transaction: Db['transaction'], close: () => Promise<void>): Db {
  const db: Db = {
    dialect: 'postgres',
    async all<T extends Row>(sql: string, params: readonly Param[] = []): Promise<T[]> {
      try {
        return (await query(numbered(sql), [...params])).rows as T[];
      } catch (error) { throw explain(label, error); }
    },
    async run(sql: string, params: readonly Param[] = []): Promise<number> {
      try {
        return (await query(numbered(sql), [...params])).rowCount ?? 0;
      } catch (error) { throw explain(label, error); }
    },
    async runMany(sql: string, rows: readonly (readonly Param[])[]): Promise<void> {
      if (!rows.length) return;
      try {
        for (const { text, values } of multiRow(sql, rows)) await query(text, values);
      } catch (error) { throw explain(label, error); }
    },
    transaction,
    close,
  };
  return db;
}

export interface PostgresOptions {
  maxConnections?: number;
}

/**
 * A pool of connections. A transaction holds one client from BEGIN to COMMIT; several processes
 * writing at once is PostgreSQL's business (row-level locks, unique keys, a sequence for run ids).
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 4, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw explain(url, error);
  }
  const transaction = async <T>(fn: (tx: Db) => Promise<T>): Promise<T> => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) { throw explain(url, error); }
    const tx = wrap(url, (text, values) => client.query(text, values), () => { throw new Error('nested transaction'); }, async () => {});
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw explain(url, error);
    } finally {
      client.release();
    }
  };
  return wrap(url, (text, values) => pool.query(text, values), transaction, () => pool.end());
}
