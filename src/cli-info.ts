/**
 * What the command can say without auditing anything: `--rules` (every rule with its effective severity,
 * Chinese name and doc link) and `--print-config <file>` (the configuration a run would audit that file
 * with, as JSON), as ESLint's `--print-config`.
 */
import { resolve } from 'node:path';
import { applyRuleFlags, configFileFor } from './cli-config.js';
import { UsageError } from './cli-options.js';
import { configToOptions, loadConfig } from './config.js';
import { DEFAULT_LIMITS } from './limits.js';
import type { FindingKind, Severity } from './model.js';
import type { RuleId } from './rule-ids.js';
import type { RuleSetting, RuleSettings } from './rules/types.js';
import { allRules } from './report/rule-docs.js';
import { displayWidth, padEnd } from './report/location.js';

export interface RuleRow {
  id: RuleId;
  /** After the config file and `--rule`: a severity, or `off`. */
  severity: RuleSetting;
  /** The rule's own severity. */
  defaultSeverity: Severity;
  kind: FindingKind;
  /** Chinese name, for officers. */
  name: string;
  description: string;
  /** The rule's entry in docs/rules.md. */
  url: string;
}

/** Every rule a run can report, sorted by id, with the severity the given settings give it. */
export function ruleRows(settings: RuleSettings): RuleRow[] {
  return allRules().map((r) => ({
    id: r.id, severity: settings[r.id] ?? r.severity, defaultSeverity: r.severity, kind: r.kind, name: r.name, description: r.description, url: r.url,
  }));
}

const SEVERITY_TEXT: Record<RuleSetting, string> = { error: '错误 error', warning: '警告 warning', info: '提示 info', off: '关闭 off' };

/** `--rules` for the terminal: id, effective severity (marked when changed), Chinese name, doc link; aligned by display width. */
export function rulesText(rows: readonly RuleRow[]): string {
  const cells = rows.map((r) => [r.id, `${SEVERITY_TEXT[r.severity]}${r.severity === r.defaultSeverity ? '' : ` (默认 default ${r.defaultSeverity})`}`, r.name, r.url]);
  const header = ['规则 rule', '级别 severity', '名称 name', '说明 docs'];
  const widths = header.map((h, i) => Math.max(...[h, ...cells.map((c) => c[i]!)].map(displayWidth)));
  const line = (c: string[]): string => c.map((t, i) => (i === c.length - 1 ? t : padEnd(t, widths[i]!))).join('  ').trimEnd();
  const changed = rows.filter((r) => r.severity !== r.defaultSeverity).length;
  return `${[line(header), ...cells.map(line)].join('\n')}\n\n${rows.length} 条规则 (rules)${changed ? `，${changed} 条按配置调整 (${changed} set by the config or --rule)` : ''}\n`;
}

export interface EffectiveConfig {
  /** The file asked about (resolved), and the config file that applies (null: none). */
  file: string;
  configFile: string | null;
  /** Every rule: its severity after the config file and `--rule`, or `off`. */
  rules: Record<string, RuleSetting>;
  agencyType: 'auto' | 'department' | 'government';
  /** Per-rule settings as the rules get them (the config's `deadlines` arrive as `meta/late`'s). */
  settings: Record<string, unknown>;
  /** Publication deadlines (MM-DD, in the year after the report year) in force. */
  deadlines: { department: string; government: string };
  /** The size limits (defaults, then the config's `limits`), the per-file time limit and the worker heap. */
  limits: Record<string, number>;
  cross: boolean;
  prior: string[];
  scorecard?: unknown;
}

export { applyRuleFlags, configFileFor };

export interface InfoValues {
  rules?: boolean;
  'print-config'?: string;
  format?: string[];
  config?: string;
  rule?: string[];
  'agency-type'?: string;
  timeout?: string;
  'no-cross'?: boolean;
  prior?: string[];
}

const HEAP_MB = 2048;

/** `--rules` and `--print-config <file>`: print, audit nothing, exit 0 (2 on a bad option or config). */
export async function infoMain(values: InfoValues, io: { stdout: NodeJS.WritableStream }, cwd: string): Promise<number> {
  const configFile = configFileFor(cwd, values.config);
  const fromConfig = configFile ? configToOptions(await loadConfig(configFile)) : { rules: {} as RuleSettings, settings: {} as Record<string, unknown>, agencyType: undefined };
  const settings = applyRuleFlags(fromConfig.rules, values.rule);
  if (values.rules) {
    const formats = (values.format ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
    const format = formats.length ? formats : ['stylish'];
    if (format.length > 1 || !['stylish', 'json'].includes(format[0]!)) throw new UsageError(`--rules 只能用 stylish 或 json 格式 (--rules prints stylish or json): ${format.join(',')}`);
    const rows = ruleRows(settings);
    io.stdout.write(format[0] === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : rulesText(rows));
    return 0;
  }
  const agencyType = (values['agency-type'] ?? fromConfig.agencyType ?? 'auto') as EffectiveConfig['agencyType'];
  if (!['auto', 'department', 'government'].includes(agencyType)) throw new UsageError(`--agency-type 应为 department 或 government: ${agencyType}`);
  const timeout = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout < 0) throw new UsageError(`--timeout 需要一个非负数 (needs a non-negative number): ${values.timeout}`);
  const late = (fromConfig.settings['meta/late'] as { deadlines?: Partial<Record<'department' | 'government', string>> } | undefined)?.deadlines;
  const config: EffectiveConfig = {
    file: resolve(cwd, values['print-config']!),
    configFile,
    rules: Object.fromEntries(ruleRows(settings).map((r) => [r.id, r.severity])),
    agencyType,
    settings: fromConfig.settings,
    // meta/late's own defaults (条例 第四十九条): departments 1月31日, governments 3月31日.
    deadlines: { department: late?.department ?? '01-31', government: late?.government ?? '03-31' },
    limits: { ...DEFAULT_LIMITS, maxHeapMb: HEAP_MB, ...(('limits' in fromConfig && fromConfig.limits) || {}), timeoutSeconds: timeout },
    cross: !values['no-cross'],
    prior: (values.prior ?? []).map((p) => resolve(cwd, p)),
  };
  if ('scorecard' in fromConfig && fromConfig.scorecard) config.scorecard = fromConfig.scorecard;
  io.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
  return 0;
}
