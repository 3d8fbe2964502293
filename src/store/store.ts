import { hostname } from 'node:os';
import { agencyKey } from '../batch/rules/util.js';
import type { Summary } from '../batch/types.js';
import type { Fact, Figure, Finding, FindingReview, Report, Section } from '../model.js';
import { type Db, type Param, type Row, StoreError, redactUrl } from './db.js';
import { contentHash, documentKey, plainFinding, reportIdentity } from './fingerprint.js';
import { migrate } from './schema.js';

export type ReviewState = FindingReview['state'];
export type RunStatus = 'running' | 'done' | 'aborted' | 'failed';

export interface RunInfo {
  toolVersion: string;
  /** The options the run was given (a config file's rules, --rule, --jobs …); URLs in them are redacted. */
  options: Record<string, unknown>;
  /** Paths and URLs as given (URL passwords redacted). */
  inputs: readonly string[];
  startedAt?: string;
}

export interface StoredRun {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  toolVersion: string;
  options: Record<string, unknown>;
  inputs: string[];
  host: string | null;
  reportCount: number;
}

/** One audited report of a run, ready to store: its findings carry fingerprint and baselineState. */
export interface ReportEntry {
  /** 0-based place in the run's input order. */
  pos: number;
  report: Report;
  summary?: Summary | null;
  /** sha256 of the input bytes ('' when it could not be read). */
  sha256: string;
  failed: boolean;
}

export interface CrossEntry {
  /** The run position of the report the finding belongs to. */
  pos: number;
  finding: Finding;
}

/** A finding as the store lists it (review command, workbench). */
export interface FindingRow {
  runId: number;
  reportId: number;
  file: string;
  agency: string | null;
  year: number | null;
  cross: boolean;
  finding: Finding;
}

export interface ReportRow {
  reportId: number;
  runId: number;
  file: string;
  format: string;
  agency: string | null;
  agencyKey: string | null;
  year: number | null;
  template: string;
  publishedOn: string | null;
  errors: number;
  warnings: number;
  infos: number;
  confirmed: number;
  dismissed: number;
  unreviewed: number;
}

export interface FindingQuery {
  /** Only this run (default: each report's latest run). */
  runId?: number;
  reportId?: number;
  /** Review state; `new` = not reviewed yet. */
  state?: 'new' | ReviewState;
  rule?: string;
  severity?: Finding['severity'];
  /** Substring of the agency name or the file. */
  agency?: string;
  year?: number;
  /** Substring of the message. */
  text?: string;
  fingerprint?: string;
  offset?: number;
  limit?: number;
}

export type ReportSort =
  'file' | 'agency' | 'year' | 'template' | 'format' | 'publishedOn' | 'errors' | 'warnings' | 'infos' | 'confirmed' | 'dismissed' | 'unreviewed';
export const REPORT_SORTS: readonly ReportSort[] =
  ['file', 'agency', 'year', 'template', 'format', 'publishedOn', 'errors', 'warnings', 'infos', 'confirmed', 'dismissed', 'unreviewed'];

/** One stored report at one run, whole (the workbench's report page). */
export interface StoredReport {
  reportId: number;
  runId: number;
  pos: number;
  agencyKey: string | null;
  year: number | null;
  sha256: string;
  /** The report with its own findings and the cross-report findings of that run that belong to it. */
  report: Report;
}

export interface ReportQuery {
  agency?: string;
  year?: number;
  rule?: string;
  severity?: Finding['severity'];
  state?: 'new' | ReviewState;
  text?: string;
  /** Only findings new against the last stored run (baseline state `new`). */
  baseline?: 'new';
  sort?: ReportSort;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  rows: T[];
}

export interface PreviousFindings {
  runId: number;
  /** Fingerprint → the stored finding and what it said. */
  findings: Map<string, { finding: Finding; contentHash: string }>;
}

