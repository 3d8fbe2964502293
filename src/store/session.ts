import { agencyKey } from '../batch/rules/util.js';
import { auditMany, type AuditManyOptions, type BatchInput, type BatchItem } from '../batch/run.js';
import type { Summary } from '../batch/types.js';
import type { BaselineState, Finding, FindingReview, Report } from '../model.js';
import { contentHash, documentKey, fingerprintAll, reportIdentity } from './fingerprint.js';
import type { AuditStore, CrossEntry, PreviousFindings, ReportEntry, RunStatus } from './store.js';

export interface StoreSessionOptions {
  store: AuditStore;
  toolVersion: string;
  /** What the runs table records of the run's options. */
  runOptions?: Record<string, unknown>;
  /** The inputs as given (for the runs table). */
  inputs?: readonly string[];
  /** Output only the findings that are new against the last stored run (all are stored). */
  onlyNew?: boolean;
  /** Reports buffered before a write transaction (default 64): fewer commits, each report whole. */
  batchSize?: number;
}

/** The `cross` item of a stored run also lists the findings of the last run that are gone. */
export type StoreSessionResult =
  | Exclude<BatchItem, { type: 'cross' }>
  | { type: 'cross'; findings: Finding[]; absent: Finding[]; runId: number };

interface DocState {
  pos: number;
  identity: string;
  /** Fingerprint bases already used in this report (own findings, then cross ones). */
  seen: Map<string, number>;
  previous: PreviousFindings | null;
  current: Set<string>;
}

export const isSuppressed = (finding: Finding): boolean => finding.review?.state === 'dismissed';

function baselineState(previous: PreviousFindings | null, fingerprint: string, finding: Finding): BaselineState {
  const before = previous?.findings.get(fingerprint);
  if (!before) return 'new';
  return before.contentHash === contentHash(finding) ? 'unchanged' : 'updated';
}

function annotate(findings: readonly Finding[], fingerprints: readonly string[], doc: DocState | null, reviews: Map<string, FindingReview>): Finding[] {
  return findings.map((finding, i) => {
    const fingerprint = fingerprints[i]!;
    doc?.current.add(fingerprint);
    const out: Finding = { ...finding, fingerprint, baselineState: baselineState(doc?.previous ?? null, fingerprint, finding) };
    const review = reviews.get(fingerprint);
    if (review) out.review = review;
    return out;
  });
}

/**
 * `auditMany` into a store: one run row, each report stored (in transactions of `batchSize` whole
 * reports) with fingerprinted findings and their baseline state, reviews applied, last year's
 * stored reports given to the cross rules, and the run marked done only once its cross findings are in.
 * A run that is interrupted or fails keeps what was stored and is marked so; baselines only use done runs.
 */
export async function* auditIntoStore(
  inputs: Iterable<BatchInput> | AsyncIterable<BatchInput>,
  options: AuditManyOptions,
  session: StoreSessionOptions,
): AsyncGenerator<StoreSessionResult> {
  const { store } = session;
  const runId = await store.beginRun({ toolVersion: session.toolVersion, options: session.runOptions ?? {}, inputs: session.inputs ?? [] });
  const batchSize = Math.max(1, session.batchSize ?? 64);
  const docs: DocState[] = [];
  const byFile = new Map<string, DocState>();
  const pending: ReportEntry[] = [];
  const ids = new Map<number, number>();
  let status = 'failed' as RunStatus;
  let crossSeen = false;
  const flush = async (): Promise<void> => {
    if (!pending.length) return;
    for (const [pos, id] of await store.addReports(runId, session.toolVersion, pending.splice(0))) ids.set(pos, id);
  };
  const references = async (summaries: readonly Summary[]): Promise<Summary[]> => {
    const present = new Set<string>();
    for (const s of summaries) { const key = agencyKey(s.agency); if (key && s.year != null) present.add(`${key}\u0000${s.year}`); }
    const wanted = new Map<string, { agencyKey: string; year: number }>();
    for (const s of summaries) {
      const key = agencyKey(s.agency);
      if (!key || s.year == null) continue;
      const id = `${key}\u0000${s.year - 1}`;
      if (!present.has(id)) wanted.set(id, { agencyKey: key, year: s.year - 1 });
    }
    return store.referenceSummaries([...wanted.values()]);
  };
  const filter = (findings: Finding[]): Finding[] => (session.onlyNew ? findings.filter((f) => f.baselineState === 'new') : findings);

  const finish = async (crossFindings: readonly Finding[]): Promise<{ findings: Finding[]; absent: Finding[] }> => {
    await flush();
    const orphanSeen = new Map<string, number>();
    const entries: CrossEntry[] = [];
    const prepared = crossFindings.map((finding) => {
      const doc = byFile.get(finding.source.file) ?? null;
      const [fingerprint] = fingerprintAll(doc?.identity ?? `file:${finding.source.file}`, [finding], doc?.seen ?? orphanSeen);
      return { finding, fingerprint: fingerprint!, doc };
    });
    const reviews = await store.reviews(prepared.map((p) => p.fingerprint));
    const annotated = prepared.map(({ finding, fingerprint, doc }) => {
      const [out] = annotate([finding], [fingerprint], doc, reviews);
      if (doc) entries.push({ pos: doc.pos, finding: out! });
      return out!;
    });
    const absent: Finding[] = [];
    for (const doc of docs) {
      if (!doc.previous) continue;
      for (const [fingerprint, { finding }] of doc.previous.findings) {
        if (!doc.current.has(fingerprint)) absent.push({ ...finding, fingerprint, baselineState: 'absent' });
      }
    }
    const absentReviews = await store.reviews(absent.map((f) => f.fingerprint!));
    for (const f of absent) { const review = absentReviews.get(f.fingerprint!); if (review) f.review = review; }
    await store.finishRun(runId, 'done', entries, ids);
    status = 'done';
    return { findings: filter(annotated), absent };
  };

  try {
    for await (const item of auditMany(inputs, { ...options, keepSummaries: true, references })) {
      if (item.type === 'cross') {
        crossSeen = true;
        const { findings, absent } = await finish(item.findings);
        yield { type: 'cross', findings, absent, runId };
        continue;
      }
      if (item.failed?.code === 'aborted') { yield item; continue; }
      const report = item.report;
      const identity = reportIdentity(report);
      const doc: DocState = { pos: item.index, identity, seen: new Map(), previous: null, current: new Set() };
      doc.previous = item.failed ? null : await store.previousFindings(documentKey(report), runId);
      const fingerprints = fingerprintAll(identity, report.findings, doc.seen);
      const findings = annotate(report.findings, fingerprints, doc, await store.reviews(fingerprints));
      docs.push(doc);
      if (!byFile.has(report.file)) byFile.set(report.file, doc);
      const stored: Report = { ...report, findings };
      pending.push({ pos: item.index, report: stored, summary: item.summary ?? null, sha256: item.summary?.contentHash ?? '', failed: Boolean(item.failed) });
      if (pending.length >= batchSize) await flush();
      const { summary, ...rest } = item;
      void summary;
      yield { ...rest, report: { ...stored, findings: filter(findings) } };
    }
    // --no-cross: no cross item came, the run still ends (and says what is absent).
    if (!crossSeen && !options.signal?.aborted) {
      const { absent } = await finish([]);
      yield { type: 'cross', findings: [], absent, runId };
    }
  } finally {
    if (status !== 'done') {
      // Keep what was audited (each report whole), and say the run did not finish.
      try {
        await flush();
        await store.finishRun(runId, options.signal?.aborted ? 'aborted' : 'failed');
      } catch { /* the store itself failed: its error is already on its way up */ }
    }
  }
}
