import { shareAgrees } from '../../extract/prose/shares.js';
import type { Figure } from '../../model.js';
import { formatSource } from '../../util/source.js';
import type { Rule } from '../types.js';

/** The share written right after a part (`258件，占33.9%`), if any. */
function shareAfter(figures: readonly Figure[], index: number): Figure | null {
  const next = figures[index + 1];
  const part = figures[index]!;
  return next && next.unit === '%' && next.sentence === part.sentence && /^约?占/u.test(next.label) ? next : null;
}

/** `32.0%` with as many decimals as the share was written with. */
const asShare = (part: number, total: number, written: Figure): string => {
  const decimals = /[.．](\d+)/u.exec(written.raw)?.[1]?.length ?? 0;
  return `${((100 * part) / total).toFixed(decimals)}%`;
};

/**
 * A total stated in the prose with its parts (`发布信息81条，其中…`) must equal their sum. A sum above
 * the total is always wrong; below it only when three or more parts are listed (two parts after
 * 其中 are often just the highlights) and the list is not closed by 等 (`…、工作动态30条等`: examples,
 * not all). Lists with no marker (`主动公开政府信息N条，人事信息a条，…`) and parts in a later
 * sentence may not be meant as the whole: a mismatch there is a warning. A part's share of the total
 * (`258件，占33.9%`) must match part ÷ total (to the last digit written).
 */
export const proseBreakdownSum: Rule = {
  id: 'prose/breakdown-sum',
  severity: 'error',
  kind: 'fail',
  description: 'A total stated in the prose differs from the sum of the parts listed with it, or a part\'s share of it is wrong.',
  check(doc, ctx) {
    const figures = doc.figures;
    const partsOf = new Map<number, number[]>();
    figures.forEach((f, i) => {
      if (f.partOf === undefined) return;
      const list = partsOf.get(f.partOf) ?? [];
      list.push(i);
      partsOf.set(f.partOf, list);
    });
    figures.forEach((total, index) => {
      const indices = partsOf.get(index) ?? [];
      const parts = indices.map((i) => figures[i]!);
      if (parts.length < 2) return;
      const sum = Math.round(parts.reduce((a, p) => a + p.value, 0) * 1e6) / 1e6;
      const form = total.breakdown ?? 'marked';
      const over = sum > total.value;
      if (sum !== total.value && (over || parts.length >= 3)) {
        const list = parts.map((p) => `${p.label}${p.raw}${p.raw.endsWith(p.unit) ? '' : p.unit}`).join('、');
        // Below the total, a list closed by 等 or written with no marker may just not name every part: a question, not an error.
        const question = !over && (form === 'open' || form === 'unmarked');
        const level = question ? { kind: 'review' as const, severity: 'info' as const } : form === 'unmarked' || form === 'later' ? { severity: 'warning' as const } : {};
        const why = question && form === 'open' ? '（列举以“等”收尾或冠以“主要”，可能未列全，请核对）'
          : form === 'unmarked' ? '（分项前无“其中”等标示，可能并非全部分项，请核对）'
          : form === 'later' ? '（分项在后文“其中”句中列出，请核对所指总数）' : '';
        ctx.report({
          message: `“${total.label}${total.raw}”与所列分项之和 ${sum}${total.unit} 不符（${list}）${why}`,
          source: total.source,
          ...level,
          expected: sum,
          actual: total.value,
          related: parts.map((p) => ({ message: `${p.label} ${p.raw}（${formatSource(p.source)}）`, source: p.source })),
        });
      }
      // Shares: each against part ÷ the stated total.
      for (const i of indices) {
        const part = figures[i]!;
        const share = shareAfter(figures, i);
        if (!share || total.value <= 0 || shareAgrees(part.value, total.value, share)) continue;
        const right = asShare(part.value, total.value, share);
        ctx.report({
          message: `“${part.label}${part.raw}”的占比写作 ${share.raw}，按“${total.label}${total.raw}”计算应为 ${right}`,
          source: share.source,
          severity: 'warning',
          expected: right,
          actual: share.raw,
          related: [{ message: `${total.label} ${total.raw}（${formatSource(total.source)}）`, source: total.source }],
        });
      }
    });
  },
};
