/**
 * The workbench's HTTP app (Hono): pages, a JSON API over the store, review, export, and the
 * original files the store recorded. It reads only the store and those files.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import type { Fact, Finding, Severity } from '../model.js';
import { csvReporter } from '../report/csv.js';
import type { Reporter } from '../report/types.js';
import { xlsxReporter } from '../report/xlsx.js';
import { TEMPLATES } from '../templates/index.js';
import { REPORT_SORTS, type AuditStore, type ReportQuery, type ReportSort, type StoredReport } from '../store/store.js';
import { APP_CSS, APP_JS } from './assets.js';
import { type Comparison, type OverviewFilters, PAGE_SIZE, overviewPage, reportPage } from './pages.js';

export interface WorkbenchOptions {
  /** Per-server token for state-changing requests (random when not given). */
  token?: string;
  /** Folder relative file names in the store are resolved against (default: the working directory). */
  root?: string;
  /** Reviewer name recorded with each change. */
  reviewer?: string | null;
  /** Host names the server answers to (DNS rebinding): the bound host, localhost, 127.0.0.1, ::1. */
  allowedHosts?: readonly string[];
  /** Tool version written into exports. */
  version?: string;
}

const CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const SEVERITIES = new Set(['error', 'warning', 'info']);
const STATES = new Set(['new', 'confirmed', 'dismissed', 'unreviewed']);

/** The overview's filters from a query string (anything unknown is dropped). */
export function parseFilters(query: Record<string, string | undefined>): OverviewFilters {
  const f: OverviewFilters = {};
  const text = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim().slice(0, 200) : undefined);
  f.agency = text(query.agency);
  f.text = text(query.text);
  f.rule = text(query.rule);
  if (query.year && /^\d{4}$/.test(query.year)) f.year = Number(query.year);
  if (query.severity && SEVERITIES.has(query.severity)) f.severity = query.severity as Severity;
  if (query.state && STATES.has(query.state)) f.state = query.state as OverviewFilters['state'];
  if (query.sort && (REPORT_SORTS as readonly string[]).includes(query.sort)) f.sort = query.sort;
  if (query.order === 'asc' || query.order === 'desc') f.order = query.order;
  if (query.page && /^\d{1,6}$/.test(query.page) && Number(query.page) > 1) f.page = Number(query.page);
  for (const k of Object.keys(f) as (keyof OverviewFilters)[]) if (f[k] === undefined) delete f[k];
  return f;
}

/** Filters → the store's report query (state `unreviewed` is the store's `new`; `new` is the baseline state). */
export function reportQuery(f: OverviewFilters): ReportQuery {
  return {
    agency: f.agency, year: f.year, rule: f.rule, severity: f.severity, text: f.text,
    state: f.state === 'unreviewed' ? 'new' : f.state === 'confirmed' || f.state === 'dismissed' ? f.state : undefined,
    baseline: f.state === 'new' ? 'new' : undefined,
    sort: (f.sort as ReportSort | undefined) ?? 'agency', order: f.order ?? 'asc',
    offset: ((f.page ?? 1) - 1) * PAGE_SIZE, limit: PAGE_SIZE,
  };
}

/** Whether a finding passes the finding filters (rule, severity, state, text) — for exports. */
function findingMatches(f: OverviewFilters, finding: Finding): boolean {
  if (f.rule && finding.ruleId !== f.rule) return false;
  if (f.severity && finding.severity !== f.severity) return false;
  if (f.text && !finding.message.includes(f.text)) return false;
  if (f.state === 'unreviewed' && finding.review) return false;
  if ((f.state === 'confirmed' || f.state === 'dismissed') && finding.review?.state !== f.state) return false;
  if (f.state === 'new' && finding.baselineState !== 'new') return false;
  return true;
}

export function countsOf(findings: readonly Finding[]): Record<string, number> {
  const counts = { error: 0, warning: 0, info: 0, confirmed: 0, dismissed: 0, unreviewed: 0 };
  for (const f of findings) {
    if (f.review?.state !== 'dismissed') counts[f.severity]++;
    if (f.review) counts[f.review.state]++;
    else counts.unreviewed++;
  }
  return counts;
}

const sameToken = (given: string | undefined, token: string): boolean => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
};

const MIME: Record<string, string> = {
  '.pdf': 'application/pdf', '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8', '.markdown': 'text/plain; charset=utf-8',
};

