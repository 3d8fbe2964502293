/**
 * .doc (Word 97–2003, an OLE2 compound file) → report tree.
 *
 * When LibreOffice (`soffice`) is on the PATH the file is converted to .docx by it (headless, its own
 * profile, a time limit, macros not run: a fresh profile has macro security "high") and read by the
 * .docx reader, so tables keep their merged cells. Without it, word-extractor reads the text of the
 * WordDocument stream and the text reader reads that; the cell and row marks of tables come back as
 * tabs that run rows together, so tables are mostly lost, and a `file/unsupported-format` warning says
 * so. Measured in the round trip (scripts/word-roundtrip.mjs): LibreOffice gives the HTML source's facts
 * and findings, word-extractor does not (docs/api.md, "Word files").
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isMainThread, threadId } from 'node:worker_threads';
import { AuditError } from '../../errors.js';
import type { Root } from '../../model.js';
import { parseDocx } from '../docx/index.js';
import { parseText } from '../text/index.js';

export interface DocOptions {
  file: string;
  maxBytes: number;
  /** Use LibreOffice when it is on the PATH (default true); false reads the text with word-extractor. */
  soffice?: boolean;
}

/** word-extractor 1.0.4 (CommonJS, no types): the part of its API we use, loaded on first use. */
interface WordExtractorClass {
  new (): { extract(source: Buffer): Promise<{ getBody(options?: { filterUnicode?: boolean }): string }> };
}
let wordExtractor: WordExtractorClass | undefined;
async function loadWordExtractor(): Promise<WordExtractorClass> {
  // A string-typed specifier: the package has no types, its CommonJS export arrives as `default`.
  wordExtractor ??= ((await import('word-extractor' as string)) as { default: WordExtractorClass }).default;
  return wordExtractor;
}

/** Longest a LibreOffice conversion may take. */
export const DOC_CONVERT_TIMEOUT_MS = 60_000;

let sofficePath: string | null | undefined;
/** `soffice` on the PATH (looked up once), or null. `XXGK_AUDIT_SOFFICE=0` turns it off. */
export function findSoffice(): string | null {
  if (sofficePath !== undefined) return sofficePath;
  sofficePath = null;
  if (process.env.XXGK_AUDIT_SOFFICE === '0') return null;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'soffice'))) {
      sofficePath = join(dir, 'soffice');
      break;
    }
  }
  return sofficePath;
}

const PROFILE_PREFIX = `xxgk-audit-soffice-${process.pid}-`;
/** LibreOffice's profile for this thread (its first start writes ~10 MB there). */
const profileDir = (): string => join(tmpdir(), PROFILE_PREFIX + threadId);
// Worker threads are terminated, not exited: the main thread removes every thread's profile when the process exits.
if (isMainThread) {
  process.once('exit', () => {
    try {
      for (const name of readdirSync(tmpdir())) if (name.startsWith(PROFILE_PREFIX)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
    } catch {
      // Nothing to clean up.
    }
  });
}

/** One conversion at a time per thread: LibreOffice refuses a second instance on the same profile. */
let queue: Promise<unknown> = Promise.resolve();

async function convert(soffice: string, bytes: Uint8Array, file: string): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'xxgk-doc-'));
  try {
    const input = join(dir, 'report.doc');
    await writeFile(input, bytes);
    const profile = pathToFileURL(profileDir()).href;
    await new Promise<void>((resolve, reject) => {
      execFile(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nologo', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, input],
        { timeout: DOC_CONVERT_TIMEOUT_MS, killSignal: 'SIGKILL', windowsHide: true, maxBuffer: 1 << 20 },
        (error) => (error ? reject(error) : resolve()));
    });
    const out = join(dir, 'report.docx');
    if (!existsSync(out)) throw new Error('LibreOffice 未生成 .docx (no output; the file may be encrypted or corrupt)');
    return new Uint8Array(await readFile(out));
  } catch (error) {
    const killed = (error as { killed?: boolean }).killed;
    throw new AuditError(killed ? 'timeout' : 'word-broken', file, killed
      ? `Word 97–2003 文档转换超时（${DOC_CONVERT_TIMEOUT_MS / 1000} 秒）(LibreOffice conversion timed out): ${file}`
      : `Word 97–2003 文档无法转换，可能已损坏、不完整或已加密 (.doc could not be converted: corrupt, truncated or encrypted): ${file}: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reads a .doc. Throws AuditError('word-broken') when it cannot be read. */
export async function parseDoc(bytes: Uint8Array, options: DocOptions): Promise<Root> {
  const { file } = options;
  const soffice = options.soffice === false ? null : findSoffice();
  if (soffice) {
    const run = queue.then(() => convert(soffice, bytes, file));
    queue = run.catch(() => undefined);
    const root = parseDocx(await run, { file, maxBytes: options.maxBytes });
    root.data.format = 'doc';
    root.data.reader = 'libreoffice';
    return root;
  }
  let body: string;
  try {
    const doc = await new (await loadWordExtractor())().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    // filterUnicode: false keeps the text as published (no “” → "" rewriting).
    body = doc.getBody({ filterUnicode: false });
  } catch (error) {
    throw new AuditError('word-broken', file, `Word 97–2003 文档已损坏或不完整 (.doc file is truncated or corrupt): ${file}: ${(error as Error).message}`, { cause: error });
  }
  const root: Root = body.trim() === '' ? { type: 'root', children: [], data: { file, format: 'doc', text: body } } : parseText(body, { file });
  root.data.format = 'doc';
  root.data.reader = 'word-extractor';
  if (root.children.length === 0) {
    root.data.problems = [{ ruleId: 'file/not-machine-readable', message: 'Word 文档中没有可读取的文字（可能只有图片）', source: { file } }];
  } else {
    (root.data.problems ??= []).push({
      ruleId: 'file/unsupported-format',
      message: 'Word 97–2003 文档（.doc）只读取了文字：未找到 LibreOffice（soffice），表格的单元格无法可靠读取；请安装 LibreOffice 或提供 .docx 版本 (.doc read as text only: tables may be lost)',
      source: { file },
    });
  }
  return root;
}
