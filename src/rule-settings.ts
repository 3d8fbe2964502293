import { AuditError } from './errors.js';
import { isRuleId, RULE_IDS, RULE_SETTING_VALUES } from './rule-ids.js';
import { didYouMean } from './util/closest.js';

/** What is wrong with one entry of a rule-settings object, or null: an unknown id or an unknown severity. */
export function ruleSettingProblem(id: string, value: unknown): string | null {
  if (!isRuleId(id)) return `未知规则 (unknown rule): ${id}${didYouMean(id, RULE_IDS)}`;
  if (typeof value !== 'string' || !(RULE_SETTING_VALUES as readonly string[]).includes(value)) {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    return `规则 ${id} 的级别无效 (unknown severity): ${shown}（可用 allowed: ${RULE_SETTING_VALUES.join(', ')}）${typeof value === 'string' ? didYouMean(value, RULE_SETTING_VALUES) : ''}`;
  }
  return null;
}

/**
 * Library options: throws `AuditError` (code `options`) naming the first unknown rule id or severity
 * in `rules` and the nearest known one, so a typo never passes silently.
 */
export function assertRuleSettings(rules: unknown, where = 'options.rules'): void {
  if (rules === undefined || rules === null) return;
  if (typeof rules !== 'object' || Array.isArray(rules)) throw new AuditError('options', '', `${where} 应为对象 { 规则: 级别 } (must be an object of rule id → severity)`);
  for (const [id, value] of Object.entries(rules)) {
    const problem = ruleSettingProblem(id, value);
    if (problem) throw new AuditError('options', '', `${where}: ${problem}`);
  }
}
