/**
 * The few parts of a .docx package we read (word/document.xml, word/styles.xml, docProps/*.xml), taken
 * out of the zip with bounds: the central directory must be whole (a cut-off download has none), each
 * part's declared uncompressed size is checked against the limit before anything is inflated, and the
 * inflated bytes are counted as they come, so a part that inflates past its declared size or the limit
 * (a zip bomb with a lying header) is stopped there. fflate inflates; nothing in the package is run.
 */
import { Inflate } from 'fflate';

export type ZipProblem = 'truncated' | 'too-large' | 'corrupt' | 'unsupported';

export class ZipError extends Error {
  constructor(readonly problem: ZipProblem, message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As the central directory declares it. */
  size: number;
  localOffset: number;
  flags: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Inflate this many compressed bytes at a time: a step yields at most ~1032× that (deflate's ceiling), 4 MiB. */
const CHUNK = 4 * 1024;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The central directory's entries. Throws ZipError('truncated') when the end record or the directory is cut off. */
export function listEntries(bytes: Uint8Array): ZipEntry[] {
  const dv = view(bytes);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('truncated', '压缩包不完整：找不到目录（文件可能被截断）(zip end record missing: truncated file)');
  const count = dv.getUint16(eocd + 10, true);
  const cdSize = dv.getUint32(eocd + 12, true);
  const cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError('unsupported', 'ZIP64 压缩包，Word 文档不应如此之大 (ZIP64 package not read)');
  if (cdOffset + cdSize > eocd) throw new ZipError('truncated', '压缩包目录不完整（文件可能被截断）(zip central directory cut off)');
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || dv.getUint32(at, true) !== CENTRAL) throw new ZipError('corrupt', '压缩包目录已损坏 (zip central directory corrupt)');
    const nameLength = dv.getUint16(at + 28, true);
    const extraLength = dv.getUint16(at + 30, true);
    const commentLength = dv.getUint16(at + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({
      name,
      flags: dv.getUint16(at + 8, true),
      method: dv.getUint16(at + 10, true),
      compressedSize: dv.getUint32(at + 20, true),
      size: dv.getUint32(at + 24, true),
      localOffset: dv.getUint32(at + 42, true),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * One entry's bytes. `limit` caps the declared and the actual uncompressed size; an entry that inflates
 * to more than it declares is refused as well (a well-formed package never does).
 */
export function readEntry(bytes: Uint8Array, entry: ZipEntry, limit: number): Uint8Array {
  if (entry.size > limit) {
    throw new ZipError('too-large', `${entry.name} 解压后 ${entry.size} 字节，超过上限 ${limit} 字节（疑似 zip 炸弹）(declared uncompressed size over the limit: zip bomb?)`);
  }
  if (entry.flags & 1) throw new ZipError('unsupported', `${entry.name} 已加密 (encrypted zip entry)`);
  const dv = view(bytes);
  const at = entry.localOffset;
  if (at + 30 > bytes.length) throw new ZipError('truncated', `${entry.name} 不完整（文件可能被截断）(entry cut off)`);
  if (dv.getUint32(at, true) !== LOCAL) throw new ZipError('corrupt', `${entry.name} 的文件头已损坏 (local header corrupt)`);
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipError('truncated', `${entry.name} 不完整（文件可能被截断）(entry cut off)`);
  const data = bytes.subarray(start, end);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ZipError('corrupt', `${entry.name} 大小不符 (stored size mismatch)`);
    return data;
  }
  if (entry.method !== 8) throw new ZipError('unsupported', `${entry.name} 使用不支持的压缩方法 ${entry.method} (compression method not read)`);
  const cap = Math.min(entry.size, limit);
  const out = new Uint8Array(cap);
  let length = 0;
  let done = false;
  const inflate = new Inflate((chunk, final) => {
    if (length + chunk.length > cap) {
      throw new ZipError('too-large', `${entry.name} 解压后超过声明的大小 ${entry.size} 字节或上限 ${limit} 字节（疑似 zip 炸弹）(inflates past its declared size: zip bomb?)`);
    }
    out.set(chunk, length);
    length += chunk.length;
    if (final) done = true;
  });
  try {
    for (let i = 0; i < data.length; i += CHUNK) inflate.push(data.subarray(i, Math.min(i + CHUNK, data.length)), i + CHUNK >= data.length);
    if (data.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError('truncated', `${entry.name} 无法解压（数据不完整或已损坏）(deflate data cut off or corrupt: ${(error as Error).message})`);
  }
  if (!done || length !== entry.size) throw new ZipError('truncated', `${entry.name} 解压后大小不符（数据不完整或已损坏）(inflated size differs from the declared size)`);
  return out;
}
