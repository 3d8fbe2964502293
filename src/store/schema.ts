import { type Db, type Dialect, StoreError } from './db.js';

/**
 * Migrations, in order; the store's version is how many have been applied (table xxgk_schema).
 * Never edit one that was released: add the next. Written once for both databases; `{id}` and
 * `{real}` become each dialect's auto-increment key and double.
 */
export const MIGRATIONS: readonly string[][] = [
  [
    `CREATE TABLE runs (
      id {id},
      started_at TEXT NOT NULL,
      finished_at TEXT,
      status TEXT NOT NULL,
      tool_version TEXT NOT NULL,
      options TEXT NOT NULL,
      inputs TEXT NOT NULL,
      host TEXT,
      reviewer TEXT,
      report_count INTEGER NOT NULL DEFAULT 0
    )`,
    `CREATE TABLE reports (
      id {id},
      file TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      tool_version TEXT NOT NULL,
      format TEXT NOT NULL,
      agency TEXT,
      agency_key TEXT,
      year INTEGER,
      template TEXT NOT NULL,
      identity TEXT NOT NULL,
      doc_key TEXT NOT NULL,
      meta TEXT NOT NULL,
      sections TEXT NOT NULL,
      summary TEXT,
      failed INTEGER NOT NULL DEFAULT 0,
      UNIQUE (file, sha256, tool_version)
    )`,
    'CREATE INDEX reports_agency_year ON reports (agency_key, year)',
    'CREATE INDEX reports_doc_key ON reports (doc_key)',
    `CREATE TABLE run_reports (
      run_id INTEGER NOT NULL REFERENCES runs (id),
      pos INTEGER NOT NULL,
      report_id INTEGER NOT NULL REFERENCES reports (id),
      failed INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (run_id, pos)
    )`,
    'CREATE INDEX run_reports_report ON run_reports (report_id)',
    `CREATE TABLE facts (
      report_id INTEGER NOT NULL REFERENCES reports (id),
      pos INTEGER NOT NULL,
      key TEXT NOT NULL,
      value {real},
      raw TEXT NOT NULL,
      kind TEXT NOT NULL,
      source TEXT NOT NULL,
      extra TEXT,
      PRIMARY KEY (report_id, key)
    )`,
    `CREATE TABLE figures (
      report_id INTEGER NOT NULL REFERENCES reports (id),
      pos INTEGER NOT NULL,
      label TEXT NOT NULL,
      value {real} NOT NULL,
      raw TEXT NOT NULL,
      unit TEXT NOT NULL,
      sentence TEXT NOT NULL,
      source TEXT NOT NULL,
      part_of INTEGER,
      data TEXT NOT NULL,
      PRIMARY KEY (report_id, pos)
    )`,
    `CREATE TABLE findings (
      id {id},
      run_id INTEGER NOT NULL REFERENCES runs (id),
      pos INTEGER NOT NULL,
      report_id INTEGER NOT NULL REFERENCES reports (id),
      seq INTEGER NOT NULL,
      is_cross INTEGER NOT NULL,
      rule_id TEXT NOT NULL,
      severity TEXT NOT NULL,
      kind TEXT NOT NULL,
      message TEXT NOT NULL,
      file TEXT NOT NULL,
      line INTEGER,
      page INTEGER,
      table_no INTEGER,
      row_no INTEGER,
      col_no INTEGER,
      data TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      baseline_state TEXT NOT NULL
    )`,
    'CREATE INDEX findings_run ON findings (run_id, pos)',
    'CREATE INDEX findings_fingerprint ON findings (fingerprint)',
    'CREATE INDEX findings_report ON findings (report_id)',
    'CREATE INDEX findings_rule ON findings (rule_id)',
    `CREATE TABLE reviews (
      fingerprint TEXT PRIMARY KEY,
      state TEXT NOT NULL,
      reason TEXT,
      reviewer TEXT,
      at TEXT NOT NULL
    )`,
    `CREATE TABLE review_events (
      id {id},
      fingerprint TEXT NOT NULL,
      state TEXT NOT NULL,
      reason TEXT,
      reviewer TEXT,
      at TEXT NOT NULL
    )`,
    'CREATE INDEX review_events_fingerprint ON review_events (fingerprint)',
  ],
];

export const SCHEMA_VERSION = MIGRATIONS.length;

const dialectSql = (sql: string, dialect: Dialect): string =>
  sql
    .replaceAll('{id}', dialect === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'SERIAL PRIMARY KEY')
    .replaceAll('{real}', dialect === 'sqlite' ? 'REAL' : 'DOUBLE PRECISION');

/** The version a store is at, without writing anything (0 for an empty database). */
export async function storedVersion(db: Db): Promise<number> {
  const tables = db.dialect === 'sqlite'
    ? await db.all("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'xxgk_schema'")
    : await db.all("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'xxgk_schema'");
  if (!tables.length) {
    const other = db.dialect === 'sqlite' ? await db.all("SELECT name FROM sqlite_master WHERE type = 'table' LIMIT 1") : [];
    if (other.length) throw new StoreError('数据库中已有其他表，不是 xxgk-audit 审核库 (the database holds other tables: not an xxgk-audit store)');
    return 0;
  }
  const rows = await db.all<{ version: number }>('SELECT version FROM xxgk_schema');
  return Number(rows[0]?.version ?? 0);
}

/**
 * Brings the store to SCHEMA_VERSION in one transaction. A store made by a newer xxgk-audit is
 * refused before anything is written. PostgreSQL: an advisory lock keeps two processes that open a
 * new store at once from both creating it.
 */
export async function migrate(db: Db, label: string): Promise<void> {
  const check = (version: number): void => {
    if (version > SCHEMA_VERSION) {
      throw new StoreError(`审核库 (store) ${label}: 数据库结构版本 ${version} 比本工具支持的 ${SCHEMA_VERSION} 新，请升级 xxgk-audit (schema version ${version} is newer than this tool knows, ${SCHEMA_VERSION})`);
    }
  };
  const current = await storedVersion(db);
  check(current);
  if (current === SCHEMA_VERSION) return;
  await db.transaction(async (tx) => {
    if (tx.dialect === 'postgres') await tx.all("SELECT pg_advisory_xact_lock(7243180012)");
    let version = await storedVersion(tx);
    check(version);
    if (version === 0) {
      await tx.run('CREATE TABLE xxgk_schema (version INTEGER NOT NULL)');
      await tx.run('INSERT INTO xxgk_schema (version) VALUES (0)');
    }
    for (; version < SCHEMA_VERSION; version++) {
      for (const sql of MIGRATIONS[version]!) await tx.run(dialectSql(sql, tx.dialect));
    }
    await tx.run('UPDATE xxgk_schema SET version = ?', [SCHEMA_VERSION]);
  });
}
