import type { Finding } from '../../model.js';
import { templates2021 } from '../../templates/index.js';
import type { Summary } from '../types.js';
import { agencyKey, type CrossRuleMeta } from './util.js';

export const carryOverRule: CrossRuleMeta = {
  id: 'cross-year/carry-over',
  severity: 'error',
  kind: 'fail',
  description: "This year's 上年结转政府信息公开申请数量 differs from last year's 结转下年度继续办理, per column (2019 and later).",
};

const columnLabel = (col: string): string => templates2021.t3.columns.find((c) => c.key === col)?.label ?? col;

/** The first report of each agency + year (a duplicate is batch/duplicate's business). */
export function byAgencyYear(summaries: readonly Summary[]): Map<string, Summary> {
  const map = new Map<string, Summary>();
  for (const summary of summaries) {
    const agency = agencyKey(summary.agency);
    if (!agency || summary.year == null) continue;
    const key = `${agency}\u0000${summary.year}`;
    if (!map.has(key)) map.set(key, summary);
  }
  return map;
}

/**
 * 上年结转 (this year) must equal 结转下年度继续办理 (last year), column by column. Only numbers
 * are compared: a blank or `—` is not zero, and a column either year lacks is skipped.
 */
export function checkCarryOver(summaries: readonly Summary[]): Finding[] {
  const index = byAgencyYear(summaries);
  const findings: Finding[] = [];
  for (const current of index.values()) {
    if (current.year == null || current.year - 1 < 2019) continue;
    const previous = index.get(`${agencyKey(current.agency)}\u0000${current.year - 1}`);
    if (!previous) continue;
    for (const col of templates2021.t3.columns.map((c) => c.key)) {
      const now = current.carriedOver[col];
      const before = previous.carriedForward[col];
      if (!now || !before || now.value == null || before.value == null) continue;
      if (now.value === before.value) continue;
      findings.push({
        ruleId: carryOverRule.id,
        severity: carryOverRule.severity,
        kind: carryOverRule.kind,
        message: `表三“上年结转政府信息公开申请数量”（${columnLabel(col)}）为 ${now.raw}，与 ${previous.year} 年报告的“结转下年度继续办理”${before.raw} 不一致`,
        source: now.source,
        expected: before.value,
        actual: now.value,
        cells: [
          { key: `t3.carried_over.${col}`, value: now.value, raw: now.raw, source: now.source },
          { key: `t3.carried_forward.${col}`, value: before.value, raw: before.raw, source: before.source },
        ],
        related: [{ message: `${previous.year} 年报告：结转下年度继续办理（${columnLabel(col)}）${before.raw}`, source: before.source }],
      });
    }
  }
  return findings;
}
