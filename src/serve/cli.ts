/**
 * `xxgk-audit serve --db <store> [--port N] [--host 127.0.0.1]`: the workbench (docs/serve.md).
 * Binds to loopback unless told otherwise; one line and exit 2 when the port is taken.
 */
import type { Server } from 'node:http';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAdaptorServer } from '@hono/node-server';
import { StoreError } from '../store/db.js';
import { isPostgresUrl, openStore } from '../store/index.js';
import { createWorkbench } from './server.js';

interface IO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

const HELP = `用法 (usage): xxgk-audit serve --db <store> [--port N] [--host 127.0.0.1] [--root <dir>]

  --db <store>     审核库：SQLite 文件或 postgres:// 地址 (the audit store)
  --port <N>       端口，默认 8023；0 = 任选空闲端口 (port, default 8023; 0 = any free port)
  --host <addr>    监听地址，默认 127.0.0.1（仅本机）(bind address, default loopback only)
  --root <dir>     库中相对文件名的根目录，默认当前目录 (where relative file names in the store are, default cwd)
  --by <name>      审核人 (reviewer recorded with each change; default the user name)

Stop with Ctrl-C. Exit codes: 0 stopped; 2 bad usage, a store that cannot be opened, or a port that is taken.
`;

export interface RunningWorkbench {
  url: string;
  token: string;
  close(): Promise<void>;
}

/** Starts the workbench on an open store (the tests and the bench use this). */
export async function startWorkbench(store: import('../store/store.js').AuditStore, options: { port?: number; host?: string; root?: string; reviewer?: string | null; version?: string } = {}): Promise<RunningWorkbench> {
  const host = options.host ?? '127.0.0.1';
  const { app, token } = createWorkbench(store, {
    root: options.root, reviewer: options.reviewer, version: options.version,
    allowedHosts: host === '0.0.0.0' || host === '::' ? [] : [host, 'localhost', '127.0.0.1', '::1'],
  });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8023, host, () => { server.off('error', fail); ok(); });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    token,
    close: () => new Promise<void>((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}

export async function serveMain(argv: string[], io: IO, signal?: AbortSignal): Promise<number> {
  const err = (line: string): void => { io.stderr.write(`xxgk-audit serve: ${line}\n`); };
  let values: { db?: string; port?: string; host?: string; root?: string; by?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv, allowPositionals: false, strict: true,
      options: { db: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, root: { type: 'string' }, by: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    err(`${(error as Error).message} (xxgk-audit serve --help)`);
    return 2;
  }
  if (values.help) { io.stdout.write(HELP); return 0; }
  if (!values.db) { err('需要 --db <store> (--db is required)'); return 2; }
  const port = values.port === undefined ? 8023 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) { err(`端口无效 (bad port): ${values.port}`); return 2; }
  const cwd = io.cwd ?? process.cwd();
  const env = io.env ?? process.env;
  let store;
  try {
    store = await openStore(isPostgresUrl(values.db) ? values.db : resolve(cwd, values.db), { mustExist: !isPostgresUrl(values.db) });
  } catch (error) {
    err(error instanceof StoreError ? error.message : (error as Error).message);
    return 2;
  }
  const host = values.host ?? '127.0.0.1';
  let running: RunningWorkbench;
  try {
    let reviewer: string | null = values.by ?? env.XXGK_AUDIT_REVIEWER ?? null;
    if (!reviewer) try { reviewer = userInfo().username; } catch { reviewer = null; }
    running = await startWorkbench(store, { port, host, root: values.root ? resolve(cwd, values.root) : cwd, reviewer });
  } catch (error) {
    await store.close().catch(() => {});
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') err(`端口 ${port} 已被占用，请用 --port 换一个 (port ${port} on ${host} is already in use; pick another with --port)`);
    else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') err(`无法监听地址 ${host} (cannot bind to ${host})`);
    else if (code === 'EACCES') err(`没有权限监听端口 ${port} (permission denied for port ${port})`);
    else err((error as Error).message);
    return 2;
  }
  io.stdout.write(`xxgk-audit 工作台 (workbench): ${running.url}\n`);
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') io.stdout.write(`注意：监听 ${host}，其他机器也能访问 (listening on ${host}: reachable from other machines)\n`);
  await new Promise<void>((ok) => {
    const stop = (): void => { ok(); };
    if (signal) signal.addEventListener('abort', stop, { once: true });
    else { process.once('SIGINT', stop); process.once('SIGTERM', stop); }
  });
  await running.close();
  await store.close();
  return 0;
}