export function createWorkbench(store: AuditStore, options: WorkbenchOptions = {}) {
  const token = options.token ?? randomBytes(24).toString('hex');
  const root = options.root ?? process.cwd();
  const allowed = new Set((options.allowedHosts ?? []).map((h) => h.toLowerCase()));
  const app = new Hono();

  app.use('*', async (c, next) => {
    // DNS rebinding: answer only to the names the server was bound under.
    if (allowed.size) {
      const host = (c.req.header('host') ?? '').toLowerCase().replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
      if (!allowed.has(host)) return c.text('主机名不被接受 (host not allowed)', 421);
    }
    await next();
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cache-Control', 'no-store');
  });

  app.get('/static/app.css', (c) => c.body(APP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/static/app.js', (c) => c.body(APP_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/favicon.ico', (c) => c.body(null, 204));

  let yearsCache: { at: number; years: number[] } | null = null;
  const years = async (): Promise<number[]> => {
    if (yearsCache && Date.now() - yearsCache.at < 10_000) return yearsCache.years;
    yearsCache = { at: Date.now(), years: await store.reportYears() };
    return yearsCache.years;
  };

  app.get('/', async (c) => {
    const started = performance.now();
    const filters = parseFilters(c.req.query());
    const page = await store.listReports(reportQuery(filters));
    return c.html(overviewPage(token, filters, page, await years(), Math.round(performance.now() - started)));
  });

  app.get('/api/reports', async (c) => c.json(await store.listReports(reportQuery(parseFilters(c.req.query())))));

  app.get('/api/findings', async (c) => {
    const f = parseFilters(c.req.query());
    const q = reportQuery(f);
    const reportId = Number(c.req.query('report'));
    return c.json(await store.listFindings({
      agency: q.agency, year: q.year, rule: q.rule, severity: q.severity, text: q.text, state: q.state,
      reportId: Number.isInteger(reportId) && reportId > 0 ? reportId : undefined, offset: q.offset, limit: q.limit,
    }));
  });

  const loadReport = async (c: Context): Promise<StoredReport | null> => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id <= 0) return null;
    return store.storedReport(id);
  };

  app.get('/api/report/:id', async (c) => {
    const stored = await loadReport(c);
    return stored ? c.json(stored) : c.json({ error: '没有这份报告 (no such report)' }, 404);
  });

  app.get('/report/:id', async (c) => {
    const stored = await loadReport(c);
    if (!stored) return c.text('没有这份报告 (no such report)', 404);
    let comparison: Comparison | null = null;
    if (stored.agencyKey && stored.year) {
      const priorId = await store.reportOfAgencyYear(stored.agencyKey, stored.year - 1);
      const prior = priorId === null ? null : await store.storedReport(priorId);
      if (prior) {
        const cols = TEMPLATES['2021'].t3.columns;
        const fact = (facts: Record<string, Fact>, key: string): Fact | undefined => facts[key];
        comparison = {
          prior, texts: [],
          carry: cols.map((col) => ({
            key: col.key, label: col.parent ? `${col.parent}·${col.label}` : col.label,
            now: fact(stored.report.facts, `t3.carried_over.${col.key}`), before: fact(prior.report.facts, `t3.carried_forward.${col.key}`),
          })),
        };
        // Copied text: the section of this year and of last year side by side, the copied example marked.
        const copied = stored.report.findings.filter((f) => f.ruleId === 'cross-year/copied-text' && f.related?.some((r) => r.source.file === prior.report.file));
        if (copied.length) {
          const [now, before] = await Promise.all([store.summaryOf(stored.reportId), store.summaryOf(prior.reportId)]);
          for (const f of copied) {
            const mine = now?.texts.find((t) => t.source.line === f.source.line && t.source.offset === f.source.offset && t.source.page === f.source.page);
            const theirs = mine && before?.texts.find((t) => t.section === mine.section);
            if (!mine || !theirs) continue;
            const span = /例如：“([\s\S]*)”$/.exec(f.message)?.[1]?.replace(/…$/, '') ?? '';
            comparison.texts.push({ section: mine.section, now: mine.text, before: theirs.text, span });
          }
        }
      }
    }
    const file = stored.report.file;
    const link = /^https?:\/\//i.test(file) ? file : `/original/${stored.reportId}`;
    return c.html(reportPage(token, stored, comparison, link));
  });

  // The original file of a stored report: only a file name the store recorded, never a path from the request.
  app.get('/original/:id', async (c) => {
    const stored = await loadReport(c);
    if (!stored || /^https?:\/\//i.test(stored.report.file) || stored.report.file === '<input>') return c.text('没有原文件 (no original file)', 404);
    const path = resolve(root, stored.report.file);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return c.text('原文件不在原处 (the original file is no longer there)', 404);
    const type = MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
    const body = Readable.toWeb(createReadStream(path)) as ReadableStream;
    // The document's own markup must not run in the workbench's origin: sandboxed, no scripts.
    return c.body(body, 200, {
      'Content-Type': type, 'Content-Length': String(info.size),
      'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    });
  });

  app.post('/api/review', async (c) => {
    if (!sameToken(c.req.header('x-xxgk-token'), token)) return c.json({ error: '缺少或错误的令牌 (missing or wrong token)' }, 403);
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) return c.json({ error: '需要 JSON (JSON required)' }, 415);
    const origin = c.req.header('origin');
    if (origin && new URL(c.req.url).origin !== origin) return c.json({ error: '跨站请求被拒绝 (cross-site request refused)' }, 403);
    let body: { fingerprint?: unknown; action?: unknown; reason?: unknown; report?: unknown };
    try { body = await c.req.json(); } catch { return c.json({ error: '请求格式错误 (bad JSON)' }, 400); }
    const fp = typeof body.fingerprint === 'string' && /^[0-9a-f]{32}(#\d+)?$/.test(body.fingerprint) ? body.fingerprint : null;
    const reason = typeof body.reason === 'string' ? body.reason.trim().slice(0, 500) : '';
    if (!fp) return c.json({ error: '指纹无效 (bad fingerprint)' }, 400);
    const known = await store.resolveFingerprints([fp]);
    if (!known.found.size) return c.json({ error: '库中没有这个指纹 (unknown fingerprint)' }, 404);
    if (body.action === 'confirm') await store.setReview([fp], 'confirmed', reason || null, options.reviewer ?? null);
    else if (body.action === 'dismiss') {
      if (!reason) return c.json({ error: '忽略需写明理由 (a reason is required)' }, 400);
      await store.setReview([fp], 'dismissed', reason, options.reviewer ?? null);
    } else if (body.action === 'reset') await store.resetReview([fp], options.reviewer ?? null);
    else return c.json({ error: '未知操作 (unknown action)' }, 400);
    const review = await store.reviewOf(fp);
    const reportId = Number(body.report);
    const stored = Number.isInteger(reportId) && reportId > 0 ? await store.storedReport(reportId) : null;
    return c.json({ fingerprint: fp, state: review?.state ?? null, reason: review?.reason ?? null, at: review?.at ?? null, counts: stored ? countsOf(stored.report.findings) : null });
  });

  app.get('/api/history/:fingerprint', async (c) => c.json(await store.reviewHistory(c.req.param('fingerprint'))));

  /** Every report of the filter, whole, findings narrowed to the filter, into a reporter. */
  const exportTo = async (filters: OverviewFilters, reporter: Reporter): Promise<void> => {
    reporter.start();
    const q = reportQuery({ ...filters, page: undefined });
    for (let offset = 0; ; offset += 500) {
      const page = await store.listReports({ ...q, offset, limit: 500 });
      for (const row of page.rows) {
        const stored = await store.storedReport(row.reportId, row.runId);
        if (!stored) continue;
        reporter.report({ ...stored.report, findings: stored.report.findings.filter((f) => findingMatches(filters, f)) });
      }
      if (offset + page.rows.length >= page.total || !page.rows.length) break;
    }
    await reporter.finish([]);
  };

  app.get('/export.xlsx', async (c) => {
    const chunks: Uint8Array[] = [];
    await exportTo(parseFilters(c.req.query()), xlsxReporter((chunk) => { chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk); }, { version: options.version }));
    return c.body(Buffer.concat(chunks), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': 'attachment; filename="xxgk-audit.xlsx"',
    });
  });

  app.get('/export.csv', async (c) => {
    const parts: string[] = [];
    await exportTo(parseFilters(c.req.query()), csvReporter((chunk) => { parts.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')); }));
    return c.body(parts.join(''), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="xxgk-audit.csv"' });
  });

  app.notFound((c) => c.text('没有这个页面 (not found)', 404));
  app.onError((error, c) => c.text(`服务器错误 (server error): ${error.message}`, 500));

  return { app, token };
}
