import { readFileSync, statSync, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { AuditError } from '../errors.js';
import type { Format, Root } from '../model.js';
import { limit, tooLarge, type Limits } from '../limits.js';
import { decode } from './decode.js';
import { parseText } from './text/index.js';
import { siblingModule } from '../util/sibling-module.js';

/**
 * The readers of the heavy formats are loaded when the first input of their format arrives, so
 * `import('xxgk-audit')` and a run over text files never pay for parse5, remark or pdf.js
 * (issue 11: their loading was most of a one-file run). Each import is made once and shared.
 */
/**
 * Under tsx, `import()` of a reader beside this module by URL: in a worker thread a relative `.js`
 * specifier in a dynamic import is not mapped to its `.ts` source. From dist/, a plain relative
 * `import()`, which the bundler of the auditing threads (scripts/build.mjs) can see and split off.
 */
const fromSource = import.meta.url.endsWith('.ts');
const load = <T>(path: string): Promise<T> => import(siblingModule(import.meta.url, path).href) as Promise<T>;
let htmlReader: Promise<typeof import('./html/index.js')> | undefined;
let markdownReader: Promise<typeof import('./markdown/index.js')> | undefined;
let pdfReader: Promise<typeof import('./pdf/index.js')> | undefined;
const loadHtml = (): Promise<typeof import('./html/index.js')> => (htmlReader ??= fromSource ? load('./html/index') : import('./html/index.js'));
const loadMarkdown = (): Promise<typeof import('./markdown/index.js')> => (markdownReader ??= fromSource ? load('./markdown/index') : import('./markdown/index.js'));
const loadPdfReader = (): Promise<typeof import('./pdf/index.js')> => (pdfReader ??= fromSource ? load('./pdf/index') : import('./pdf/index.js'));
let docxReader: Promise<typeof import('./docx/index.js')> | undefined;
let docReader: Promise<typeof import('./doc/index.js')> | undefined;
const loadDocx = (): Promise<typeof import('./docx/index.js')> => (docxReader ??= fromSource ? load('./docx/index') : import('./docx/index.js'));
const loadDoc = (): Promise<typeof import('./doc/index.js')> => (docReader ??= fromSource ? load('./doc/index') : import('./doc/index.js'));

export { decode } from './decode.js';

/**
 * Starts loading the reader a file of this name will need (by its extension), so that a thread that
 * is idle before its first file (batch/thread-worker.ts) spends the wait on it. Never rejects: a
 * reader that fails to load says so when the file is read.
 */
export function preloadReaderFor(name: string): Promise<void> {
  const format = FORMAT_BY_EXTENSION[extname(name).toLowerCase()];
  const load = format === 'html' ? loadHtml : format === 'markdown' ? loadMarkdown : format === 'pdf' ? loadPdfReader : format === 'docx' ? loadDocx : undefined;
  return load ? load().then(() => undefined, () => undefined) : Promise.resolve();
}

/** What can be audited: the report text itself, its bytes, or a path. */
export type Input = string | Uint8Array | { path: string };

export interface IngestOptions extends Limits {
  /** Name used in every source; defaults to the path or `<input>`. */
  file?: string;
  /** Force a format instead of detecting it from the name and the bytes. */
  format?: Format;
  /** A charset known from outside the bytes (e.g. an HTTP Content-Type header). */
  charset?: string;
}

const FORMAT_BY_EXTENSION: Record<string, Format> = {
  '.html': 'html', '.htm': 'html', '.shtml': 'html', '.xhtml': 'html', '.jsp': 'html', '.php': 'html', '.asp': 'html', '.aspx': 'html',
  '.pdf': 'pdf',
  '.md': 'markdown', '.markdown': 'markdown',
  '.txt': 'text', '.text': 'text',
};

/** Format from the file name, then from the first bytes. */
export function detectFormat(bytes: Uint8Array, name?: string): Format {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  if (head.startsWith('%PDF-') || /^\s{0,64}%PDF-/.test(head)) return 'pdf';
  const byName = name ? FORMAT_BY_EXTENSION[extname(name).toLowerCase()] : undefined;
  if (byName && byName !== 'text') return byName;
  if (/<(!doctype html|html|head|body|table|div|p|meta)[\s>]/i.test(head)) return 'html';
  return byName ?? 'text';
}

/** What an Office container holds, from its bytes (not the name). */
export type OfficeKind = 'doc' | 'docx' | 'encrypted' | 'wps' | 'ofd' | 'ole2' | 'zip';

/**
 * Office containers recognised from their bytes, not the name: OLE2 (D0 CF 11 E0) holds a Word 97–2003
 * document, a WPS document or an encrypted OOXML package; a zip holds .docx (word/document.xml) or OFD (OFD.xml).
 */
export function officeKind(bytes: Uint8Array): OfficeKind | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1 << 20));
  if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) {
    const text = head.toString('latin1');
    const wide = (name: string) => text.includes(Buffer.from(name, 'utf16le').toString('latin1'));
    if (wide('EncryptedPackage')) return 'encrypted';
    if (wide('WordDocument')) return 'doc';
    if (/WPS|Kingsoft/i.test(text) || wide('WPS')) return 'wps';
    return 'ole2';
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) {
    const text = head.toString('latin1');
    if (text.includes('word/document.xml') || text.includes('[Content_Types].xml') && text.includes('word/')) return 'docx';
    if (text.includes('OFD.xml')) return 'ofd';
    return 'zip';
  }
  return undefined;
}

