/**
 * The config file a run reads and the `--rule` flags over it: what every run of the command needs
 * before it audits, kept apart from cli-info.ts (`--rules`, `--print-config`), which loads every rule
 * and its docs.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './cli-options.js';
import { ruleSettingProblem } from './rule-settings.js';
import type { RuleId } from './rule-ids.js';
import type { RuleSetting, RuleSettings } from './rules/types.js';

/** The config file a run in `cwd` reads: `--config`, else ./xxgk-audit.config.json when present, else none. */
export function configFileFor(cwd: string, given: string | undefined): string | null {
  if (given) return resolve(cwd, given);
  const local = resolve(cwd, 'xxgk-audit.config.json');
  return existsSync(local) ? local : null;
}

/** `--rule id=severity` (repeatable) over the config's rules; a bad id or severity is a UsageError naming the closest one. */
export function applyRuleFlags(settings: RuleSettings, flags: readonly string[] | undefined): RuleSettings {
  const out: RuleSettings = { ...settings };
  for (const item of flags ?? []) {
    const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(item.trim());
    if (!match) throw new UsageError(`--rule 应为 id=error|warning|info|off (expected id=severity): ${item}`);
    const problem = ruleSettingProblem(match[1]!, match[2]);
    if (problem) throw new UsageError(`--rule ${item}: ${problem}`);
    out[match[1] as RuleId] = match[2] as RuleSetting;
  }
  return out;
}

