/**
 * Where the command's outputs go. A file is written under a temporary name in its own folder and
 * renamed onto the path asked for only when the run is done, so the path never holds a half-written
 * file that looks complete; missing folders are created; a device or FIFO (`-o /dev/stdout`,
 * `-o /dev/full`) is written in place. A write that fails (full disk, unwritable path) becomes an
 * `OutputError`: one line for the officer, never a stack trace, and the temporary file is removed.
 */
import { type Stats, closeSync, mkdirSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** A failure to write an output: its message is the one line the command prints (exit 2). */
export class OutputError extends Error {}

const REASONS: Record<string, string> = {
  ENOSPC: '磁盘已满 (no space left on device)',
  EDQUOT: '超出磁盘配额 (disk quota exceeded)',
  EACCES: '没有写入权限 (permission denied)',
  EPERM: '没有写入权限 (operation not permitted)',
  EROFS: '只读文件系统 (read-only file system)',
  ENOTDIR: '路径中有一段不是文件夹 (a part of the path is not a folder)',
  EISDIR: '这是一个文件夹 (is a folder)',
  EEXIST: '已有同名文件 (a file of that name exists)',
  EIO: '输入输出错误 (I/O error)',
  EPIPE: '管道已关闭 (broken pipe)',
};

/** `ENOSPC` → `磁盘已满 (no space left on device)`; an unknown code is kept as it is. */
export function writeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code ? REASONS[code] ?? code : (error as Error)?.message ?? String(error);
}

export interface OutputFile {
  readonly path: string;
  write(chunk: string | Uint8Array): void;
  /** Renames the finished file onto its path (`to`: another path, for an interrupted csv/xlsx). */
  commit(to?: string): void;
  /** Drops the temporary file (nothing was, or may be, complete). */
  discard(): void;
}

// Temporary files still open: removed however the process ends (a second Ctrl-C exits at once).
const pending = new Set<OutputFile>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => { for (const file of [...pending]) file.discard(); });
}

function writeAll(fd: number, chunk: string | Uint8Array): void {
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/**
 * Opens an output: the folder is created, a temporary file `.<name>.<pid>-<n>.tmp` beside the target
 * is opened at once (so an unwritable path is found before any audit runs).
 */
let serial = 0;
export function openOutput(path: string): OutputFile {
  const folder = dirname(path);
  let existing: Stats | undefined;
  try {
    existing = statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    throw new OutputError(`无法写入 (cannot write) ${path}: ${writeFailure(error)}`);
  }
  if (existing?.isDirectory()) throw new OutputError(`无法写入 (cannot write) ${path}: ${REASONS.EISDIR}`);
  // A device, FIFO or socket is not a file to replace: write to it directly.
  const direct = existing !== undefined && !existing.isFile();
  try {
    if (!direct) mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new OutputError(`无法创建输出文件夹 (cannot create folder) ${folder}: ${writeFailure(error)}`);
  }
  const temp = direct ? path : join(folder, `.${basename(path)}.${process.pid}-${++serial}.tmp`);
  let fd: number | null;
  try {
    fd = openSync(temp, direct ? 'w' : 'wx');
  } catch (error) {
    throw new OutputError(`无法写入 (cannot write) ${path}: ${writeFailure(error)}`);
  }
  const close = (): void => {
    if (fd === null) return;
    const open = fd;
    fd = null;
    try { closeSync(open); } catch { /* already reported by the write that failed */ }
  };
  const file: OutputFile = {
    path,
    write(chunk) {
      if (fd === null) return;
      try {
        writeAll(fd, chunk);
      } catch (error) {
        file.discard();
        throw new OutputError(`无法写入 (cannot write) ${path}: ${writeFailure(error)}`);
      }
    },
    commit(to = path) {
      if (!pending.has(file)) return;
      close();
      pending.delete(file);
      if (direct) return;
      try {
        renameSync(temp, to);
      } catch (error) {
        try { unlinkSync(temp); } catch { /* gone already */ }
        throw new OutputError(`无法写入 (cannot write) ${to}: ${writeFailure(error)}`);
      }
    },
    discard() {
      close();
      if (!pending.delete(file)) return;
      if (!direct) try { unlinkSync(temp); } catch { /* gone already */ }
    },
  };
  installExitHook();
  pending.add(file);
  return file;
}

/** `out/a.csv` → `out/a.interrupted.csv`: where an interrupted csv or xlsx is kept. */
export function interruptedPath(path: string): string {
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext)}.interrupted${ext}`);
}

/** The same file whatever the spelling (symlinks, `..`): its real path, or the resolved one when it does not exist yet. */
function identity(path: string): string {
  try { return realpathSync(path); } catch { return resolve(path); }
}

/**
 * Guards inputs against outputs: `isOutput(path)` for a folder or glob match that is one of this
 * run's outputs or lies inside --output-dir (left out of the inputs: a previous run's report is not
 * a report to audit); `clash(inputs)` names an input that an output would overwrite.
 */
export function outputGuard(outputs: readonly string[], outputDir: string | null): { isOutput: (path: string) => boolean; clash: (inputs: readonly string[]) => { input: string; output: string } | null } {
  const files = new Map(outputs.map((o) => [identity(o), o]));
  const folder = outputDir ? identity(outputDir) : null;
  const inside = (path: string): boolean => {
    if (!folder) return false;
    const rel = relative(folder, path);
    return rel !== '' && rel.split(sep)[0] !== '..' && !isAbsolute(rel);
  };
  return {
    isOutput: (path) => {
      if (!files.size && !folder) return false;
      const id = identity(path);
      return files.has(id) || inside(id);
    },
    clash: (inputs) => {
      for (const input of inputs) {
        const output = files.get(identity(input));
        if (output) return { input, output };
      }
      return null;
    },
  };
}