const OFFICE_NAMES: Record<OfficeKind, string> = {
  encrypted: '加密的 Word 文档 (encrypted Office document)',
  doc: 'Word 97–2003 文档 (.doc)',
  wps: 'WPS 文档 (.wps)',
  ole2: 'OLE2 复合文档 (OLE2 compound file)',
  docx: 'Word 文档 (.docx)',
  ofd: 'OFD 版式文档 (.ofd)',
  zip: 'zip 压缩文件 (zip archive)',
};

/** The name of the Office container the bytes are (for messages), or undefined. */
export function officeContainer(bytes: Uint8Array): string | undefined {
  const kind = officeKind(bytes);
  return kind ? OFFICE_NAMES[kind] : undefined;
}

/**
 * A format recognised but not read (WPS, OFD): an empty tree with one `file/unsupported-format`
 * problem, so the audit gives that one finding instead of an error or nine missing parts.
 */
function unsupportedFormat(file: string, kind: 'wps' | 'ofd'): Root {
  const name = OFFICE_NAMES[kind];
  return {
    type: 'root',
    children: [],
    data: {
      file,
      format: kind,
      problems: [{
        ruleId: 'file/unsupported-format',
        message: `${name}，本工具不读取此格式；请另行提供 Word、PDF 或 HTML 版本 (format not read: ${kind === 'wps' ? 'WPS' : 'OFD'})`,
        source: { file },
      }],
    },
  };
}

/** Share of bytes that cannot occur in a text document (NUL and other C0 controls). */
function binaryShare(bytes: Uint8Array): number {
  const sample = bytes.subarray(0, 8192);
  if (sample.length === 0) return 0;
  let odd = 0;
  const utf16 = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff);
  if (utf16) return 0;
  for (const byte of sample) if (byte === 0 || (byte < 9) || (byte > 13 && byte < 32 && byte !== 27)) odd++;
  return odd / sample.length;
}

export async function readInput(input: Input, options: IngestOptions = {}): Promise<{ bytes: Uint8Array; file: string }> {
  if (typeof input === 'string' || input instanceof Uint8Array) return readInputSync(input, options);
  const file = options.file ?? input.path;
  let info;
  try {
    info = await stat(input.path);
  } catch (error) {
    throw statError(file, error);
  }
  checkReadable(info, file, options.maxBytes);
  try {
    return { bytes: await readFile(input.path), file };
  } catch (error) {
    throw readError(file, error);
  }
}

/**
 * The same, blocking: for a worker thread that audits one file at a time, where every asynchronous
 * file operation is a round trip through libuv's thread pool that waits for a core (measured: ~3 ms
 * a file with both cores busy, against ~0.1 ms here).
 */
export function readInputSync(input: Input, options: IngestOptions = {}): { bytes: Uint8Array; file: string } {
  if (typeof input === 'string') return { bytes: Buffer.from(input, 'utf8'), file: options.file ?? '<input>' };
  if (input instanceof Uint8Array) return { bytes: input, file: options.file ?? '<input>' };
  const file = options.file ?? input.path;
  let info;
  try {
    info = statSync(input.path);
  } catch (error) {
    throw statError(file, error);
  }
  checkReadable(info, file, options.maxBytes);
  try {
    return { bytes: readFileSync(input.path), file };
  } catch (error) {
    throw readError(file, error);
  }
}

function statError(file: string, error: unknown): AuditError {
  const code = (error as NodeJS.ErrnoException).code;
  return new AuditError('not-found', file, code === 'ENOENT' ? `文件不存在 (file not found): ${file}` : `无法读取文件 (cannot read): ${file}: ${code}`, { cause: error });
}

