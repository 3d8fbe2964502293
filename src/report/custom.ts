/**
 * Custom formatters (`--format ./my-formatter.mjs`, or a package name), as ESLint's: a module whose
 * default export (or `format` export) is a function `(results, context) => string | Promise<string>`.
 * `results` is every Report of the run in input order (the JSON contract, docs/json.md), `context` has
 * the cross-report findings and what ESLint's formatters get (cwd, rulesMeta …). What it returns is
 * written to the format's output (a file, or stdout). docs/cli.md, "Custom formatters".
 */
import { createRequire } from 'node:module';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Report } from '../model.js';
import type { RuleId } from '../rule-ids.js';
import { allRules } from './rule-docs.js';
import type { FinishInfo, Reporter, Write } from './types.js';

export interface RuleMeta {
  /** Chinese name. */
  name: string;
  severity: Finding['severity'];
  kind: Finding['kind'];
  description: string;
  /** The rule's entry in docs/rules.md. */
  url: string;
}

export interface FormatterContext {
  /** The folder the command ran in. */
  cwd: string;
  /** xxgk-audit's version. */
  version: string;
  /** Findings across reports (batch/*, cross-year/*), as the JSON format's `crossFindings`. */
  crossFindings: Finding[];
  /** With --db: the last stored run's findings that this run no longer has. */
  absentFindings?: Finding[];
  /** The run was stopped (Ctrl-C, SIGTERM …): `results` holds the reports done. */
  interrupted: boolean;
  interruptedBy?: string;
  /** Every rule by id, as ESLint's `rulesMeta`. */
  rulesMeta: Record<RuleId, RuleMeta>;
  /** --timestamp: the run time (ISO 8601). */
  timestamp?: string;
}

export type Formatter = (results: Report[], context: FormatterContext) => string | Promise<string>;

/** A custom formatter that cannot be loaded, or fails: one line, exit 2. */
export class FormatterError extends Error {
  override name = 'FormatterError';
}

/** `./x.mjs`, `../x.js`, `/abs/x.mjs`, `C:\x.mjs`, or anything ending in .js/.mjs/.cjs: a file, not a package. */
export function isFormatterPath(spec: string): boolean {
  return /^\.{1,2}[\\/]/.test(spec) || isAbsolute(spec) || /\.[cm]?js$/i.test(spec);
}

/** The module a --format names: a file (relative to cwd), else `xxgk-audit-formatter-<name>` or `<name>` from cwd; null when none is found. */
export function resolveFormatter(spec: string, cwd: string): string | null {
  if (isFormatterPath(spec)) return resolve(cwd, spec);
  const require = createRequire(join(resolve(cwd), 'package.json'));
  const names = spec.startsWith('xxgk-audit-formatter-') || spec.startsWith('@') ? [spec] : [`xxgk-audit-formatter-${spec}`, spec];
  for (const name of names) {
    try {
      return require.resolve(name);
    } catch {
      // next
    }
  }
  return null;
}

/** Loads the formatter function from a resolved module path. */
export async function loadFormatter(spec: string, path: string): Promise<Formatter> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes(path) ? '文件不存在 (no such file)' : (e?.message ?? String(error)).split('\n')[0];
    throw new FormatterError(`无法加载自定义格式 (cannot load formatter) ${spec}: ${why}`);
  }
  const fn = typeof mod.default === 'function' ? mod.default
    : typeof mod.format === 'function' ? mod.format
      : typeof (mod.default as { format?: unknown } | undefined)?.format === 'function' ? (mod.default as { format: Formatter }).format
        : null;
  if (!fn) throw new FormatterError(`自定义格式没有导出函数 (formatter exports no function: default or format) ${spec}`);
  return fn as Formatter;
}

/** A name for the format's file in --output-dir: `./fmt/my-formatter.mjs` → `my-formatter`. */
export function formatterLabel(spec: string): string {
  const base = basename(spec, extname(spec)).replace(/^xxgk-audit-formatter-/, '').replace(/[^\p{L}\p{N}._-]+/gu, '-');
  return base || 'custom';
}

function rulesMeta(): Record<RuleId, RuleMeta> {
  const meta = {} as Record<RuleId, RuleMeta>;
  for (const r of allRules()) meta[r.id] = { name: r.name, severity: r.severity, kind: r.kind, description: r.description, url: r.url };
  return meta;
}

/**
 * The formatter as a Reporter: reports are kept (the formatter sees them all at once, so memory grows
 * with the batch, unlike the built-in formats), and the formatter runs in `finish`.
 */
export function customReporter(spec: string, formatter: Formatter, write: Write, options: { cwd?: string; version?: string; timestamp?: string } = {}): Reporter {
  const results: Report[] = [];
  return {
    start() {},
    report(report) { results.push(report); },
    async finish(cross: Finding[], info: FinishInfo = {}) {
      const context: FormatterContext = {
        cwd: options.cwd ?? process.cwd(), version: options.version ?? '0.0.0', crossFindings: cross,
        interrupted: Boolean(info.aborted), rulesMeta: rulesMeta(),
      };
      if (info.absent) context.absentFindings = info.absent;
      if (info.interruptedBy) context.interruptedBy = info.interruptedBy;
      if (options.timestamp) context.timestamp = options.timestamp;
      let text: unknown;
      try {
        text = await formatter(results, context);
      } catch (error) {
        throw new FormatterError(`自定义格式出错 (formatter failed) ${spec}: ${((error as Error)?.message ?? String(error)).split('\n')[0]}`);
      }
      if (typeof text !== 'string') throw new FormatterError(`自定义格式须返回字符串 (a formatter must return a string or a Promise of one) ${spec}: 得到 (got) ${text === null ? 'null' : typeof text}`);
      write(text);
    },
  };
}
