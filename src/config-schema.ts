/** The config file's schema (zod), loaded by config.ts only when a config file is validated. */
import { z } from 'zod';
import { ConfigError } from './config.js';
import { ruleSettingProblem } from './rule-settings.js';

/** `MM-DD`, e.g. `01-31`: the last day to publish, in the year after the report year. */
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '应为 MM-DD 格式，例如 01-31 (expected MM-DD)');

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Rule id → severity or off. */
  rules: z.record(z.string(), z.unknown()).superRefine((rules, ctx) => {
    // Unknown ids and severities name the nearest known one (an edit-distance match).
    for (const [id, value] of Object.entries(rules)) {
      const problem = ruleSettingProblem(id, value);
      if (problem) ctx.addIssue({ code: 'custom', path: [id], message: problem });
    }
  }).optional(),
  agencyType: z.enum(['auto', 'department', 'government']).optional(),
  /** Publication deadlines by agency type (条例 第四十九条: departments 1月31日, governments 3月31日). */
  deadlines: z.strictObject({ department: monthDay.optional(), government: monthDay.optional() }).optional(),
  /** Input and output size limits (docs/api.md, "Limits"); 0 = none. */
  limits: z.strictObject({
    maxBytes: z.number().int().nonnegative().optional(),
    maxChars: z.number().int().nonnegative().optional(),
    maxCells: z.number().int().nonnegative().optional(),
    maxDepth: z.number().int().nonnegative().optional(),
    maxPdfStreamBytes: z.number().int().nonnegative().optional(),
    maxFindings: z.number().int().nonnegative().optional(),
    maxMessageChars: z.number().int().nonnegative().optional(),
    maxHeapMb: z.number().int().nonnegative().optional(),
  }).optional(),
  /** Extra settings per rule id, handed to the rules as they are. */
  settings: z.record(z.string(), z.unknown()).optional(),
  /** Evaluators' rule pack: points off per finding, capped per agency-year (docs/scorecard.md). */
  scorecard: z.strictObject({
    name: z.string().min(1),
    base: z.number().positive().optional(),
    cap: z.number().nonnegative(),
    deductions: z.record(
      z.string().regex(/^[a-z0-9-]+\/([a-z0-9-]+|\*)$/, '规则名应为 family/name 或 family/* (rule id or family/*)'),
      z.union([z.number().nonnegative(), z.strictObject({ points: z.number().nonnegative(), per: z.enum(['finding', 'report']).optional() })]),
    ),
  }).optional(),
});

export type Config = z.infer<typeof configSchema>;

/** Parses and validates a config object; throws ConfigError with zod's readable report. */
export function parseConfig(data: unknown, file = 'xxgk-audit.config.json'): Config {
  const result = configSchema.safeParse(data);
  if (!result.success) throw new ConfigError(`配置文件无效 (invalid config): ${file}\n${z.prettifyError(result.error)}`);
  return result.data;
}

