import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { InputSpec } from './types.js';

/** Extensions a directory walk picks up. */
export const REPORT_EXTENSIONS = ['html', 'htm', 'shtml', 'xhtml', 'pdf', 'md', 'markdown', 'txt', 'docx', 'doc', 'wps', 'ofd'];

export const isUrl = (value: string): boolean => /^https?:\/\//i.test(value);

async function readStdin(stdin: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/** Lines of a `--list` file (`-`: standard input): one path or URL per line; blank lines and `#` comments skipped. */
export async function readList(listFile: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<string[]> {
  const text = listFile === '-' ? Buffer.from(await readStdin(stdin)).toString('utf8') : await readFile(listFile, 'utf8');
  return text.replace(/^\uFEFF/, '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
}

/**
 * Command-line arguments → inputs, in the order given: a file as is; a directory → its report
 * files, recursively, sorted; a glob → its matches, sorted; `-` → stdin; http(s) → URL. A path that
 * does not exist stays a file input so the run reports it (file/error) instead of dropping it.
 */
export async function expandInputs(args: readonly string[], options: { cwd?: string; stdin?: NodeJS.ReadableStream; exclude?: (path: string) => boolean } = {}): Promise<InputSpec[]> {
  const cwd = options.cwd ?? process.cwd();
  // A folder's or glob's match that is left out (the command's own output files).
  const kept = (path: string): boolean => !options.exclude?.(path);
  const specs: InputSpec[] = [];
  for (const arg of args) {
    if (arg === '-') {
      specs.push({ kind: 'bytes', name: '<stdin>', bytes: await readStdin(options.stdin ?? process.stdin) });
      continue;
    }
    if (isUrl(arg)) {
      specs.push({ kind: 'url', name: arg, url: arg });
      continue;
    }
    const info = await stat(resolve(cwd, arg)).catch(() => null);
    if (info?.isDirectory()) {
      // tinyglobby is loaded with the first folder or pattern: a run of named files never needs it.
      const { glob } = await import('tinyglobby');
      const files = await glob(`**/*.{${REPORT_EXTENSIONS.join(',')}}`, { cwd: resolve(cwd, arg), caseSensitiveMatch: false, onlyFiles: true });
      // A folder's README is about the folder, not a report.
      for (const file of files.filter((f) => !/^readme\./i.test(basename(f))).sort()) {
        const name = `${arg.replace(/[\\/]+$/, '')}/${file}`;
        if (kept(resolve(cwd, name))) specs.push({ kind: 'file', name, path: resolve(cwd, name) });
      }
      continue;
    }
    const globbing = info ? null : await import('tinyglobby');
    if (globbing?.isDynamicPattern(arg)) {
      const files = await globbing.glob(arg, { cwd, onlyFiles: true, expandDirectories: false });
      for (const file of files.sort()) if (kept(resolve(cwd, file))) specs.push({ kind: 'file', name: file, path: resolve(cwd, file) });
      // No match: keep the pattern so the run says so (file not found) rather than silently auditing nothing.
      if (files.length === 0) specs.push({ kind: 'file', name: arg, path: resolve(cwd, arg) });
      continue;
    }
    specs.push({ kind: 'file', name: arg, path: resolve(cwd, arg) });
  }
  return specs;
}