const json = (value: unknown): string => JSON.stringify(value ?? null);
const parse = <T>(text: unknown): T => JSON.parse(String(text)) as T;
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const now = (): string => new Date().toISOString();
const reviewOf = (row: Row): FindingReview | undefined =>
  row.review_state ? { state: row.review_state as ReviewState, reason: (row.review_reason as string | null) ?? null, by: (row.review_by as string | null) ?? null, at: String(row.review_at) } : undefined;

/** The store proper: the same SQL on SQLite and PostgreSQL (db.ts). */
export class AuditStore {
  /** Where it is, for messages (a PostgreSQL URL with its password redacted). */
  readonly label: string;
  constructor(private readonly db: Db, label: string) {
    this.label = redactUrl(label);
  }

  get dialect(): Db['dialect'] { return this.db.dialect; }

  /** Creates or upgrades the tables; refuses a newer schema. Called by openStore. */
  async init(): Promise<void> {
    await migrate(this.db, this.label);
  }

  async beginRun(info: RunInfo): Promise<number> {
    const rows = await this.db.transaction((tx) => tx.all<{ id: number }>(
      'INSERT INTO runs (started_at, status, tool_version, options, inputs, host) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
      [info.startedAt ?? now(), 'running', info.toolVersion, json(redactDeep(info.options)), json(info.inputs.map(redactUrl)), hostname()],
    ));
    return Number(rows[0]!.id);
  }

