/**
 * `xxgk-audit review`: confirm, dismiss (with a reason) or reset findings by fingerprint, and list
 * them with their review state. Fingerprints are what `--db` runs print (JSON `fingerprint`, SARIF
 * `fingerprints`), whole or as a unique prefix of at least 8 digits.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { placeText } from '../report/location.js';
import { StoreError } from './db.js';
import { isPostgresUrl, openStore } from './index.js';
import type { AuditStore, FindingQuery } from './store.js';
import { resolve } from 'node:path';

interface IO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

const HELP = `用法 (usage): xxgk-audit review --db <store> <action>

  --confirm <fingerprint>…            确认问题属实 (confirm)
  --dismiss <fingerprint>… --reason "…"  判定为误报并忽略，需写明理由 (dismiss as a false alarm; a reason is required)
  --reset <fingerprint>…              恢复为未审核 (back to unreviewed)
  --list [--state new|confirmed|dismissed] [--rule <id>] [--agency <text>] [--year <n>] [--limit <n>] [--offset <n>] [--json]
                                      列出各报告最近一次运行的问题 (findings of each report's latest run)
  --by <name>                         审核人 (reviewer; default: the user name)

Fingerprints: the "fingerprint" of the JSON output, whole or a unique prefix (≥ 8 digits).
Exit codes: 0 done; 2 bad usage, a store that cannot be opened, or a fingerprint that matches nothing (then nothing is changed).
`;

class UsageError extends Error {}

const split = (values: readonly string[] | undefined): string[] => (values ?? []).flatMap((v) => v.split(/[\s,]+/)).filter(Boolean);

export async function reviewMain(argv: string[], io: IO): Promise<number> {
  const err = (line: string): void => { io.stderr.write(`xxgk-audit review: ${line}\n`); };
  let store: AuditStore | null = null;
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          db: { type: 'string' },
          confirm: { type: 'string', multiple: true },
          dismiss: { type: 'string', multiple: true },
          reset: { type: 'string', multiple: true },
          reason: { type: 'string' },
          by: { type: 'string' },
          list: { type: 'boolean' },
          state: { type: 'string' },
          rule: { type: 'string' },
          agency: { type: 'string' },
          year: { type: 'string' },
          limit: { type: 'string' },
          offset: { type: 'string' },
          json: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (error) {
      throw new UsageError(`${(error as Error).message.split('\n')[0]}（xxgk-audit review --help 查看用法）`);
    }
    const { values, positionals } = parsed;
    if (values.help) { io.stdout.write(HELP); return 0; }
    const actions = (['confirm', 'dismiss', 'reset'] as const).filter((a) => values[a] !== undefined);
    if (actions.length + (values.list ? 1 : 0) !== 1) throw new UsageError('请给出一个操作：--confirm、--dismiss、--reset 或 --list (give exactly one action)');
    if (!values.db) throw new UsageError('需要 --db <审核库> (--db is required)');
    const cwd = io.cwd ?? process.cwd();
    const target = isPostgresUrl(values.db) ? values.db : resolve(cwd, values.db);

    if (values.list) {
      if (positionals.length) throw new UsageError(`多余的参数 (unexpected arguments): ${positionals.join(' ')}`);
      const query: FindingQuery = {};
      if (values.state) {
        if (!['new', 'confirmed', 'dismissed'].includes(values.state)) throw new UsageError(`--state 应为 new、confirmed 或 dismissed: ${values.state}`);
        query.state = values.state as FindingQuery['state'];
      }
      if (values.rule) query.rule = values.rule;
      if (values.agency) query.agency = values.agency;
      if (values.year) query.year = Number(values.year);
      query.limit = values.limit ? Number(values.limit) : 1000;
      query.offset = values.offset ? Number(values.offset) : 0;
      for (const [k, v] of [['--year', query.year], ['--limit', query.limit], ['--offset', query.offset]] as const) {
        if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new UsageError(`${k} 需要一个非负整数 (needs a non-negative integer)`);
      }
      store = await openStore(target, { mustExist: !isPostgresUrl(values.db) });
      const page = await store.listFindings(query);
      if (values.json) {
        io.stdout.write(`${JSON.stringify({ total: page.total, offset: page.offset, limit: page.limit, findings: page.rows.map((r) => ({ file: r.file, agency: r.agency, year: r.year, ...r.finding })) }, null, 2)}\n`);
        return 0;
      }
      for (const row of page.rows) {
        const f = row.finding;
        const state = f.review ? (f.review.state === 'confirmed' ? '已确认' : '已忽略') : '未审核';
        const reason = f.review?.reason ? `（理由：${f.review.reason}）` : '';
        io.stdout.write(`${f.fingerprint}  ${state}  ${f.severity.padEnd(7)}  ${f.ruleId}  ${row.agency ?? '—'} ${row.year ?? ''}  ${row.file} ${placeText(f.source)}\n    ${f.message}${reason}\n`);
      }
      const shown = page.rows.length ? `${page.offset + 1}–${page.offset + page.rows.length}` : '0';
      io.stdout.write(`共 ${page.total} 个问题，显示 ${shown} (${page.total} findings)\n`);
      return 0;
    }

    const action = actions[0]!;
    const given = [...split(values[action]), ...split(positionals)];
    if (!given.length) throw new UsageError(`--${action} 需要至少一个指纹 (needs at least one fingerprint)`);
    const reason = values.reason?.trim() || null;
    if (action === 'dismiss' && !reason) throw new UsageError('--dismiss 需要 --reason "理由" (a dismissal needs a reason)');
    const by = values.by ?? (io.env ?? process.env).XXGK_AUDIT_REVIEWER ?? safeUser();
    store = await openStore(target, { mustExist: !isPostgresUrl(values.db) });
    const { found, missing, ambiguous } = await store.resolveFingerprints(given);
    if (missing.length || ambiguous.length) {
      if (missing.length) err(`没有与指纹匹配的问题 (no finding has this fingerprint): ${missing.join(', ')}（xxgk-audit review --db … --list 查看）`);
      if (ambiguous.length) err(`指纹前缀对应多个问题，请写得更长 (prefix matches several findings): ${ambiguous.join(', ')}`);
      err('未做任何更改 (nothing changed)');
      return 2;
    }
    const fingerprints = [...new Set(found.values())];
    if (action === 'reset') await store.resetReview(fingerprints, by);
    else await store.setReview(fingerprints, action === 'confirm' ? 'confirmed' : 'dismissed', reason, by);
    const word = { confirm: '已确认 (confirmed)', dismiss: '已忽略 (dismissed)', reset: '已恢复为未审核 (reset)' }[action];
    io.stdout.write(`${word}: ${fingerprints.length} 个问题 (findings)\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof StoreError) {
      err(error.message);
      return 2;
    }
    err(`内部错误 (internal error): ${(error as Error)?.message ?? String(error)}`);
    return 2;
  } finally {
    if (store) await store.close().catch(() => {});
  }
}

function safeUser(): string | null {
  try {
    return userInfo().username || null;
  } catch {
    return null;
  }
}
