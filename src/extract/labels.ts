/**
 * Label normalisation and tolerant matching for table row labels and column headers.
 * Reports vary brackets, quotes, spaces, 、 vs . after item numbers, and make typos;
 * we compare normalised text, then the label's core (without its item number), then edit distance.
 */

/** NFKC, no spaces or quotes, `1、` → `1.`, no trailing colon. */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/gu, '')
    .replace(/[“”"‘’'「」『』]/gu, '')
    .replace(/[【〔［]/gu, '[')
    .replace(/[】〕］]/gu, ']')
    .replace(/^(\d+)[、.．,，]/u, '$1.')
    .replace(/^([一二三四五六七八九十]+)[.．、,，]/u, '$1、')
    .replace(/[:：]+$/u, '');
}

/** The label without its leading item number: 一、 / (一) / 1. */
export function labelCore(text: string): string {
  return normaliseLabel(text).replace(/^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)/u, '');
}

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
 * How well `text` names `label` (0..1). 1 exact; 0.95 same core; 0.85 one core contains the other
 * (wrapped or truncated labels; only for cores of 4+ characters so 其他 never matches 其他处理);
 * otherwise 1 − distance/length when that is at least 0.75 (typos); else 0.
 */
export function labelScore(text: string, label: string): number {
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
  const ratio = 1 - editDistance(ca, cb) / Math.max(ca.length, cb.length);
  return ratio >= 0.75 && Math.min(ca.length, cb.length) >= 3 ? ratio * 0.9 : 0;
}

/** Best score of `text` against a label and its aliases. */
export function bestScore(text: string, label: string, aliases: readonly string[] = []): number {
  let best = labelScore(text, label);
  for (const alias of aliases) best = Math.max(best, labelScore(text, alias));
  return best;
}
