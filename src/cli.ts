#!/usr/bin/env node
/**
 * xxgk-audit command line: expand the inputs, audit them on a worker pool, stream the results to one
 * or more reporters, and exit 0 (no errors), 1 (errors, or warnings over --max-warnings), 2 (bad
 * usage, an input that could not be audited, an output that could not be written), 130/143/129
 * (interrupted by SIGINT/SIGTERM/SIGHUP).
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandInputs, readList } from './batch/inputs.js';
import { interruptedPath, openOutput, OutputError, outputGuard, writeFailure, type OutputFile } from './batch/output-files.js';
import { INTERRUPT_EXIT_CODES, watchInterrupts } from './batch/signals.js';
import type { Progress } from './report/progress.js';
import { defaultJobs } from './batch/pool.js';
import { auditMany, type AuditManyOptions, type CacheStats } from './batch/run.js';
import { DEFAULT_CACHE_LOCATION, resolveCacheFile } from './batch/cache.js';
import { jobsFor, POOL_MIN_FILES } from './batch/plan.js';
import { stripFileSuffix } from './batch/failed.js';
import { parseCli, UsageError } from './cli-options.js';
import { AuditError } from './errors.js';
import { ConfigError, configToOptions, loadConfig } from './config.js';
import { terminalText } from './report/sanitize.js';
import { BINARY_FORMATS, FORMAT_EXTENSIONS, FORMATS, type FormatName, type Reporter } from './report/types.js';
import { loadReporter } from './report/load.js';
import { RULE_IDS } from './rule-ids.js';
import type { RuleSettings } from './rules/types.js';
import { applyRuleFlags, configFileFor } from './cli-config.js';
import type { Formatter } from './report/custom.js';
import { didYouMean } from './util/closest.js';
import type { AuditStore } from './store/cli.js';
import { HELP, version } from './cli-help.js';

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin?: NodeJS.ReadableStream;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How long a run lasts before the progress bar shows (default 1000 ms; tests). */
  progressDelayMs?: number;
  /** With --cache: what the cache did (tests). */
  onCacheStats?: (stats: CacheStats) => void;
}




const list = (values: string[] | undefined): string[] => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

function positiveInt(name: string, value: string | undefined, allowZero = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new UsageError(`${name} 需要一个${allowZero ? '非负' : '正'}数 (needs a ${allowZero ? 'non-negative' : 'positive'} number): ${value}`);
  return n;
}

/** --color / --no-color, then FORCE_COLOR (0 or false: off), then NO_COLOR, then: a terminal that is not dumb. */
function wantColor(values: { color?: boolean; 'no-color'?: boolean }, env: NodeJS.ProcessEnv, tty: boolean): boolean {
  if (values.color && values['no-color']) throw new UsageError('--color 与 --no-color 只能用一个 (use either --color or --no-color)');
  if (values.color) return true;
  if (values['no-color']) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  return tty && env.TERM !== 'dumb';
}

