import type { CellRef, Finding } from '../../model.js';
import type { Summary, SummaryCell } from '../types.js';
import { agencyKey, type CrossRuleMeta } from './util.js';

export const inForceRule: CrossRuleMeta = {
  id: 'cross-year/in-force',
  severity: 'warning',
  kind: 'review',
  description: "表二 现行有效件数 of 规章 / 行政规范性文件 does not follow from last year's: in_force@Y ≠ in_force@Y−1 + made@Y − repealed@Y (plausibility; documents also lapse or are consolidated).",
};

const ROWS = [
  { key: 'regulations', label: '规章' },
  { key: 'normative_docs', label: '行政规范性文件' },
] as const;

const numeric = (cell: SummaryCell | undefined): cell is SummaryCell & { value: number } => cell !== undefined && cell.value !== null;

/** Per agency + year, in input order: several files of one report (HTML and text twins) may read different rows. */
function byAgencyYear(summaries: readonly Summary[]): Map<string, Summary[]> {
  const map = new Map<string, Summary[]>();
  for (const summary of summaries) {
    const agency = agencyKey(summary.agency);
    if (!agency || summary.year == null) continue;
    const key = `${agency}\u0000${summary.year}`;
    const list = map.get(key);
    if (list) list.push(summary);
    else map.set(key, [summary]);
  }
  return map;
}

const ref = (key: string, cell: SummaryCell & { value: number }): CellRef => ({ key, value: cell.value, raw: cell.raw, source: cell.source });

/**
 * T2.IN_FORCE_CONTINUITY (spec §4.2): this year's 现行有效件数 should be last year's plus this year's
 * 制发 minus 废止. Only for 2021-layout cells (the 2019 table counts published documents instead),
 * only when all four cells are numbers: a blank or `—` says nothing. Per row, the first report of
 * the agency-year that has the cells is used, so a twin file is not flagged twice.
 */
export function checkInForce(summaries: readonly Summary[]): Finding[] {
  const groups = byAgencyYear(summaries);
  const findings: Finding[] = [];
  for (const [key, currents] of groups) {
    const year = currents[0]!.year!;
    const previous = groups.get(`${key.split('\u0000')[0]}\u0000${year - 1}`);
    if (!previous) continue;
    for (const row of ROWS) {
      const k = (col: string): string => `t2.${row.key}.${col}`;
      const current = currents.find((s) => numeric(s.t2[k('made')]) && numeric(s.t2[k('repealed')]) && numeric(s.t2[k('in_force')]));
      const before = previous.find((s) => numeric(s.t2[k('in_force')]));
      if (!current || !before) continue;
      const made = current.t2[k('made')] as SummaryCell & { value: number };
      const repealed = current.t2[k('repealed')] as SummaryCell & { value: number };
      const inForce = current.t2[k('in_force')] as SummaryCell & { value: number };
      const prior = before.t2[k('in_force')] as SummaryCell & { value: number };
      const expected = prior.value + made.value - repealed.value;
      // More repealed than could have existed: last year's stock plus this year's new ones.
      const impossible = repealed.value > prior.value + made.value;
      if (expected === inForce.value && !impossible) continue;
      const sum = `${year - 1} 年现行有效件数 ${prior.raw} + 本年制发件数 ${made.raw} − 本年废止件数 ${repealed.raw} = ${expected}`;
      const caveat = '（文件也会因到期失效、清理而减少，此项仅为合理性提示）';
      const message = impossible
        ? `表二“${row.label}”本年废止件数 ${repealed.raw} 大于 ${year - 1} 年现行有效件数 ${prior.raw} 与本年制发件数 ${made.raw} 之和 ${prior.value + made.value}，不可能废止这么多；现行有效件数 ${inForce.raw} 也不等于 ${sum}${caveat}`
        : `表二“${row.label}”现行有效件数 ${inForce.raw} 与上年推算不符：${sum}，相差 ${inForce.value - expected > 0 ? '+' : ''}${inForce.value - expected}${caveat}`;
      findings.push({
        ruleId: inForceRule.id,
        severity: inForceRule.severity,
        kind: inForceRule.kind,
        message,
        source: impossible ? repealed.source : inForce.source,
        expected,
        actual: inForce.value,
        cells: [
          ref(k('in_force'), inForce),
          ref(k('made'), made),
          ref(k('repealed'), repealed),
          // Last year's cell: same key, the other report's source.
          ref(k('in_force'), prior),
        ],
        related: [{ message: `${year - 1} 年报告（${before.file}）：“${row.label}”现行有效件数 ${prior.raw}`, source: prior.source }],
      });
    }
  }
  return findings;
}
