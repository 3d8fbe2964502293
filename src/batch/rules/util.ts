import type { RuleId } from '../../rule-ids.js';
import type { Finding, Severity } from '../../model.js';
import type { RuleSettings } from '../../rules/types.js';

/** A rule that runs over the summaries of a whole batch (never over one report alone). */
export interface CrossRuleMeta {
  id: RuleId;
  severity: Severity;
  kind: Finding['kind'];
  description: string;
}

/**
 * Agency name as a key: full-width → half-width (NFKC), no spaces or punctuation around it.
 * Different names stay different: 人民政府办公室 and 政府办 are not merged (no guessing).
 */
export function agencyKey(agency: string | null): string | null {
  if (!agency) return null;
  let key = agency.normalize('NFKC').replace(/[\s\u3000]+/g, '').replace(/^[“”"'《（(]+|[”"'》）)：:，,。]+$/g, '');
  // 淮安市洪泽区人民政府 = 洪泽区人民政府: a province/city prefix before a county-level name is
  // dropped. 上海市人民政府办公厅 or 淮安市财政局 keep theirs (no county-level name follows).
  const county = /^[^区县市省]{1,8}(区|县|市|旗)(?!场)/;
  const province = /^[^省]{2,3}(省|自治区)/.exec(key);
  if (province && county.test(key.slice(province[0].length).replace(/^[^市]{2,4}市/, ''))) key = key.slice(province[0].length);
  const city = /^[^市]{2,4}市/.exec(key);
  if (city && county.test(key.slice(city[0].length))) key = key.slice(city[0].length);
  return key || null;
}

/** Applies `--rule` / config severities; null when the rule is off. */
export function applySetting(finding: Finding, settings: RuleSettings | undefined): Finding | null {
  const setting = settings?.[finding.ruleId];
  if (setting === 'off') return null;
  return setting ? { ...finding, severity: setting } : finding;
}
