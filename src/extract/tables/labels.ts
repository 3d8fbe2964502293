/**
 * Label normalisation and tolerant matching for table row labels and column headers.
 * Reports vary brackets, quotes, spaces, 、 vs . after item numbers, and make typos;
 * we compare normalised text, then the label's core (without its item number), then edit distance;
 * a label that lost characters is matched only when it fits one label of its table and no other.
 */

import { ownCopy, TextMemo } from '../../util/text-memo.js';

/**
 * Memo for the pure functions below: the same cell and template texts are compared many times
 * (every cell against every label of both templates). The result is copied too: when nothing
 * changes, normalize() and replace() return their input, a view into the document.
 */
function memo(fn: (text: string) => string): (text: string) => string {
  const cache = new TextMemo<string>();
  return (text) => {
    let out = cache.get(text);
    if (out === undefined) cache.set(text, (out = ownCopy(fn(text))));
    return out;
  };
}

/** NFKC, no spaces or quotes, `1、` → `1.`, no trailing colon. */
export const normaliseLabel = memo((text: string): string =>
  text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/gu, '')
    .replace(/[“”"‘’'「」『』]/gu, '')
    .replace(/[【〔［]/gu, '[')
    .replace(/[】〕］]/gu, ']')
    .replace(/^(\d+)[、.．,，]/u, '$1.')
    .replace(/^([一二三四五六七八九十]+)[.．、,，]/u, '$1、')
    .replace(/[:：]+$/u, ''),
);

/** The label without its leading item number: 一、 / (一) / 1. */
export const labelCore = memo((text: string): string =>
  normaliseLabel(text).replace(/^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)/u, ''),
);

/** Levenshtein distance (labels are short). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n]!;
}

/**
 * A lower bound of editDistance(a, b) that costs one pass over each: the characters of the longer
 * string that have no equal character left in the other (each of them takes one edit at least).
 */
export function unmatchedCount(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (let i = 0; i < a.length; i++) counts.set(a[i]!, (counts.get(a[i]!) ?? 0) + 1);
  let common = 0;
  for (let i = 0; i < b.length; i++) {
    const left = counts.get(b[i]!);
    if (left) { common++; counts.set(b[i]!, left - 1); }
  }
  return Math.max(a.length, b.length) - common;
}

/** text → label → score; nested maps, so a lookup builds no key string. Labels are template strings. */
const scores = new TextMemo<Map<string, number>>(2_000);

/**
 * How well `text` names `label` (0..1). 1 exact; 0.95 same core; 0.85 one core contains the other
 * (wrapped or truncated labels; only for cores of 4+ characters so 其他 never matches 其他处理);
 * otherwise 1 − distance/length when that is at least 0.75 (typos); else 0.
 */
export function labelScore(text: string, label: string): number {
  // Memoised: every cell is scored against every label of both templates, often more than once.
  let byLabel = scores.get(text);
  if (byLabel === undefined) scores.set(text, (byLabel = new Map()));
  let score = byLabel.get(label);
  if (score === undefined) byLabel.set(label, (score = scoreLabel(text, label)));
  return score;
}

function scoreLabel(text: string, label: string): number {
  const a = normaliseLabel(text);
  const b = normaliseLabel(label);
  if (!a || !b) return 0;
  if (a === b) return 1;
  const ca = labelCore(text);
  const cb = labelCore(label);
  if (!ca || !cb) return 0;
  // 总计 is a column, （七）总计 a row: a bare short word does not name a numbered label.
  if (ca === cb) return ca.length >= 3 || (ca.length < a.length) === (cb.length < b.length) ? 0.95 : 0.7;
  const short = ca.length <= cb.length ? ca : cb;
  const long = ca.length <= cb.length ? cb : ca;
  if (short.length >= 4 && long.includes(short) && short.length / long.length >= 0.4) return 0.85;
  // The distance is at least the difference in length: skip the table when that alone is too far.
  const longest = Math.max(ca.length, cb.length);
  if (short.length < 3 || long.length - short.length > longest * 0.25) return 0;
  // Most pairs (a cell against an unrelated label) share too few characters to be a typo: no table for them.
  if (1 - unmatchedCount(ca, cb) / longest < 0.75) return 0;
  const ratio = 1 - editDistance(ca, cb) / longest;
  return ratio >= 0.75 ? ratio * 0.9 : 0;
}

/** Best score of `text` against a label and its aliases. */
export function bestScore(text: string, label: string, aliases: readonly string[] = []): number {
  let best = labelScore(text, label);
  for (const alias of aliases) best = Math.max(best, labelScore(text, alias));
  return best;
}

/** Length of the longest common subsequence (labels are short). */
export function lcsLength(a: string, b: string): number {
  if (!a || !b) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = [0];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

const ITEM_NUMBER = /^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)/u;

/** Lowest dropped-character score accepted by `uniqueLabel`, and the lead it needs over the runner-up. */
export const DROPPED_MIN = 0.7;
const DROPPED_LEAD = 0.25;

