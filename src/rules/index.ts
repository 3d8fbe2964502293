import { VFile } from 'vfile';
import type { Finding } from '../model.js';
import { ruleUrl } from '../rule-url.js';
import { fileRules } from './file.js';
import { metaRules } from './meta.js';
import { proseRules } from './prose.js';
import { sectionRules } from './section.js';
import { t3Rules } from './t3.js';
import { t4Rules } from './t4.js';
import { tableRules } from './table.js';
import { templateRules } from './template.js';
import type { AuditDocument, FindingInput, Rule, RuleSettings } from './types.js';

export type { AuditDocument, FindingInput, Rule, RuleContext, RuleOptions, RuleSetting, RuleSettings } from './types.js';

/** Every per-report rule, in the order findings are listed. */
export const rules: readonly Rule[] = [
  ...fileRules,
  ...templateRules,
  ...sectionRules,
  ...tableRules,
  ...t3Rules,
  ...t4Rules,
  ...proseRules,
  ...metaRules,
];

export function findRule(id: string): Rule | undefined {
  return rules.find((rule) => rule.id === id);
}

/**
 * Runs the rules over one document. Each finding is recorded as a vfile message (ruleId, place,
 * `fatal` for errors) on `vfile` and returned in the JSON contract's shape.
 */
export function runRules(
  doc: AuditDocument,
  settings: RuleSettings = {},
  selected: readonly Rule[] = rules,
  vfile: VFile = new VFile({ path: doc.file }),
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of selected) {
    const setting = settings[rule.id];
    if (setting === 'off') continue;
    const report = (input: FindingInput): void => {
      const severity = setting ?? input.severity ?? rule.severity;
      const finding: Finding = {
        ruleId: rule.id,
        severity,
        kind: input.kind ?? rule.kind,
        message: input.message,
        source: input.source,
      };
      if (input.expected !== undefined) finding.expected = input.expected;
      if (input.actual !== undefined) finding.actual = input.actual;
      if (input.cells?.length) finding.cells = input.cells;
      if (input.hint) finding.hint = input.hint;
      if (input.related?.length) finding.related = input.related;
      finding.url = ruleUrl(rule.id);
      findings.push(finding);
      const place = input.source.line ? { line: input.source.line, column: input.source.column ?? 1 } : undefined;
      const message = vfile.message(input.message, { place, ruleId: rule.id, source: 'xxgk-audit' });
      message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
      if (input.expected !== undefined) message.expected = [String(input.expected)];
      if (input.actual !== undefined) message.actual = String(input.actual);
      message.url = finding.url;
    };
    try {
      rule.check(doc, { report });
    } catch (error) {
      // A rule bug must not cost the user the other findings.
      report({
        message: `规则 ${rule.id} 运行出错：${(error as Error).message}`,
        source: { file: doc.file },
        severity: 'warning',
        kind: 'review',
      });
    }
  }
  return findings;
}
