import type { Finding } from '../../model.js';
import { agencyTypeOf } from '../../rules/meta/agency-type.js';
import type { Summary, SummaryCell } from '../types.js';
import { agencyKey, type CrossRuleMeta } from './util.js';

export const copiedFigureRule: CrossRuleMeta = {
  id: 'batch/copied-figure',
  severity: 'warning',
  kind: 'review',
  description: "A department's 行政事业性收费 amount (or 2019 政府集中采购 总金额) equals, or equals but for two swapped adjacent digits, the same cell of the area government's report of that year: the department probably copied the area-wide total.",
};

/** Large, distinctive money figures: the area total is what a department copies by mistake. */
const KEYS: Record<string, string> = {
  't2.fees.amount_wan_yuan': '“行政事业性收费”本年收费金额（万元）',
  't2.central_procurement.procurement_amount': '“政府集中采购”采购总金额',
};

/** Below this many significant digits, equal figures of two reports are a coincidence, not a copy. */
const MIN_SIGNIFICANT = 4;

/** A published decimal as integer digits at a scale (5949.09 → 594909, 2); null for what is not a plain decimal. */
interface Decimal { digits: bigint; scale: number }

function toDecimal(value: number): Decimal | null {
  if (!Number.isFinite(value) || value < 0) return null;
  // The shortest round-trip form is the published digits (trailing zeros aside, which change nothing here).
  const text = String(value);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  return { digits: BigInt(match[1]! + (match[2] ?? '')), scale: match[2]?.length ?? 0 };
}

/** Half-up rounding to `scale` decimals, on the digits, so no binary-float surprises. */
function roundTo(d: Decimal, scale: number): bigint {
  if (d.scale <= scale) return d.digits * 10n ** BigInt(scale - d.scale);
  const divisor = 10n ** BigInt(d.scale - scale);
  const quotient = d.digits / divisor;
  return 2n * (d.digits % divisor) >= divisor ? quotient + 1n : quotient;
}

const significant = (digits: string): number => digits.replace(/^0+/, '').replace(/0+$/, '').length;

/** Two digit strings of one length that differ only by two adjacent digits swapped: the index, else -1. */
function transposedAt(a: string, b: string): number {
  if (a.length !== b.length) return -1;
  let first = -1;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) { first = i; break; }
  if (first < 0 || first + 1 >= a.length) return -1;
  if (a[first] !== b[first + 1] || a[first + 1] !== b[first]) return -1;
  return a.slice(first + 2) === b.slice(first + 2) ? first : -1;
}

type Match = { how: 'equal' | 'rounded' | 'transposed' };

/**
 * Compares at the precision of the less precise figure: a department that writes 5949.09 for the
 * area's 5949.088667 copied it and rounded. Null when the figures are unrelated or too short to tell.
 */
export function sameFigure(mine: number, theirs: number): Match | null {
  const a = toDecimal(mine);
  const b = toDecimal(theirs);
  if (!a || !b) return null;
  const scale = Math.min(a.scale, b.scale);
  const x = roundTo(a, scale).toString();
  const y = roundTo(b, scale).toString();
  if (significant(x) < MIN_SIGNIFICANT || significant(y) < MIN_SIGNIFICANT) return null;
  if (x === y) return { how: a.scale === b.scale ? 'equal' : 'rounded' };
  return transposedAt(x, y) >= 0 ? { how: 'transposed' } : null;
}

const numeric = (cell: SummaryCell | undefined): cell is SummaryCell & { value: number } => cell !== undefined && cell.value !== null;

/**
 * Each department report (agency name ends in 局/委/办/办公室 …) against the government reports of
 * the same year in the batch (人民政府, 管委会, 综合实验区 …), cell by cell for the keys above.
 * The department's report gets the finding; every matching government file is listed in `related`.
 */
export function checkCopiedFigures(summaries: readonly Summary[]): Finding[] {
  const governments = summaries.filter((s) => s.year != null && agencyTypeOf(s.agency) === 'government');
  const findings: Finding[] = [];
  for (const summary of summaries) {
    if (summary.year == null || agencyTypeOf(summary.agency) !== 'department') continue;
    const agency = agencyKey(summary.agency);
    for (const [key, label] of Object.entries(KEYS)) {
      const mine = summary.t2[key];
      if (!numeric(mine)) continue;
      const matches: { government: Summary; cell: SummaryCell & { value: number }; how: Match['how'] }[] = [];
      for (const government of governments) {
        if (government.year !== summary.year || agencyKey(government.agency) === agency) continue;
        const theirs = government.t2[key];
        if (!numeric(theirs)) continue;
        const match = sameFigure(mine.value, theirs.value);
        if (match) matches.push({ government, cell: theirs, how: match.how });
      }
      if (!matches.length) continue;
      const [first] = matches as [typeof matches[number]];
      const how = first.how === 'equal' ? '相同' : first.how === 'rounded' ? '四舍五入后相同' : '仅有相邻两位数字顺序颠倒';
      findings.push({
        ruleId: copiedFigureRule.id,
        severity: copiedFigureRule.severity,
        kind: copiedFigureRule.kind,
        message: `表二${label} ${mine.raw} 与${first.government.agency ?? '本级政府'} ${summary.year} 年总体报告（${first.government.file}）的同一数字 ${first.cell.raw} ${how}，本部门的报告可能照抄了本级政府的全辖区合计数，请核实`,
        source: mine.source,
        expected: `≠ ${first.cell.raw}`,
        actual: mine.value,
        cells: [
          { key, value: mine.value, raw: mine.raw, source: mine.source },
          ...matches.map((m) => ({ key, value: m.cell.value, raw: m.cell.raw, source: m.cell.source })),
        ],
        related: matches.map((m) => ({ message: `${m.government.agency ?? '本级政府'} ${summary.year} 年总体报告：${label} ${m.cell.raw}`, source: m.cell.source })),
      });
    }
  }
  return findings;
}