  async finishRun(runId: number, status: RunStatus, cross: readonly CrossEntry[] = [], reportIds?: ReadonlyMap<number, number>): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (cross.length) {
        const ids = reportIds ?? await this.reportIdsOf(tx, runId);
        await this.insertFindings(tx, runId, cross.map((c) => {
          const reportId = ids.get(c.pos);
          if (reportId === undefined) throw new StoreError(`内部错误：跨报告问题指向未存储的报告 (cross finding of an unstored report): ${c.finding.source.file}`);
          return { pos: c.pos, reportId, finding: c.finding, cross: true };
        }));
      }
      const count = await tx.all<{ n: number }>('SELECT COUNT(*) AS n FROM run_reports WHERE run_id = ?', [runId]);
      await tx.run('UPDATE runs SET status = ?, finished_at = ?, report_count = ? WHERE id = ?', [status, now(), Number(count[0]!.n), runId]);
    });
  }

  private async reportIdsOf(db: Db, runId: number): Promise<Map<number, number>> {
    const rows = await db.all<{ pos: number; report_id: number }>('SELECT pos, report_id FROM run_reports WHERE run_id = ?', [runId]);
    return new Map(rows.map((r) => [Number(r.pos), Number(r.report_id)]));
  }

  /**
   * Stores reports of a run in one transaction: a report already stored (same file, bytes and tool
   * version) is referred to, not stored again. Returns run position → report id.
   */
  async addReports(runId: number, toolVersion: string, entries: readonly ReportEntry[]): Promise<Map<number, number>> {
    const ids = new Map<number, number>();
    if (!entries.length) return ids;
    await this.db.transaction(async (tx) => {
      for (const entry of entries) {
        const { report } = entry;
        const inserted = await tx.all<{ id: number }>(
          `INSERT INTO reports (file, sha256, tool_version, format, agency, agency_key, year, template, identity, doc_key, meta, sections, summary, failed)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (file, sha256, tool_version) DO NOTHING RETURNING id`,
          [report.file, entry.sha256, toolVersion, report.format, report.meta.agency, agencyKey(report.meta.agency), report.meta.year, report.template,
            reportIdentity(report), documentKey(report), json(report.meta), json(report.sections), entry.summary ? json(entry.summary) : null, entry.failed ? 1 : 0],
        );
        let reportId: number;
        if (inserted.length) {
          reportId = Number(inserted[0]!.id);
          // Columns for queries; whatever else a newer pipeline puts on a fact or figure is kept as JSON.
          await tx.runMany('INSERT INTO facts (report_id, pos, key, value, raw, kind, source, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            Object.entries(report.facts).map(([key, fact], i) => {
              const { value, raw, kind, source, ...extra } = fact;
              return [reportId, i, key, value, raw, kind, json(source), Object.keys(extra).length ? json(extra) : null];
            }));
          await tx.runMany('INSERT INTO figures (report_id, pos, label, value, raw, unit, sentence, source, part_of, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            report.figures.map((f, i) => [reportId, i, f.label, f.value, f.raw, f.unit, f.sentence, json(f.source), f.partOf ?? null, json(f)]));
        } else {
          const found = await tx.all<{ id: number }>('SELECT id FROM reports WHERE file = ? AND sha256 = ? AND tool_version = ?', [report.file, entry.sha256, toolVersion]);
          reportId = Number(found[0]!.id);
        }
        ids.set(entry.pos, reportId);
        await tx.run('INSERT INTO run_reports (run_id, pos, report_id, failed) VALUES (?, ?, ?, ?)', [runId, entry.pos, reportId, entry.failed ? 1 : 0]);
        await this.insertFindings(tx, runId, report.findings.map((finding) => ({ pos: entry.pos, reportId, finding, cross: false })));
      }
    });
    return ids;
  }

  private async insertFindings(db: Db, runId: number, items: readonly { pos: number; reportId: number; finding: Finding; cross: boolean }[]): Promise<void> {
    await db.runMany(
      `INSERT INTO findings (run_id, pos, report_id, seq, is_cross, rule_id, severity, kind, message, file, line, page, table_no, row_no, col_no, data, fingerprint, content_hash, baseline_state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      items.map(({ pos, reportId, finding, cross }, seq) => {
        if (!finding.fingerprint) throw new StoreError(`内部错误：问题缺少指纹 (finding without fingerprint): ${finding.ruleId}`);
        const s = finding.source;
        return [runId, pos, reportId, seq, cross ? 1 : 0, finding.ruleId, finding.severity, finding.kind, finding.message, s.file,
          s.line ?? null, s.page ?? null, s.table ?? null, s.row ?? null, s.col ?? null, json(plainFinding(finding)),
          finding.fingerprint, contentHash(finding), finding.baselineState ?? 'new'] as Param[];
      }),
    );
  }

  /** The findings (own and cross) of the last finished run that holds a report with this document key, before `beforeRunId`. */
  async previousFindings(docKey: string, beforeRunId: number): Promise<PreviousFindings | null> {
    const last = await this.db.all<{ run_id: number; pos: number }>(
      `SELECT rr.run_id, MIN(rr.pos) AS pos FROM run_reports rr JOIN reports r ON r.id = rr.report_id JOIN runs u ON u.id = rr.run_id
       WHERE r.doc_key = ? AND rr.run_id < ? AND u.status = 'done' AND rr.failed = 0
       GROUP BY rr.run_id ORDER BY rr.run_id DESC LIMIT 1`,
      [docKey, beforeRunId],
    );
    if (!last.length) return null;
    const runId = Number(last[0]!.run_id);
    const rows = await this.db.all<{ data: string; fingerprint: string; content_hash: string }>(
      'SELECT data, fingerprint, content_hash FROM findings WHERE run_id = ? AND pos = ? ORDER BY is_cross, seq',
      [runId, Number(last[0]!.pos)],
    );
    return { runId, findings: new Map(rows.map((r) => [r.fingerprint, { finding: { ...parse<Finding>(r.data), fingerprint: r.fingerprint }, contentHash: r.content_hash }])) };
  }

  /**
   * Stored summaries of these agency-years, for the cross rules: per agency-year the reports of
   * the latest run that stored it, in that run's input order (twins such as HTML + text together).
   */
  async referenceSummaries(wanted: readonly { agencyKey: string; year: number }[]): Promise<Summary[]> {
    const out: Summary[] = [];
    for (const { agencyKey: key, year } of wanted) {
      const rows = await this.db.all<{ summary: string }>(
        `SELECT r.summary FROM run_reports rr JOIN reports r ON r.id = rr.report_id
         WHERE r.agency_key = ? AND r.year = ? AND r.summary IS NOT NULL AND rr.failed = 0
           AND rr.run_id = (SELECT MAX(rr2.run_id) FROM run_reports rr2 JOIN reports r2 ON r2.id = rr2.report_id WHERE r2.agency_key = ? AND r2.year = ? AND r2.summary IS NOT NULL AND rr2.failed = 0)
         ORDER BY rr.pos`,
        [key, year, key, year],
      );
      const seen = new Set<string>();
      for (const row of rows) {
        if (seen.has(row.summary)) continue;
        seen.add(row.summary);
        out.push(parse<Summary>(row.summary));
      }
    }
    return out;
  }

  /** Reviews of these fingerprints. */
  async reviews(fingerprints: readonly string[]): Promise<Map<string, FindingReview>> {
    const map = new Map<string, FindingReview>();
    const unique = [...new Set(fingerprints)];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      const rows = await this.db.all(
        `SELECT fingerprint, state AS review_state, reason AS review_reason, reviewer AS review_by, at AS review_at FROM reviews WHERE fingerprint IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const row of rows) map.set(String(row.fingerprint), reviewOf(row)!);
    }
    return map;
  }

  /**
   * Full fingerprints for what an officer typed (a whole fingerprint or a unique prefix of at least 8
   * digits). Unknown and ambiguous ones are returned apart, so nothing is half-applied.
   */
  async resolveFingerprints(given: readonly string[]): Promise<{ found: Map<string, string>; missing: string[]; ambiguous: string[] }> {
    const found = new Map<string, string>();
    const missing: string[] = [];
    const ambiguous: string[] = [];
    for (const raw of given) {
      const text = raw.trim().toLowerCase();
      if (!/^[0-9a-f]{8,32}$/.test(text)) { missing.push(raw); continue; }
      const rows = await this.db.all<{ fingerprint: string }>(
        text.length === 32 ? 'SELECT DISTINCT fingerprint FROM findings WHERE fingerprint = ? LIMIT 2' : 'SELECT DISTINCT fingerprint FROM findings WHERE fingerprint LIKE ? LIMIT 2',
        [text.length === 32 ? text : `${text}%`],
      );
      if (!rows.length) missing.push(raw);
      else if (rows.length > 1) ambiguous.push(raw);
      else found.set(raw, rows[0]!.fingerprint);
    }
    return { found, missing, ambiguous };
  }

  /** Confirms or dismisses fingerprints (all in one transaction), recording who and when. */
  async setReview(fingerprints: readonly string[], state: ReviewState, reason: string | null, by: string | null): Promise<void> {
    const at = now();
    await this.db.transaction(async (tx) => {
      for (const fp of fingerprints) {
        await tx.run(
          `INSERT INTO reviews (fingerprint, state, reason, reviewer, at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (fingerprint) DO UPDATE SET state = excluded.state, reason = excluded.reason, reviewer = excluded.reviewer, at = excluded.at`,
          [fp, state, reason, by, at],
        );
        await tx.run('INSERT INTO review_events (fingerprint, state, reason, reviewer, at) VALUES (?, ?, ?, ?, ?)', [fp, state, reason, by, at]);
      }
    });
  }

  /** Back to unreviewed; the history keeps a `reset` event. */
  async resetReview(fingerprints: readonly string[], by: string | null): Promise<void> {
    const at = now();
    await this.db.transaction(async (tx) => {
      for (const fp of fingerprints) {
        await tx.run('DELETE FROM reviews WHERE fingerprint = ?', [fp]);
        await tx.run('INSERT INTO review_events (fingerprint, state, reason, reviewer, at) VALUES (?, ?, ?, ?, ?)', [fp, 'reset', null, by, at]);
      }
    });
  }

  /** Every change of a fingerprint's review, oldest first. */
  async reviewHistory(fingerprint: string): Promise<{ state: ReviewState | 'reset'; reason: string | null; by: string | null; at: string }[]> {
    const rows = await this.db.all('SELECT state, reason, reviewer, at FROM review_events WHERE fingerprint = ? ORDER BY id', [fingerprint]);
    return rows.map((r) => ({ state: r.state as ReviewState | 'reset', reason: (r.reason as string | null) ?? null, by: (r.reviewer as string | null) ?? null, at: String(r.at) }));
  }

  /** The runs, newest first. */
  async runs(): Promise<StoredRun[]> {
    const rows = await this.db.all('SELECT * FROM runs ORDER BY id DESC');
    return rows.map((r) => ({
      id: Number(r.id), startedAt: String(r.started_at), finishedAt: (r.finished_at as string | null) ?? null, status: r.status as RunStatus,
      toolVersion: String(r.tool_version), options: parse(r.options), inputs: parse(r.inputs), host: (r.host as string | null) ?? null,
      reportCount: Number(r.report_count),
    }));
  }

  /** A stored run as the JSON output gave it: its reports in input order, and its cross-report findings. */
  async runReports(runId: number): Promise<{ reports: Report[]; crossFindings: Finding[] }> {
    const reportRows = await this.db.all(
      `SELECT rr.pos, r.* FROM run_reports rr JOIN reports r ON r.id = rr.report_id WHERE rr.run_id = ? ORDER BY rr.pos`, [runId]);
    const findingRows = await this.db.all(
      `SELECT f.pos, f.is_cross, f.data, f.fingerprint, f.baseline_state, v.state AS review_state, v.reason AS review_reason, v.reviewer AS review_by, v.at AS review_at
       FROM findings f LEFT JOIN reviews v ON v.fingerprint = f.fingerprint WHERE f.run_id = ? ORDER BY f.is_cross, f.pos, f.seq`, [runId]);
    const reports: Report[] = [];
    const byPos = new Map<number, Report>();
    for (const row of reportRows) {
      const id = Number(row.id);
      const facts: Record<string, Fact> = {};
      for (const f of await this.db.all('SELECT key, value, raw, kind, source, extra FROM facts WHERE report_id = ? ORDER BY pos', [id])) {
        const fact: Fact = { value: num(f.value), raw: String(f.raw), kind: f.kind as Fact['kind'], source: parse(f.source) };
        facts[String(f.key)] = f.extra ? { ...fact, ...parse<object>(f.extra) } : fact;
      }
      const figures: Figure[] = (await this.db.all('SELECT data FROM figures WHERE report_id = ? ORDER BY pos', [id])).map((f) => parse<Figure>(f.data));
      const report: Report = {
        file: String(row.file), format: row.format as Report['format'], template: row.template as Report['template'],
        meta: parse(row.meta), sections: parse<Section[]>(row.sections), facts, figures, findings: [],
      };
      reports.push(report);
      byPos.set(Number(row.pos), report);
    }
    const crossFindings: Finding[] = [];
    for (const row of findingRows) {
      const finding: Finding = { ...parse<Finding>(row.data), fingerprint: String(row.fingerprint), baselineState: row.baseline_state as Finding['baselineState'] };
      const review = reviewOf(row);
      if (review) finding.review = review;
      if (Number(row.is_cross)) crossFindings.push(finding);
      else byPos.get(Number(row.pos))?.findings.push(finding);
    }
    return { reports, crossFindings };
  }

  /** WHERE of a findings query over each report's latest run (or one run), as SQL and parameters. */
  private findingsWhere(q: FindingQuery): { sql: string; params: Param[] } {
    const where: string[] = [];
    const params: Param[] = [];
    if (q.runId !== undefined) { where.push('f.run_id = ?'); params.push(q.runId); }
    else where.push(`f.run_id = (SELECT MAX(rr.run_id) FROM run_reports rr JOIN reports r2 ON r2.id = rr.report_id WHERE r2.doc_key = r.doc_key)`);
    if (q.reportId !== undefined) { where.push('f.report_id = ?'); params.push(q.reportId); }
    if (q.state === 'new') where.push('v.state IS NULL');
    else if (q.state) { where.push('v.state = ?'); params.push(q.state); }
    if (q.rule) { where.push('f.rule_id = ?'); params.push(q.rule); }
    if (q.severity) { where.push('f.severity = ?'); params.push(q.severity); }
    if (q.year !== undefined) { where.push('r.year = ?'); params.push(q.year); }
    if (q.agency) { where.push("(r.agency LIKE ? ESCAPE '\\' OR r.file LIKE ? ESCAPE '\\')"); params.push(like(q.agency), like(q.agency)); }
    if (q.text) { where.push("f.message LIKE ? ESCAPE '\\'"); params.push(like(q.text)); }
    if (q.fingerprint) { where.push('f.fingerprint = ?'); params.push(q.fingerprint); }
    return { sql: where.join(' AND '), params };
  }

  /** Findings page by page, filtered in SQL (the review command; the workbench). */
  async listFindings(q: FindingQuery = {}): Promise<Page<FindingRow>> {
    const offset = Math.max(0, q.offset ?? 0);
    const limit = Math.min(10_000, Math.max(1, q.limit ?? 100));
    const { sql, params } = this.findingsWhere(q);
    const from = 'FROM findings f JOIN reports r ON r.id = f.report_id LEFT JOIN reviews v ON v.fingerprint = f.fingerprint';
    const total = await this.db.all<{ n: number }>(`SELECT COUNT(*) AS n ${from} WHERE ${sql}`, params);
    const rows = await this.db.all(
      `SELECT f.run_id, f.report_id, f.is_cross, f.data, f.fingerprint, f.baseline_state, r.file AS report_file, r.agency, r.year,
              v.state AS review_state, v.reason AS review_reason, v.reviewer AS review_by, v.at AS review_at
       ${from} WHERE ${sql} ORDER BY r.agency_key, r.year, r.file, f.run_id, f.pos, f.is_cross, f.seq LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    return {
      total: Number(total[0]!.n), offset, limit,
      rows: rows.map((row) => {
        const finding: Finding = { ...parse<Finding>(row.data), fingerprint: String(row.fingerprint), baselineState: row.baseline_state as Finding['baselineState'] };
        const review = reviewOf(row);
        if (review) finding.review = review;
        return { runId: Number(row.run_id), reportId: Number(row.report_id), file: String(row.report_file), agency: (row.agency as string | null) ?? null, year: num(row.year), cross: Boolean(Number(row.is_cross)), finding };
      }),
    };
  }

  /**
   * Reports (each at its latest run) with their counts by severity and review state, filtered,
   * sorted and paged in SQL. A report matches a rule/severity/state/text filter when one of its findings does.
   */
  async listReports(q: ReportQuery = {}): Promise<Page<ReportRow>> {
    const offset = Math.max(0, q.offset ?? 0);
    const limit = Math.min(1000, Math.max(1, q.limit ?? 50));
    const where: string[] = ['l.run_id = (SELECT MAX(rr.run_id) FROM run_reports rr JOIN reports r2 ON r2.id = rr.report_id WHERE r2.doc_key = r.doc_key)'];
    const params: Param[] = [];
    if (q.year !== undefined) { where.push('r.year = ?'); params.push(q.year); }
    if (q.agency) { where.push("(r.agency LIKE ? ESCAPE '\\' OR r.file LIKE ? ESCAPE '\\')"); params.push(like(q.agency), like(q.agency)); }
    const findingFilter: string[] = [];
    if (q.rule) { findingFilter.push('f.rule_id = ?'); params.push(q.rule); }
    if (q.severity) { findingFilter.push('f.severity = ?'); params.push(q.severity); }
    if (q.state === 'new') findingFilter.push('v.state IS NULL');
    else if (q.state) { findingFilter.push('v.state = ?'); params.push(q.state); }
    if (q.text) { findingFilter.push("f.message LIKE ? ESCAPE '\\'"); params.push(like(q.text)); }
    if (q.baseline === 'new') findingFilter.push("f.baseline_state = 'new'");
    if (findingFilter.length) {
      where.push(`EXISTS (SELECT 1 FROM findings f LEFT JOIN reviews v ON v.fingerprint = f.fingerprint WHERE f.run_id = l.run_id AND f.pos = l.pos AND ${findingFilter.join(' AND ')})`);
    }
    const published = this.db.dialect === 'sqlite' ? "json_extract(r.meta, '$.publishedOn')" : "(r.meta::json ->> 'publishedOn')";
    const sortColumn = ({
      file: 'r.file', agency: 'r.agency_key', year: 'r.year', template: 'r.template', format: 'r.format', publishedOn: published,
      errors: 'errors', warnings: 'warnings', infos: 'infos', confirmed: 'confirmed', dismissed: 'dismissed', unreviewed: 'unreviewed',
    } as Record<string, string>)[q.sort ?? 'agency'] ?? 'r.agency_key';
    const order = q.order === 'desc' ? 'DESC' : 'ASC';
    const base = `FROM run_reports l JOIN reports r ON r.id = l.report_id WHERE ${where.join(' AND ')}`;
    const total = await this.db.all<{ n: number }>(`SELECT COUNT(*) AS n ${base}`, params);
    const counts = (condition: string): string =>
      `(SELECT COUNT(*) FROM findings f LEFT JOIN reviews v ON v.fingerprint = f.fingerprint WHERE f.run_id = l.run_id AND f.pos = l.pos AND ${condition})`;
    const rows = await this.db.all(
      `SELECT r.id, l.run_id, r.file, r.format, r.agency, r.agency_key, r.year, r.template, r.meta,
              ${counts("f.severity = 'error' AND (v.state IS NULL OR v.state <> 'dismissed')")} AS errors,
              ${counts("f.severity = 'warning' AND (v.state IS NULL OR v.state <> 'dismissed')")} AS warnings,
              ${counts("f.severity = 'info' AND (v.state IS NULL OR v.state <> 'dismissed')")} AS infos,
              ${counts("v.state = 'confirmed'")} AS confirmed,
              ${counts("v.state = 'dismissed'")} AS dismissed,
              ${counts('v.state IS NULL')} AS unreviewed
       ${base} ORDER BY ${sortColumn} ${order}, r.file, l.run_id LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    return {
      total: Number(total[0]!.n), offset, limit,
      rows: rows.map((r) => ({
        reportId: Number(r.id), runId: Number(r.run_id), file: String(r.file), format: String(r.format), agency: (r.agency as string | null) ?? null,
        agencyKey: (r.agency_key as string | null) ?? null, year: num(r.year), template: String(r.template),
        publishedOn: parse<Report['meta']>(r.meta).publishedOn ?? null,
        errors: Number(r.errors), warnings: Number(r.warnings), infos: Number(r.infos),
        confirmed: Number(r.confirmed), dismissed: Number(r.dismissed), unreviewed: Number(r.unreviewed),
      })),
    };
  }

  /**
   * One stored report whole, at a run (default: the latest run that holds it): facts, figures, its
   * findings and the cross findings of that run that belong to it, with reviews. Null when unknown.
   */
  async storedReport(reportId: number, runId?: number): Promise<StoredReport | null> {
    const at = await this.db.all(
      runId === undefined
        ? 'SELECT run_id, pos FROM run_reports WHERE report_id = ? ORDER BY run_id DESC, pos LIMIT 1'
        : 'SELECT run_id, pos FROM run_reports WHERE report_id = ? AND run_id = ? ORDER BY pos LIMIT 1',
      runId === undefined ? [reportId] : [reportId, runId],
    );
    if (!at.length) return null;
    const run = Number(at[0]!.run_id);
    const pos = Number(at[0]!.pos);
    const rows = await this.db.all('SELECT * FROM reports WHERE id = ?', [reportId]);
    const row = rows[0]!;
    const facts: Record<string, Fact> = {};
    for (const f of await this.db.all('SELECT key, value, raw, kind, source, extra FROM facts WHERE report_id = ? ORDER BY pos', [reportId])) {
      const fact: Fact = { value: num(f.value), raw: String(f.raw), kind: f.kind as Fact['kind'], source: parse(f.source) };
      facts[String(f.key)] = f.extra ? { ...fact, ...parse<object>(f.extra) } : fact;
    }
    const figures: Figure[] = (await this.db.all('SELECT data FROM figures WHERE report_id = ? ORDER BY pos', [reportId])).map((f) => parse<Figure>(f.data));
    const findings: Finding[] = [];
    for (const f of await this.db.all(
      `SELECT f.data, f.fingerprint, f.baseline_state, v.state AS review_state, v.reason AS review_reason, v.reviewer AS review_by, v.at AS review_at
       FROM findings f LEFT JOIN reviews v ON v.fingerprint = f.fingerprint WHERE f.run_id = ? AND f.pos = ? ORDER BY f.is_cross, f.seq`, [run, pos])) {
      const finding: Finding = { ...parse<Finding>(f.data), fingerprint: String(f.fingerprint), baselineState: f.baseline_state as Finding['baselineState'] };
      const review = reviewOf(f);
      if (review) finding.review = review;
      findings.push(finding);
    }
    return {
      reportId, runId: run, pos, agencyKey: (row.agency_key as string | null) ?? null, year: num(row.year), sha256: String(row.sha256),
      report: {
        file: String(row.file), format: row.format as Report['format'], template: row.template as Report['template'],
        meta: parse(row.meta), sections: parse<Section[]>(row.sections), facts, figures, findings,
      },
    };
  }

  /** The report id of an agency's stored report for a year (the latest run that stored one), or null. */
  async reportOfAgencyYear(key: string, year: number): Promise<number | null> {
    const rows = await this.db.all(
      `SELECT rr.report_id FROM run_reports rr JOIN reports r ON r.id = rr.report_id
       WHERE r.agency_key = ? AND r.year = ? AND rr.failed = 0 ORDER BY rr.run_id DESC, rr.pos LIMIT 1`, [key, year]);
    return rows.length ? Number(rows[0]!.report_id) : null;
  }

  /** Whether a file name or URL is one the store recorded as an input (the workbench serves only those). */
  async isStoredFile(file: string): Promise<boolean> {
    return (await this.db.all('SELECT 1 AS x FROM reports WHERE file = ? LIMIT 1', [file])).length > 0;
  }

  /** The cross-rule summary stored with a report (its carry-over cells, the prose of sections 一, 五, 六), or null. */
  async summaryOf(reportId: number): Promise<Summary | null> {
    const rows = await this.db.all('SELECT summary FROM reports WHERE id = ?', [reportId]);
    return rows[0]?.summary ? parse<Summary>(rows[0].summary) : null;
  }

  /** The report years the store holds, newest first (the workbench's year filter). */
  async reportYears(): Promise<number[]> {
    return (await this.db.all('SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year DESC')).map((r) => Number(r.year));
  }

  /** Review state of a fingerprint now (null = not reviewed). */
  async reviewOf(fingerprint: string): Promise<FindingReview | null> {
    return (await this.reviews([fingerprint])).get(fingerprint) ?? null;
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** `%text%` for LIKE with the wildcards in the text taken literally. */
const like = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Redacts every URL-looking string inside an options object (a --db or --prior URL with a password). */
function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return redactUrl(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
  return value;
}
