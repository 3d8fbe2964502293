/**
 * The command's options (node:util parseArgs), and what an unknown or misused one becomes: one line
 * naming it and, for a likely typo, the closest known flag (`--formt` → did you mean --format?).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from './util/closest.js';

export const CLI_OPTIONS = {
  format: { type: 'string', short: 'f', multiple: true },
  output: { type: 'string', short: 'o', multiple: true },
  'output-dir': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  jobs: { type: 'string', short: 'j' },
  timeout: { type: 'string' },
  isolate: { type: 'boolean' },
  list: { type: 'string', multiple: true },
  prior: { type: 'string', multiple: true },
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  'max-warnings': { type: 'string' },
  'agency-type': { type: 'string' },
  'cache-dir': { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  'allow-redirect-host': { type: 'string', multiple: true },
  'allow-private-network': { type: 'boolean' },
  'follow-attachments': { type: 'boolean' },
  'no-cross': { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  timestamp: { type: 'boolean' },
  db: { type: 'string' },
  'only-new': { type: 'boolean' },
  'show-suppressed': { type: 'boolean' },
  rules: { type: 'boolean' },
  'print-config': { type: 'string' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export class UsageError extends Error {}

/** Every flag as written on the command line: `--format`, `-f` … */
export function knownFlags(options: NonNullable<ParseArgsConfig['options']> = CLI_OPTIONS): string[] {
  return Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...('short' in o && o.short ? [`-${o.short}`] : [])]);
}

/** A parseArgs error → one line for the user (Chinese, English gloss), with the closest known flag. */
export function usageMessage(error: unknown, options: NonNullable<ParseArgsConfig['options']> = CLI_OPTIONS): string {
  const e = error as NodeJS.ErrnoException;
  const first = (e?.message ?? String(error)).split('\n')[0]!;
  if (e?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'([^']+)'/.exec(first)?.[1] ?? first;
    // Compare long flags with long ones: `-formt` is most likely `--format`.
    const name = flag.replace(/=.*$/, '');
    const long = knownFlags(options).filter((f) => f.startsWith('--'));
    // A one-letter flag (`-x`) is one edit from every other: no guess for it.
    const hint = /^-[^-]$/.test(name) ? '' : didYouMean(name.startsWith('--') ? name : `--${name.replace(/^-+/, '')}`, long);
    return `未知选项 (unknown option): ${flag}${hint}（xxgk-audit --help 查看用法）`;
  }
  return `${first}（xxgk-audit --help 查看用法）`;
}

export function parseCli(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: CLI_OPTIONS });
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
}
