/**
 * The config file (docs/cli.md, "Config file"): read here, validated by the zod schema in
 * config-schema.ts, which is loaded only when there is a config file to validate (zod's loading
 * would be a fifth of a one-file run).
 */
import { readFile } from 'node:fs/promises';
import type { Config } from './config-schema.js';
import type { RuleSettings } from './rules/types.js';

export type { Config } from './config-schema.js';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export async function loadConfig(file: string): Promise<Config> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`无法读取配置文件 (cannot read config): ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`配置文件不是有效的 JSON (config is not valid JSON): ${file}: ${(error as Error).message}`);
  }
  return (await import('./config-schema.js')).parseConfig(data, file);
}

/**
 * Config → audit options. Deadlines go to the `meta/late` rule as its settings
 * (`settings['meta/late'].deadlines`), which is where rules read per-rule options.
 */
export function configToOptions(config: Config): { rules: RuleSettings; agencyType?: Config['agencyType']; settings: Record<string, unknown>; scorecard?: Config['scorecard']; limits?: Config['limits'] } {
  const settings: Record<string, unknown> = { ...(config.settings ?? {}) };
  if (config.deadlines) {
    const late = (settings['meta/late'] as Record<string, unknown> | undefined) ?? {};
    settings['meta/late'] = { ...late, deadlines: { ...config.deadlines } };
  }
  return { rules: { ...(config.rules ?? {}) } as RuleSettings, agencyType: config.agencyType, settings, ...(config.scorecard ? { scorecard: config.scorecard } : {}), ...(config.limits ? { limits: config.limits } : {}) };
}
