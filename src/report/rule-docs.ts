import { readFileSync } from 'node:fs';
import { batchRules } from '../batch/rules/index.js';
import type { FindingKind, Severity } from '../model.js';
import { rules } from '../rules/index.js';

export interface RuleInfo {
  id: string;
  severity: Severity;
  kind: FindingKind;
  description: string;
  /** The rule's entry in docs/rules.md (Markdown), when there is one. */
  help?: string;
}

let docs: Map<string, string> | null = null;

/** `### \`id\` …` entries of docs/rules.md (shipped with the package) → Markdown per rule id. */
function ruleDocs(): Map<string, string> {
  if (docs) return docs;
  docs = new Map();
  let text = '';
  try {
    text = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
  } catch {
    return docs;
  }
  const parts = text.split(/^(?=#{2,3} )/m);
  for (const part of parts) {
    const match = /^### `([^`]+)`/.exec(part);
    if (match) docs.set(match[1]!, part.replace(/<!--[\s\S]*?-->/g, '').trim());
  }
  return docs;
}

/** Every rule a run can report, sorted by id: per-report rules, then file/batch/cross rules. */
export function allRules(): RuleInfo[] {
  const byId = new Map<string, RuleInfo>();
  for (const rule of [...rules, ...batchRules]) {
    if (byId.has(rule.id)) continue;
    byId.set(rule.id, { id: rule.id, severity: rule.severity, kind: rule.kind, description: rule.description, help: ruleDocs().get(rule.id) });
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
