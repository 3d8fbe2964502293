/**
 * The decompressed size of a PDF's Flate streams, counted before pdf.js reads the file: a 1 MB file
 * whose content stream inflates to 1 GiB (a Flate bomb) took pdf.js 25 s and 4 GB. Each stream is
 * inflated with zlib's output cap set to what is left of the budget, so the count stops as soon as
 * the budget is spent, whatever the stream claims. Streams zlib cannot inflate (damaged, or another
 * filter) are left to pdf.js.
 */
import { constants, inflateSync } from 'node:zlib';

const STREAM = /stream\r?\n/g;

/** Bytes the Flate streams inflate to, or Infinity as soon as that is over `max`. */
export function inflatedSize(bytes: Uint8Array, max: number): number {
  if (!Number.isFinite(max)) return 0;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let total = 0;
  STREAM.lastIndex = 0;
  for (let m = STREAM.exec(text); m; m = STREAM.exec(text)) {
    if (text.startsWith('end', m.index - 3)) continue; // "endstream\n"
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end === -1) break;
    const dict = text.slice(Math.max(0, m.index - 1024), m.index);
    const open = dict.lastIndexOf('<<');
    if (open === -1 || !/\/FlateDecode|\/Fl\b/.test(dict.slice(open))) { STREAM.lastIndex = end; continue; }
    try {
      const out = inflateSync(bytes.subarray(start, end), { maxOutputLength: Math.max(1, max - total + 1), finishFlush: constants.Z_SYNC_FLUSH });
      total += out.length;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return Infinity;
    }
    if (total > max) return Infinity;
    STREAM.lastIndex = end;
  }
  return total;
}
