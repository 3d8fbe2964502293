/**
 * Parts that carry their share of a whole (`予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；…`)
 * belong to the total their shares point at, even when no 其中 or 共 joins them to it (the total may
 * stand in the sentence before). The shares decide: a stated total is taken only when most parts'
 * shares agree with part ÷ total, so a wrong share (the report's error) does not hide the total.
 */
import type { Figure } from '../../model.js';

/** What the figure extractor knows about each figure of one paragraph. */
export interface PlacedFigure {
  figure: Figure;
  /** Offsets in the paragraph of the number and of the end of the unit. */
  at: number;
  end: number;
  nested: boolean;
  sentence: number;
}

/** Text between a part and its share: `，占`, `，约占全部的`. */
const SHARE_GAP = /^[\s，,（(]*(?:约?占(?:比)?[^，,；;。\d]{0,8})$/u;
/** Text between two parts of one list. */
const LIST_GAP = /^[^。！？!?]*$/u;

/** Decimals written in a share: `4.34` → 2. */
const decimals = (raw: string): number => /[.．](\d+)/u.exec(raw)?.[1]?.length ?? 0;

/** Does `part` / `total` round to the share as written (one unit of its last digit of slack)? */
export function shareAgrees(part: number, total: number, share: Figure): boolean {
  if (total <= 0) return false;
  const slack = 10 ** -decimals(share.raw) + 1e-9;
  return Math.abs((100 * part) / total - share.value) <= slack;
}

/** The share figure right after `raws[i]` (same sentence, joined by 占), if any. */
function shareOf(text: string, raws: PlacedFigure[], i: number): Figure | null {
  const next = raws[i + 1];
  const part = raws[i]!;
  if (!next || next.figure.unit !== '%' || next.sentence !== part.sentence) return null;
  return SHARE_GAP.test(text.slice(part.end, next.at)) ? next.figure : null;
}

/**
 * Sets `partOf` (indices are `base` + index in `raws`) for runs of three or more parts with shares,
 * in one sentence, whose shares point at an earlier count of the same unit in that sentence or the
 * one before. Parts already linked by 其中/共 are left alone.
 */
export function linkShares(text: string, raws: PlacedFigure[], base: number): void {
  let i = 0;
  while (i < raws.length) {
    // A run: counts of one unit in one sentence, most with a share, none nested or linked already.
    const first = raws[i]!;
    if (first.figure.unit === '%' || first.nested || first.figure.partOf !== undefined || !shareOf(text, raws, i)) {
      i++;
      continue;
    }
    const run: number[] = [i];
    let j = i + 2;
    while (j < raws.length) {
      const r = raws[j]!;
      const prev = raws[run[run.length - 1]!]!;
      if (r.figure.unit === '%') break;
      if (r.sentence !== first.sentence || r.nested || r.figure.partOf !== undefined || r.figure.unit !== first.figure.unit) break;
      if (!LIST_GAP.test(text.slice(prev.end, r.at))) break;
      run.push(j);
      j += shareOf(text, raws, j) ? 2 : 1;
    }
    i = j;
    const shared = run.filter((k) => shareOf(text, raws, k));
    if (shared.length < 3) continue;
    // The total: an earlier count of the same unit, in this sentence or the one before, that most shares agree with.
    let best: { index: number; agree: number } | null = null;
    for (let t = run[0]! - 1; t >= 0; t--) {
      const total = raws[t]!;
      if (total.sentence < first.sentence - 1) break;
      if (total.figure.unit !== first.figure.unit || total.nested || total.figure.partOf !== undefined) continue;
      const agree = shared.filter((k) => shareAgrees(raws[k]!.figure.value, total.figure.value, shareOf(text, raws, k)!)).length;
      if (agree * 2 > shared.length && agree >= 2 && (!best || agree > best.agree)) best = { index: t, agree };
    }
    if (!best) continue;
    for (const k of run) raws[k]!.figure.partOf = base + best.index;
  }
}
