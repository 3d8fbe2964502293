import type { Finding } from '../model.js';

/**
 * A rule pack for evaluators (config file `scorecard`, docs/scorecard.md): points taken off per
 * finding of a rule, with a cap per agency-year. Example packs are in docs/, none is an official scheme.
 */
export interface Scorecard {
  name: string;
  /** Points an agency starts from (default 100). */
  base?: number;
  /** The most points taken from one agency's report of one year. */
  cap: number;
  /**
   * Rule id (or `family/*`) → points per finding, or `{ points, per }` with `per: 'report'` to take
   * them once however many findings the rule has. The most specific entry wins (`t3/balance` over `t3/*`).
   */
  deductions: Record<string, number | { points: number; per?: 'finding' | 'report' }>;
}

export interface ScoreLine { ruleId: string; findings: number; points: number }
export interface Score { base: number; deducted: number; capped: boolean; score: number; lines: ScoreLine[] }

function entryFor(card: Scorecard, ruleId: string): { points: number; per: 'finding' | 'report' } | null {
  const entry = card.deductions[ruleId] ?? card.deductions[`${ruleId.split('/')[0]}/*`];
  if (entry === undefined) return null;
  return typeof entry === 'number' ? { points: entry, per: 'finding' } : { points: entry.points, per: entry.per ?? 'finding' };
}

/**
 * The score of one agency-year from its findings. Dismissed findings take nothing off; the same
 * fingerprint twice (the HTML and text copies of one report) counts once.
 */
export function scoreFindings(card: Scorecard, findings: readonly Finding[]): Score {
  const seen = new Set<string>();
  const byRule = new Map<string, number>();
  for (const f of findings) {
    if (f.review?.state === 'dismissed') continue;
    const id = f.fingerprint ?? `${f.ruleId}\u0000${f.source.file}\u0000${f.message}`;
    const dedupe = f.fingerprint ? id : `${f.ruleId}\u0000${f.message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  }
  const lines: ScoreLine[] = [];
  for (const [ruleId, count] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    const entry = entryFor(card, ruleId);
    if (!entry) continue;
    lines.push({ ruleId, findings: count, points: entry.per === 'report' ? entry.points : entry.points * count });
  }
  const base = card.base ?? 100;
  const total = lines.reduce((sum, l) => sum + l.points, 0);
  const deducted = Math.min(card.cap, total);
  return { base, deducted: round(deducted), capped: total > card.cap, score: round(base - deducted), lines };
}

const round = (n: number): number => Math.round(n * 100) / 100;
