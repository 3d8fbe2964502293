import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';

// iconv-lite and chardet are loaded with the first input that needs them (a BOM, a non-UTF-8 charset,
// bytes that are not UTF-8): most reports are UTF-8, and each package costs start-up time. require()
// keeps decode() synchronous.
const requireHere = createRequire(import.meta.url);
let iconvModule: typeof import('iconv-lite') | undefined;
let chardetModule: typeof import('chardet') | undefined;
const iconv = (): typeof import('iconv-lite') => (iconvModule ??= requireHere('iconv-lite') as typeof import('iconv-lite'));
const chardet = (): typeof import('chardet') => (chardetModule ??= requireHere('chardet') as typeof import('chardet'));

/**
 * Bytes → text. Order: BOM, then a declared charset (HTML `<meta charset>` / http-equiv, or one the
 * caller knows, e.g. from an HTTP header), then valid UTF-8, then chardet. Any gb2312/gbk label is
 * decoded as GB18030, its superset (GBK cannot encode characters such as 㙟).
 */
export interface Decoded {
  text: string;
  encoding: string;
  /** Set when the charset the caller gave (an HTTP header) was set aside for the page's own declaration. */
  charsetConflict?: { given: string; declared: string };
}

export function normaliseEncodingName(name: string): string {
  const lower = name.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (/^(gb2312|gbk|gb_2312-80|x-gbk|cp936|windows-936|euc-cn|gb18030|csgb2312|chinese)$/.test(lower)) return 'gb18030';
  if (/^(utf-?8|unicode-1-1-utf-8)$/.test(lower)) return 'utf-8';
  if (/^(utf-?16le|utf-16)$/.test(lower)) return 'utf-16le';
  if (/^utf-?16be$/.test(lower)) return 'utf-16be';
  if (/^big5(-hkscs)?$/.test(lower)) return 'big5';
  return lower;
}

function bomEncoding(bytes: Uint8Array): { encoding: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  if (bytes[0] === 0x84 && bytes[1] === 0x31 && bytes[2] === 0x95 && bytes[3] === 0x33) return { encoding: 'gb18030', skip: 4 };
  return null;
}

/** A charset declared in the first 64 KB of an HTML page (`<meta charset>` or http-equiv). */
export function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 65536)).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return match ? normaliseEncodingName(match[1]!) : null;
}

// Validates without building a string (the text is decoded once, below).
function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}

/** Valid UTF-8 (no BOM: handled first) → text, without copying the bytes. */
function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** Bytes decode in `encoding` without a replacement character (U+FFFD) or, for UTF-8, any invalid sequence. */
function decodesCleanly(bytes: Uint8Array, encoding: string): string | null {
  if (encoding === 'utf-8') return isValidUtf8(bytes) ? utf8(bytes) : null;
  if (!iconv().encodingExists(encoding)) return null;
  const text = iconv().decode(Buffer.from(bytes), encoding);
  return text.includes('\uFFFD') ? null : text;
}

export function decode(bytes: Uint8Array, options: { declared?: string | null; html?: boolean } = {}): Decoded {
  const bom = bomEncoding(bytes);
  if (bom) return { text: iconv().decode(Buffer.from(bytes.subarray(bom.skip)), bom.encoding), encoding: bom.encoding };
  const given = options.declared ? normaliseEncodingName(options.declared) : null;
  const own = options.html ? declaredHtmlCharset(bytes) : null;
  // An HTTP header that contradicts the page's own <meta> and does not decode it cleanly is the
  // server's mistake (a UTF-8 page served as gbk): the page's declaration wins when it decodes cleanly.
  if (given && own && own !== given && decodesCleanly(bytes, given) === null) {
    const text = decodesCleanly(bytes, own);
    if (text !== null) return { text, encoding: own, charsetConflict: { given, declared: own } };
  }
  const declared = given ?? own;
  if (declared && (declared === 'utf-8' || iconv().encodingExists(declared))) {
    // A page that says utf-8 but is not (a common CMS mistake) falls through to detection.
    if (declared === 'utf-8') {
      if (isValidUtf8(bytes)) return { text: utf8(bytes), encoding: declared };
    } else return { text: iconv().decode(Buffer.from(bytes), declared), encoding: declared };
  }
  if (isValidUtf8(bytes)) return { text: utf8(bytes), encoding: 'utf-8' };
  const guess = chardet().detect(bytes.subarray(0, 65536));
  let encoding = guess ? normaliseEncodingName(guess) : 'gb18030';
  // chardet sometimes names a Japanese/Korean or Latin code page for short Chinese text.
  if (!/^(gb18030|big5|utf-16le|utf-16be)$/.test(encoding)) encoding = 'gb18030';
  return { text: iconv().decode(Buffer.from(bytes), encoding), encoding };
}