function checkReadable(info: Stats, file: string, max?: number): void {
  const maxBytes = limit({ maxBytes: max }, 'maxBytes');
  if (info.isDirectory()) throw new AuditError('unreadable', file, `这是一个目录，不是文件 (is a directory): ${file}`);
  if (info.size > maxBytes) throw tooLarge(file, 'maxBytes', `${info.size} bytes`, maxBytes);
}

function readError(file: string, error: unknown): AuditError {
  return new AuditError('unreadable', file, `无法读取文件 (cannot read): ${file}: ${(error as Error).message}`, { cause: error });
}

/** Bytes / path / string → report tree with positions. Throws AuditError for input that cannot be read at all. */
export async function ingest(input: Input, options: IngestOptions = {}): Promise<Root> {
  const { bytes, file } = await readInput(input, options);
  if (bytes.length === 0 || (typeof input === 'string' && input.trim() === '')) {
    throw new AuditError('empty', file, `文件为空 (empty file): ${file}`);
  }
  const maxBytes = limit(options, 'maxBytes');
  if (bytes.length > maxBytes) throw tooLarge(file, 'maxBytes', `${bytes.length} bytes`, maxBytes);
  const format = options.format ?? detectFormat(bytes, typeof input === 'object' && 'path' in input ? input.path : options.file);
  if (format === 'pdf') return checkCells(await (await loadPdfReader()).parsePdf(bytes, { file, maxPdfStreamBytes: limit(options, 'maxPdfStreamBytes') }), options);
  const kind = officeKind(bytes);
  if (kind === 'docx' || (!kind && format === 'docx')) return checkWord((await loadDocx()).parseDocx(bytes, { file, maxBytes }), options);
  if (kind === 'doc' || (!kind && format === 'doc')) return checkWord(await (await loadDoc()).parseDoc(bytes, { file, maxBytes }), options);
  if (kind === 'encrypted') throw new AuditError('word-encrypted', file, `Word 文档已加密，需要密码才能打开 (Office document is encrypted and needs a password): ${file}`);
  if (kind === 'wps' || kind === 'ofd') return unsupportedFormat(file, kind);
  if (kind) {
    throw new AuditError('binary', file, `${OFFICE_NAMES[kind]}，不能读取，请提供 Word、HTML、PDF 或文本版本 (not a report format: ${OFFICE_NAMES[kind]}): ${file}`);
  }
  if (binaryShare(bytes) > 0.02) {
    throw new AuditError('binary', file, `不是文本、HTML 或 PDF 文件（二进制内容）(not a text, HTML or PDF file: binary content): ${file}`);
  }
  const decoded = decode(bytes, { declared: options.charset, html: format === 'html' });
  const maxChars = limit(options, 'maxChars');
  if (decoded.text.length > maxChars) throw tooLarge(file, 'maxChars', decoded.text.length, maxChars);
  if (decoded.text.trim() === '') throw new AuditError('empty', file, `文件只有空白 (file has only white space): ${file}`);
  if (format === 'html') {
    const { parseHtml } = await loadHtml();
    const root = checkCells(parseHtml(decoded.text, { file, encoding: decoded.encoding, maxDepth: limit(options, 'maxDepth') }), options);
    if (decoded.charsetConflict) {
      const { given, declared } = decoded.charsetConflict;
      (root.data.problems ??= []).push({
        ruleId: 'file/charset-mismatch',
        message: `服务器声明的编码 ${given} 与网页自身声明的 ${declared} 不符，按 ${given} 无法正确解码，已按 ${declared} 读取`,
        source: { file },
      });
    }
    return root;
  }
  if (format === 'markdown') return checkCells((await loadMarkdown()).parseMarkdown(decoded.text, { file, encoding: decoded.encoding, maxDepth: limit(options, 'maxDepth') }), options);
  return checkCells(parseText(decoded.text, { file, encoding: decoded.encoding }), options);
}

/** Table cells over `maxCells` (every reader after this is linear in them, but not free). */
/** A Word file's tree: its text (one line a paragraph) within maxChars, its cells within maxCells. */
function checkWord(root: Root, options: IngestOptions): Root {
  const maxChars = limit(options, 'maxChars');
  const chars = root.data.text?.length ?? 0;
  if (chars > maxChars) throw tooLarge(root.data.file, 'maxChars', chars, maxChars);
  return checkCells(root, options);
}

function checkCells(root: Root, options: IngestOptions): Root {
  const max = limit(options, 'maxCells');
  let cells = 0;
  for (const block of root.children) {
    if (block.type !== 'table') continue;
    for (const row of block.children) cells += row.children.length;
  }
  if (cells > max) throw tooLarge(root.data.file, 'maxCells', cells, max);
  return root;
}