/**
 * How well `text` names `label` when the printed label lost (or gained) characters, as in
 * `2.其他法律行政止公开` for `2.其他法律行政法规禁止公开` (0..1): the longest common subsequence of the
 * cores over the longer core. Item numbers, when both have one, must be the same; at most one
 * character of the shorter core may differ (the rest are drops), and it needs 4+ characters.
 */
export function droppedScore(text: string, label: string): number {
  const na = ITEM_NUMBER.exec(normaliseLabel(text))?.[0];
  const nb = ITEM_NUMBER.exec(normaliseLabel(label))?.[0];
  if (na && nb && na !== nb) return 0;
  const ca = labelCore(text);
  const cb = labelCore(label);
  const short = Math.min(ca.length, cb.length);
  if (short < 4) return 0;
  const common = lcsLength(ca, cb);
  if (common < short - 1) return 0;
  return common / Math.max(ca.length, cb.length);
}

/**
 * The one candidate that `text` names with dropped characters, or null. Only for a text no label
 * matches otherwise: the best candidate must score at least DROPPED_MIN and lead every other label
 * of the same table by DROPPED_LEAD, so a damaged label can never be read as a neighbouring row.
 */
export function uniqueLabel<T extends { key: string; label: string; aliases?: readonly string[] }>(
  text: string,
  candidates: readonly T[],
): { item: T; score: number } | null {
  let best: { item: T; score: number } | null = null;
  let second = 0;
  for (const item of candidates) {
    let score = droppedScore(text, item.label);
    for (const alias of item.aliases ?? []) score = Math.max(score, droppedScore(text, alias));
    if (!best || score > best.score) {
      if (best && best.item.key !== item.key) second = Math.max(second, best.score);
      best = { item, score };
    } else if (item.key !== best.item.key) second = Math.max(second, score);
  }
  if (!best || best.score < DROPPED_MIN || best.score - second < DROPPED_LEAD) return null;
  return best;
}

/**
 * Characters a report may insert, drop or swap in a label without changing which row it names:
 * conjunctions and particles (和 及 与 或 的 其 之 并 等), and punctuation between words. Compared
 * without them, `其他法律和行政法规禁止公开` and `其他法律行政法规禁止公开` are the same words.
 */
const FUNCTION_CHARS = /[和及与或的其之并等、，,；;：:·\-—–“”"'‘’「」『』()\[\]（）【】\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]/gu;

/** A label's core without function characters, for variant matching. */
export const contentCore = memo((text: string): string => labelCore(text).replace(FUNCTION_CHARS, ''));

/**
 * How well `text` names `label` when words were inserted, dropped or replaced (0..1): the longest common
 * subsequence of the content cores over the longer one. Item numbers, when both have one, must agree.
 * `行政机关不再受理` for `…行政机关不再处理…` or `法律和行政法规` for `法律行政法规` score high; the caller
 * decides with the runner-up (a variant must name one row of its table clearly better than any other).
 */
export function variantScore(text: string, label: string): number {
  const na = ITEM_NUMBER.exec(normaliseLabel(text))?.[0];
  const nb = ITEM_NUMBER.exec(normaliseLabel(label))?.[0];
  if (na && nb && na !== nb) return 0;
  const ca = contentCore(text);
  const cb = contentCore(label);
  const short = Math.min(ca.length, cb.length);
  if (short < 2) return 0;
  const common = lcsLength(ca, cb);
  const whole = common / Math.max(ca.length, cb.length);
  // A shortened label (`…行政机关不再受理` for the full row) is nearly all inside the template's: scored
  // lower than a whole match, and only for 6+ content characters, so a stray word never names a row.
  const contained = common / short;
  return short >= 6 && contained >= 0.85 ? Math.max(whole, 0.75 * contained) : whole;
}

/** Lowest variant score accepted by `variantLabel`, and the lead it needs over the runner-up. */
export const VARIANT_MIN = 0.6;
const VARIANT_LEAD = 0.2;

/**
 * The one candidate that `text` names with words inserted, dropped or replaced, or null: the best
 * must score VARIANT_MIN and lead every other candidate by VARIANT_LEAD. For texts no label matches
 * otherwise; candidates are the rows still unread, so a variant never takes a row that was found.
 */
export function variantLabel<T extends { key: string; label: string; aliases?: readonly string[] }>(
  text: string,
  candidates: readonly T[],
): { item: T; score: number } | null {
  let best: { item: T; score: number } | null = null;
  let second = 0;
  for (const item of candidates) {
    let score = variantScore(text, item.label);
    for (const alias of item.aliases ?? []) score = Math.max(score, variantScore(text, alias));
    if (!best || score > best.score) {
      if (best && best.item.key !== item.key) second = Math.max(second, best.score);
      best = { item, score };
    } else if (item.key !== best.item.key) second = Math.max(second, score);
  }
  if (!best || best.score < VARIANT_MIN || best.score - second < VARIANT_LEAD) return null;
  return best;
}