export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const env = io.env ?? process.env;
  let progress: Progress | null = null;
  const err = (line: string): void => {
    const text = `xxgk-audit: ${terminalText(line)}\n`;
    // A closed terminal (SIGHUP) may refuse the line: the exit code still tells.
    const write = (): void => { try { io.stderr.write(text); } catch { /* nowhere left to say it */ } };
    if (progress) progress.print(write); else write();
  };
  const files: { file: OutputFile; format: FormatName }[] = [];
  let store: AuditStore | null = null;
  let closeStore: ((store: AuditStore | null) => Promise<void>) | null = null;
  let stdoutError: unknown = null;
  const onStdoutError = (error: unknown): void => { stdoutError ??= error; stopRun.abort(); };
  const stopRun = new AbortController();
  const watching = typeof (io.stdout as NodeJS.EventEmitter).on === 'function';
  try {
    if (argv[0] === 'review') return await (await import('./store/review-cli.js')).reviewMain(argv.slice(1), io);
    if (argv[0] === 'serve') return await (await import('./serve/cli.js')).serveMain(argv.slice(1), io);
    const { values, positionals } = parseCli(argv);
    if (values.help) { io.stdout.write(HELP); return 0; }
    if (values.version) { io.stdout.write(`${version()}\n`); return 0; }
    if (values.rules || values['print-config'] !== undefined) return await (await import('./cli-info.js')).infoMain(values, io, cwd);

    // Formats and where each goes.
    const formats = list(values.format);
    if (!formats.length) formats.push('stylish');
    // Not a built-in: a formatter module (./my-formatter.mjs, a package name), loaded before any audit.
    const custom = new Map<string, { formatter: Formatter; label: string; reporter: typeof import('./report/custom.js').customReporter }>();
    for (const f of formats) {
      if (FORMATS.includes(f as FormatName)) continue;
      const { resolveFormatter, loadFormatter, formatterLabel, customReporter } = await import('./report/custom.js');
      const path = resolveFormatter(f, cwd);
      if (!path) throw new UsageError(`未知格式 (unknown format): ${f}; 可用 (available): ${FORMATS.join(', ')}，或自定义格式模块 (or a formatter module: ./my-formatter.mjs, a package name)${didYouMean(f, FORMATS)}`);
      custom.set(f, { formatter: await loadFormatter(f, path), label: formatterLabel(f), reporter: customReporter });
    }
    if (new Set(formats).size !== formats.length) throw new UsageError(`格式重复 (format given twice): ${formats.join(',')}`);
    const outputs = list(values.output);
    const outputDir = values['output-dir'];
    if (outputDir && outputs.length) throw new UsageError('--output 与 --output-dir 只能用一个 (use either --output or --output-dir)');
    if (outputs.length > formats.length) throw new UsageError(`输出文件比格式多 (more --output files than formats): ${outputs.join(',')}`);
    const targets = formats.map((format, i) => ({
      format: format as FormatName,
      path: outputDir ? join(resolve(cwd, outputDir), custom.has(format) ? `xxgk-audit.${custom.get(format)!.label}.txt` : `xxgk-audit.${FORMAT_EXTENSIONS[format as FormatName]}`) : outputs[i] ? resolve(cwd, outputs[i]!) : null,
    }));
    for (const t of targets) if (t.path === null && BINARY_FORMATS.includes(t.format)) throw new UsageError(`${t.format} 需要 --output 或 --output-dir 指定文件 (needs a file: --output)`);
    if (targets.filter((t) => t.path === null).length > 1) {
      throw new UsageError(`多个格式不能都写到标准输出 (only one format may go to stdout): 用 --output a,b 或 --output-dir`);
    }

    // Options: config file, then the command line.
    const configPath = configFileFor(cwd, values.config);
    const fromConfig = configPath ? configToOptions(await loadConfig(configPath)) : { rules: {} as RuleSettings, agencyType: undefined, settings: {} };
    const ruleSettings = applyRuleFlags(fromConfig.rules, values.rule);
    const known = new Set<string>(RULE_IDS);
    const families = new Set([...known].map((id) => `${id.split('/')[0]}/*`));
    for (const id of Object.keys(('scorecard' in fromConfig && fromConfig.scorecard?.deductions) || {})) if (!known.has(id) && !families.has(id)) throw new UsageError(`评分方案中的未知规则 (unknown rule in scorecard): ${id}${didYouMean(id, [...known, ...families])}`);
    const agencyType = values['agency-type'] ?? fromConfig.agencyType;
    if (agencyType && !['auto', 'department', 'government'].includes(agencyType)) throw new UsageError(`--agency-type 应为 department 或 government: ${agencyType}`);
    const jobsGiven = positiveInt('--jobs', values.jobs);
    const timeout = positiveInt('--timeout', values.timeout, true) ?? 60;
    const maxWarnings = positiveInt('--max-warnings', values['max-warnings'], true);

    // Inputs.
    const args = [...positionals];
    if ((values.list ?? []).filter((f) => f === '-').length + positionals.filter((p) => p === '-').length > 1) {
      throw new UsageError('标准输入只能读一次 (stdin can be read once): - 与 --list - 只能用一个');
    }
    for (const file of values.list ?? []) {
      try {
        args.push(...(await readList(file === '-' ? '-' : resolve(cwd, file), io.stdin)));
      } catch (error) {
        throw new UsageError(`无法读取列表文件 (cannot read list): ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
    if (!args.length) throw new UsageError('没有输入文件 (no input files)（xxgk-audit --help 查看用法）');
    // The command's own outputs are never inputs: left out of folders and globs, refused when named.
    const outputPaths = targets.flatMap((t) => (t.path ? [t.path, ...(t.format === 'csv' ? [csvSummaryPath(t.path)] : [])] : []));
    const guard = outputGuard(outputPaths, outputDir ? resolve(cwd, outputDir) : null);
    const specs = await expandInputs(args, { cwd, stdin: io.stdin, exclude: guard.isOutput });
    const prior = values.prior?.length ? await expandInputs(values.prior, { cwd, exclude: guard.isOutput }) : [];
    const clash = guard.clash([...specs, ...prior].flatMap((s) => (s.kind === 'file' ? [s.path] : [])));
    if (clash) throw new UsageError(`输出文件也是输入，不会覆盖 (an output is also an input; not overwritten): ${clash.output}`);
    // Without --jobs: one worker thread for one or a few small inputs, a pool for a batch (batch/plan.ts).
    const jobs = jobsGiven ?? jobsFor(specs.length + prior.length, inputBytes([...specs, ...prior]), defaultJobs());

    // The store: opened (and checked) before any output is written.
    if ((values['only-new'] || values['show-suppressed']) && !values.db) throw new UsageError('--only-new 与 --show-suppressed 需要 --db (need --db)');
    // Loaded only with --db: the store code and its drivers cost start-up time a plain run never needs.
    const storeCli = values.db ? await import('./store/cli.js') : null;
    if (storeCli) { closeStore = storeCli.closeStore; store = await storeCli.openCliStore(values.db!, cwd); }

    // Reporters.
    const timestamp = values.timestamp ? new Date().toISOString() : undefined;
    const color = wantColor(values, env, Boolean(io.stdout.isTTY));
    const open = (format: FormatName, path: string): OutputFile => {
      const file = openOutput(path);
      files.push({ file, format });
      return file;
    };
    // Stdout: a write that fails (a full disk, a closed pipe) stops the run with one line (exit 2).
    // On the terminal the progress bar steps aside for it.
    const toStdout = (chunk: string | Uint8Array): void => {
      if (stdoutError) return;
      try {
        if (progress && io.stdout.isTTY) progress.print(() => { io.stdout.write(chunk); });
        else io.stdout.write(chunk);
      } catch (error) { onStdoutError(error); }
    };
    if (watching) (io.stdout as NodeJS.EventEmitter).on('error', onStdoutError);
    const factories = new Map<string, Awaited<ReturnType<typeof loadReporter>>>();
    for (const { format } of targets) if (!custom.has(format)) factories.set(format, await loadReporter(format));
    const reporters: Reporter[] = targets.map(({ format, path }) => {
      const write = path ? open(format, path).write : toStdout;
      const writeSummary = format === 'csv' && path ? open(format, csvSummaryPath(path)).write : undefined;
      const own = custom.get(format);
      if (own) return own.reporter(format, own.formatter, write, { cwd, version: version(), timestamp });
      return factories.get(format)!(write, { color: path ? false : color, cwd, quiet: values.quiet, timestamp, version: version(), writeSummary, showSuppressed: values['show-suppressed'], scorecard: 'scorecard' in fromConfig ? fromConfig.scorecard : undefined });
    });

    const interrupts = watchInterrupts();
    const controller = { signal: AbortSignal.any([interrupts.signal, stopRun.signal]) };
    if (io.stderr.isTTY && !values.quiet && specs.length > 1) progress = new (await import('./report/progress.js')).Progress(io.stderr, specs.length, { delayMs: io.progressDelayMs });
    progress?.update(0, terminalText(specs[0]?.name ?? ''));

    const options: AuditManyOptions = {
      jobs, timeout, rules: ruleSettings, settings: fromConfig.settings,
      cacheDir: values['cache-dir'] ? resolve(cwd, values['cache-dir']) : resolve(cwd, '.cache/xxgk-audit'),
      prior, cross: !values['no-cross'], signal: controller.signal,
      allowRedirectHosts: values['allow-redirect-host'], allowPrivateNetwork: values['allow-private-network'],
      followAttachments: values['follow-attachments'],
    };
    if (agencyType) options.agencyType = agencyType as AuditManyOptions['agencyType'];
    // Size limits from the config file (docs/cli.md, "Limits").
    if ('limits' in fromConfig && fromConfig.limits) Object.assign(options, fromConfig.limits);
    if (values.isolate) options.isolate = true;
    if (values.cache) {
      options.cache = { file: resolveCacheFile(values['cache-location'] ?? DEFAULT_CACHE_LOCATION, cwd), toolVersion: version(), note: err, stats: io.onCacheStats };
    }
    let errors = 0;
    let warnings = 0;
    let unreadable = 0;
    let cross: import('./model.js').Finding[] = [];
    let absent: import('./model.js').Finding[] | undefined;
    const items = store && storeCli
      ? storeCli.storeRunItems(store, specs, options, { toolVersion: version(), onlyNew: values['only-new'], args: argv, formats })
      : auditMany(specs, options);
    let done = 0;
    for (const r of reporters) r.start();
    try {
      for await (const item of items) {
        if (item.type === 'cross') { cross = item.findings; absent = (item as { absent?: import('./model.js').Finding[] }).absent; continue; }
        done++;
        progress?.update(done, terminalText(specs[done]?.name ?? ''));
        if (item.failed) {
          unreadable++;
          // One line above the bar (which goes on), never a stack trace; stderr so machine outputs stay clean.
          err(`${item.report.file}: ${stripFileSuffix(item.failed.message, item.report.file)}`);
        }
        for (const f of item.report.findings) {
          if (f.review?.state === 'dismissed') continue;
          if (f.severity === 'error') errors++;
          else if (f.severity === 'warning') warnings++;
        }
        for (const r of reporters) r.report(item.report, { failed: Boolean(item.failed) });
      }
    } finally {
      progress?.stop();
      progress = null;
      interrupts.dispose();
    }
    for (const f of cross) {
      if (f.review?.state === 'dismissed') continue;
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
    }
    if (stdoutError) throw new OutputError(`无法写入标准输出 (cannot write to stdout): ${writeFailure(stdoutError)}`);
    const cause = interrupts.cause();
    for (const r of reporters) await r.finish(cross, { aborted: cause !== null, interruptedBy: cause ?? undefined, absent });
    if (stdoutError) throw new OutputError(`无法写入标准输出 (cannot write to stdout): ${writeFailure(stdoutError)}`);
    // Complete (or marked as interrupted): onto their paths. An interrupted csv or xlsx cannot say so
    // inside, so it goes beside: out.interrupted.csv.
    for (const { file, format } of files) {
      const to = cause && (format === 'csv' || format === 'xlsx') ? interruptedPath(file.path) : file.path;
      file.commit(to);
      if (to !== file.path) err(`未完成的 ${format} 写到了 (interrupted ${format} written to) ${to}`);
    }
    if (cause) { err(`已中止 (interrupted: ${cause})`); return INTERRUPT_EXIT_CODES[cause]; }
    if (unreadable) return 2;
    if (errors) return 1;
    if (maxWarnings !== undefined && warnings > maxWarnings) {
      err(`警告数 ${warnings} 超过 --max-warnings ${maxWarnings} (too many warnings)`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || (error instanceof Error && error.name === 'StoreError') || error instanceof OutputError || (error instanceof Error && error.name === 'FormatterError') || (error instanceof AuditError && error.code === 'options')) {
      err(error.message);
      return 2;
    }
    err(`内部错误 (internal error): ${(error as Error)?.message ?? String(error)}`);
    return 2;
  } finally {
    progress?.stop();
    // Whatever was not committed is not complete: no file at the path asked for.
    for (const { file } of files) file.discard();
    if (watching) (io.stdout as NodeJS.EventEmitter).off('error', onStdoutError);
    await closeStore?.(store);
  }
}

/** Bytes of the inputs, as far as the choice of a pool needs them (a batch is a batch by its count alone). */
function inputBytes(specs: readonly { kind: string; path?: string; bytes?: Uint8Array }[]): number {
  if (specs.length >= POOL_MIN_FILES) return 0;
  let bytes = 0;
  for (const spec of specs) {
    if (spec.kind === 'file' && spec.path) { try { bytes += statSync(spec.path).size; } catch { /* reported by the audit */ } }
    else bytes += spec.bytes?.length ?? 100 * 1024;
  }
  return bytes;
}

/** out/a.csv → out/a.summary.csv (the per-report summary beside the findings). */
const csvSummaryPath = (path: string): string => join(dirname(path), `${basename(path, extname(path))}.summary.csv`);

function isEntryPoint(): boolean {
  try {
    return Boolean(process.argv[1]) && realpathSync(process.argv[1]!) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** Runs `main` as the process's command: a closed stdout (`| head`) ends the run quietly. */
export async function runAsCommand(argv: string[]): Promise<void> {
  let running = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    // During the run `main` stops on it and says so; after it, one line here.
    if (running) return;
    process.stderr.write(`xxgk-audit: 无法写入标准输出 (cannot write to stdout): ${writeFailure(error)}\n`);
    process.exit(2);
  });
  process.exitCode = await main(argv);
  running = false;
}

if (isEntryPoint()) void runAsCommand(process.argv.slice(2));
