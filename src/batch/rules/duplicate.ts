import type { Finding } from '../../model.js';
import type { Summary } from '../types.js';
import { agencyKey, type CrossRuleMeta } from './util.js';

export const duplicateRule: CrossRuleMeta = {
  id: 'batch/duplicate',
  severity: 'warning',
  kind: 'review',
  description: 'The same report appears twice in the batch: identical bytes, or the same agency, year and table figures.',
};

/** Later copies point at the first one; the first one gets no finding. */
export function checkDuplicates(summaries: readonly Summary[]): Finding[] {
  const findings: Finding[] = [];
  const seenContent = new Map<string, Summary>();
  const seenFacts = new Map<string, Summary>();
  for (const summary of summaries) {
    const sameBytes = summary.contentHash ? seenContent.get(summary.contentHash) : undefined;
    const agency = agencyKey(summary.agency);
    const factsKey = agency && summary.year != null && summary.factsHash ? `${agency}\u0000${summary.year}\u0000${summary.factsHash}` : null;
    const sameFacts = factsKey ? seenFacts.get(factsKey) : undefined;
    const first = sameBytes ?? sameFacts;
    if (first) {
      findings.push({
        ruleId: duplicateRule.id,
        severity: duplicateRule.severity,
        kind: duplicateRule.kind,
        message: sameBytes
          ? `与 ${first.file} 内容完全相同（重复的报告）`
          : `与 ${first.file} 为同一机关同一年度、表格数字完全相同的报告（重复的报告）`,
        source: { file: summary.file },
        related: [{ message: '首次出现', source: { file: first.file } }],
      });
    }
    if (summary.contentHash && !seenContent.has(summary.contentHash)) seenContent.set(summary.contentHash, summary);
    if (factsKey && !seenFacts.has(factsKey)) seenFacts.set(factsKey, summary);
  }
  return findings;
}
