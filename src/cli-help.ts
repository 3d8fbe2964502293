/**
 * The command's --help text and --version, apart from cli.ts so that `xxgk-audit --help` and
 * `--version` load nothing else (bin.ts answers them before loading the command line).
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_CACHE_LOCATION } from './batch/cache.js';
import { storeOptionsHelp } from './store/cli-help.js';
import { packageFile } from './util/package-root.js';

export const HELP = `用法 (usage): xxgk-audit [options] <file|dir|glob|url|-> ...
       xxgk-audit review --db <store> --confirm|--dismiss|--reset <fingerprint>… | --list   (xxgk-audit review --help)
       xxgk-audit serve --db <store> [--port N] [--host 127.0.0.1]   网页工作台 (web workbench; xxgk-audit serve --help)

审核政府信息公开工作年度报告 (audit 政府信息公开工作年度报告: HTML, PDF, Markdown, text).

Options:
  -f, --format <list>      stylish (default) | json | ndjson | sarif | csv | html | xlsx (needs --output); several: --format json,sarif
                           or a formatter module: ./my-formatter.mjs, a package name (docs/cli.md, "Custom formatters")
  -o, --output <list>      files for the formats, in the same order (--output out.json,out.sarif);
                           a format without a file goes to stdout (at most one may)
      --output-dir <dir>   write every format to <dir>/xxgk-audit.<ext> (csv also: xxgk-audit.summary.csv)
                           (missing folders are created; each file appears only once complete)
  -q, --quiet              errors only (stylish: printed and counted); no progress bar
      --color, --no-color  colours in stylish on stdout (default: on a terminal; NO_COLOR, FORCE_COLOR)
  -j, --jobs <n>           worker threads (default: 1 for one or a few small inputs, else the number of cores);
                           1 = one worker thread (every file under --timeout and the heap limit)
      --timeout <s>        per-file time limit in seconds (default 60; 0 = none)
      --isolate            audit each file alone in a fresh worker thread (a fresh thread per file)
      --list <file>        read more inputs from a file, one path or URL per line (- = stdin)
      --prior <file|dir>   last year's report(s) to compare with (cross-year rules); repeatable
  -c, --config <file>      config file (default ./xxgk-audit.config.json when present)
      --rule <id=severity> set a rule to error|warning|info|off; repeatable
      --max-warnings <n>   exit 1 when there are more warnings than this
      --agency-type <t>    department | government (default: decided from the agency name)
      --cache              reuse the results of unchanged inputs (same bytes, options and version);
                           the cross-report rules still run on every input
      --cache-location <path>  the results cache: a file, or a folder (default ./${DEFAULT_CACHE_LOCATION})
      --cache-dir <dir>    cache for fetched URLs (default .cache/xxgk-audit)
      --allow-redirect-host <host[:port]>  let URLs redirect to this host; repeatable
      --allow-private-network  fetch from loopback/private addresses although the URL was public
      --follow-attachments a URL page holding only a title and a link: audit the linked .doc/.docx/.pdf
      --no-cross           skip the cross-report rules
      --timestamp          put the run time into json/sarif/html (off: reruns are byte-identical)
      --rules              list every rule: id, severity (after the config and --rule), name, doc link (--format json)
      --print-config <file>  print the configuration the file would be audited with (JSON), audit nothing
${storeOptionsHelp}  -v, --version            print the version
  -h, --help               print this help

Exit codes: 0 no errors; 1 errors found (or warnings over --max-warnings); 2 bad usage, an input
that could not be audited or an output that could not be written; 130 / 143 / 129 interrupted by
SIGINT (Ctrl-C) / SIGTERM / SIGHUP (what was done is written, marked as interrupted).
`;

/** The package's version, read from package.json (no JSON import: nothing else to load). */
export function version(): string {
  try {
    return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
