/**
 * Opening a PDF with pdf.js and reading what the rest of the PDF reader needs from each page:
 * positioned text items, ruling lines (stroked segments and thin filled rectangles) and image areas.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AuditError } from '../../errors.js';

/** [x0, y0, x1, y1] in PDF points, y up (x0 ≤ x1, y0 ≤ y1). */
export type Box = [number, number, number, number];

export interface TextItem {
  str: string;
  box: Box;
  /** Font size (the text matrix scale). */
  size: number;
  /** Written top to bottom (a vertical label in a table). */
  vertical: boolean;
}

/** An axis-aligned ruling line: horizontal when y0 === y1, vertical when x0 === x1. */
export interface Ruling {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageContent {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  items: TextItem[];
  rulings: Ruling[];
  /** Area (pt²) covered by painted images. */
  imageArea: number;
  /** Where images are painted. */
  images: Box[];
}

export interface Graphics {
  rulings: Ruling[];
  imageArea: number;
  images: Box[];
}

export interface LoadedPdf {
  pages: PageContent[];
  info: Record<string, unknown>;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/**
 * pdf.js needs its bundled CMaps and standard fonts, or CJK text in non-embedded fonts comes back
 * empty without any warning (deps.md §4).
 */
export const PDFJS_ASSETS = {
  cMapUrl: join(pdfjsDir, 'cmaps') + '/',
  cMapPacked: true,
  standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + '/',
};

let pdfjsPromise: Promise<PdfJs> | undefined;

/**
 * pdf.js (legacy build) and its worker. In Node pdf.js runs the worker in this thread and takes it
 * from `globalThis.pdfjsWorker` when set, so we load it here, once. The legacy build's core-js
 * polyfills change built-ins for the whole process, and two of them slow everything down:
 * `Array.prototype.push` (replaced to fix corner cases of Node 20's V8 that pdf.js never meets;
 * every push, ours included, becomes about twice as slow) and `Uint8Array.prototype.toBase64`
 * (added; pdf.js only uses it when present and otherwise calls `btoa`, five times faster). Once both
 * modules are loaded, the engine's own state is put back (with `JSON.parse`, also replaced).
 */
/**
 * pdf.js's worker, with its one known floating promise caught. Walking the page tree, it prefetches
 * each top-level kid (`pageDictCache.put(kid, xref.fetchAsync(kid))`); when the walk ends before
 * reaching a kid whose xref entry is broken, that promise rejects with nobody listening, and Node
 * ends the process (an unhandled rejection) after audit() has already returned. The patched line
 * marks the prefetch as handled; whoever reads it from the cache still gets the rejection. The module
 * imports nothing and exports one name, so its patched text runs as a strict function body (a data:
 * URL import fails under loaders such as tsx in worker threads), `import.meta.url` being the file's
 * own URL. A pdf.js whose text differs is imported as it is.
 */
async function importWorker(): Promise<unknown> {
  const path = join(pdfjsDir, 'legacy/build/pdf.worker.mjs');
  const url = pathToFileURL(path).href;
  const source = readFileSync(path, 'utf8');
  const floating = 'pageDictCache.put(lastKid, xref.fetchAsync(lastKid));';
  const exported = 'export { WorkerMessageHandler };';
  if (!source.includes(floating) || source.split(exported).length !== 2 || /^\s*(import|export)\s/m.test(source.replace(exported, ''))) return import(url);
  const body = source
    .replace(floating, '{ const prefetch = xref.fetchAsync(lastKid); prefetch.catch(() => {}); pageDictCache.put(lastKid, prefetch); }')
    .replace(exported, 'return { WorkerMessageHandler };')
    .replaceAll('import.meta.url', JSON.stringify(url));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- our own patched copy of pdf.js, not document content
  return new Function(`'use strict';\n${body}`)();
}

export function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const push = Array.prototype.push;
    const parse = JSON.parse;
    const hadToBase64 = 'toBase64' in Uint8Array.prototype;
    const pdfjs = (await import(pathToFileURL(join(pdfjsDir, 'legacy/build/pdf.mjs')).href)) as PdfJs;
    const scope = globalThis as { pdfjsWorker?: unknown };
    scope.pdfjsWorker ??= await importWorker();
    Array.prototype.push = push;
    JSON.parse = parse;
    if (!hadToBase64) delete (Uint8Array.prototype as { toBase64?: unknown }).toBase64;
    return pdfjs;
  })();
  return pdfjsPromise;
}

/**
 * We never draw a page, yet `getOperatorList` prepares the fonts for drawing. In Node pdf.js by
 * default turns every glyph shown into an outline and posts it to this thread, which costs more
 * than reading the page's text. Told it may use CSS font faces, it only hands each font file to
 * `ownerDocument`; this inert document takes it and does nothing (and pdf.js, knowing it is in
 * Node, does not wait for the font to load).
 */
const inertDocument = {
  createElement: () => ({ sheet: { cssRules: [], insertRule: () => 0 }, remove: () => undefined }),
  documentElement: { getElementsByTagName: () => [{ append: () => undefined }] },
};
const FONTS_AS_CSS = { disableFontFace: false, useSystemFonts: false, ownerDocument: inertDocument } as const;

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m applied first, then n (PDF convention: CTM' = m × CTM). */
function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Thicker than this, a filled rectangle is a shaded area, not a line. */
const MAX_RULE_THICKNESS = 3;

/** Rulings and image area from a page's operator list. */
export function readGraphics(pdfjs: PdfJs, fnArray: number[], argsArray: unknown[][]): Graphics {
  const { OPS } = pdfjs;
  const strokeOps = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fillOps = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const imageOps = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);
  const rulings: Ruling[] = [];
  let imageArea = 0;
  const images: Box[] = [];
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];

  const addSegment = (ax: number, ay: number, bx: number, by: number): void => {
    if (Math.abs(ay - by) < 0.5 && Math.abs(ax - bx) > 1) {
      const y = (ay + by) / 2;
      rulings.push({ x0: Math.min(ax, bx), y0: y, x1: Math.max(ax, bx), y1: y });
    } else if (Math.abs(ax - bx) < 0.5 && Math.abs(ay - by) > 1) {
      const x = (ax + bx) / 2;
      rulings.push({ x0: x, y0: Math.min(ay, by), x1: x, y1: Math.max(ay, by) });
    }
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i]!;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform) ctm = multiply(args as unknown as Matrix, ctm);
    else if (imageOps.has(fn)) {
      const corners = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)];
      const xs = corners.map((c) => c[0]);
      const ys = corners.map((c) => c[1]);
      const box: Box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
      imageArea += (box[2] - box[0]) * (box[3] - box[1]);
      images.push(box);
    } else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const buffer = (args[1] as (Float32Array | null)[] | undefined)?.[0];
      if (!buffer || !(strokeOps.has(paint) || fillOps.has(paint))) continue;
      // Walk the path: segments for strokes, subpath boxes for fills.
      const subpaths: [number, number][][] = [];
      let current: [number, number][] = [];
      for (let k = 0; k < buffer.length;) {
        const op = buffer[k++];
        if (op === 0) {
          if (current.length) subpaths.push(current);
          current = [apply(ctm, buffer[k]!, buffer[k + 1]!)];
          k += 2;
        } else if (op === 1) {
          current.push(apply(ctm, buffer[k]!, buffer[k + 1]!));
          k += 2;
        } else if (op === 2) {
          // A curve is never a table ruling; keep its end point so the path stays connected.
          current.push([NaN, NaN], apply(ctm, buffer[k + 4]!, buffer[k + 5]!));
          k += 6;
        } else if (op === 3) {
          if (current.length) current.push(current[0]!);
        } else break;
      }
      if (current.length) subpaths.push(current);
      for (const points of subpaths) {
        if (strokeOps.has(paint)) {
          for (let p = 1; p < points.length; p++) {
            const a = points[p - 1]!;
            const b = points[p]!;
            if (Number.isFinite(a[0]) && Number.isFinite(b[0])) addSegment(a[0], a[1], b[0], b[1]);
          }
        }
        if (fillOps.has(paint) && !strokeOps.has(paint)) {
          const finite = points.filter((p) => Number.isFinite(p[0]));
          if (finite.length < 2) continue;
          const xs = finite.map((p) => p[0]);
          const ys = finite.map((p) => p[1]);
          const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
          const w = x1 - x0, h = y1 - y0;
          if (h <= MAX_RULE_THICKNESS && w > 1 && w > h * 2) addSegment(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2);
          else if (w <= MAX_RULE_THICKNESS && h > 1 && h > w * 2) addSegment((x0 + x1) / 2, y0, (x0 + x1) / 2, y1);
        }
      }
    }
  }
  return { rulings, imageArea, images };
}

interface RawTextItem {
  str?: string;
  dir?: string;
  width?: number;
  height?: number;
  transform?: number[];
}

/** Positioned text items; whitespace-only runs are dropped (their widths are unreliable). */
export function readText(rawItems: unknown[]): TextItem[] {
  const items: TextItem[] = [];
  for (const raw of rawItems as RawTextItem[]) {
    if (!raw.str || !raw.transform || raw.str.trim() === '') continue;
    const [a = 1, b = 0, , , x = 0, y = 0] = raw.transform;
    const size = Math.hypot(a, b) || raw.height || 10;
    const width = raw.width ?? 0;
    const height = raw.height ?? size;
    const vertical = raw.dir === 'ttb';
    // Vertical runs start at the top and go down; horizontal runs sit on their baseline.
    const box: Box = vertical
      ? [x, y - height + size * 0.8, x + width, y + size * 0.8]
      : [x, y - size * 0.2, x + width, y + size * 0.8];
    items.push({ str: raw.str, box, size, vertical });
  }
  return items;
}

const NUMBER = /^[\d.,，%()（）\-—–/]+$/u;

/**
 * Does the page look like it holds a table: text written top to bottom (a vertical label), or a
 * line cut into columns by wide gaps (three or more segments, or a label and a number). Prose lines
 * have no such gaps. Lines are found by bucketing items on their middle.
 */
export function mayHoldTable(items: TextItem[]): boolean {
  if (items.some((item) => item.vertical)) return true;
  const order = items.map((_, i) => i).sort((a, b) => mid(items[b]!) - mid(items[a]!));
  for (let start = 0; start < order.length;) {
    const first = items[order[start]!]!;
    let end = start + 1;
    while (end < order.length && mid(first) - mid(items[order[end]!]!) <= first.size * 0.5) end++;
    if (end - start >= 2) {
      const line = order.slice(start, end).map((i) => items[i]!).sort((a, b) => a.box[0] - b.box[0]);
      let segments = 1;
      let numberAfterGap = false;
      let right = line[0]!.box[2];
      for (let k = 1; k < line.length; k++) {
        const item = line[k]!;
        if (item.box[0] - right > Math.max(item.size, line[k - 1]!.size) * 2) {
          segments++;
          if (NUMBER.test(item.str.trim())) numberAfterGap = true;
        }
        right = Math.max(right, item.box[2]);
      }
      if (segments >= 3 || numberAfterGap) return true;
    }
    start = end;
  }
  return false;
}

/** Headings of the sections that hold the statistical tables (a table may follow as a picture). */
export const TABLE_SECTION = /主动公开政府信息情况|收到和处理政府信息公开申请情况|行政复议.{0,3}行政诉讼情况|复议.{0,6}诉讼情况|统计表/u;

/** A page with almost no text (a scan), or with a table section's heading: its table may be a picture. */
function mayHoldPicture(items: TextItem[]): boolean {
  const text = items.map((i) => i.str).join('').replace(/\s+/gu, '');
  return text.length < 40 || TABLE_SECTION.test(text);
}

function mid(item: TextItem): number {
  return (item.box[1] + item.box[3]) / 2;
}

export interface LoadOptions {
  file: string;
  /** Give up after this many milliseconds (a damaged file must not hang a batch). */
  timeoutMs?: number;
}

function isPasswordError(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'PasswordException';
}

/** Opens the PDF and reads every page. Throws AuditError for encrypted, broken or too slow files. */
export async function loadPdf(bytes: Uint8Array, options: LoadOptions): Promise<LoadedPdf> {
  const pdfjs = await loadPdfJs();
  const { file } = options;
  // pdf.js detaches the buffer it is given: always hand it a private copy.
  const data = new Uint8Array(bytes);
  const task = pdfjs.getDocument({
    data,
    ...PDFJS_ASSETS,
    verbosity: 0,
    isEvalSupported: false,
    stopAtErrors: false,
    ...FONTS_AS_CSS,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AuditError('timeout', file, `PDF 读取超时（${Math.round(timeoutMs / 1000)} 秒），文件可能已损坏 (PDF took too long to read, the file may be damaged): ${file}`)), timeoutMs);
  });
  const work = (async (): Promise<LoadedPdf> => {
    let doc;
    try {
      doc = await task.promise;
    } catch (error) {
      if (isPasswordError(error)) {
        throw new AuditError('pdf-encrypted', file, `PDF 已加密，需要密码才能打开 (PDF is encrypted and needs a password): ${file}`, { cause: error });
      }
      throw new AuditError('pdf-broken', file, `PDF 文件已损坏或不完整，无法读取 (PDF is damaged or incomplete): ${file}: ${(error as Error).message}`, { cause: error });
    }
    const pages: PageContent[] = [];
    const fetched = new Set<number>();
    // The operator list costs as much as the text again or more (pdf.js builds glyph outlines for
    // every character shown): fetch it only for pages that may hold a table or may be a picture.
    const graphicsOf = async (n: number): Promise<Graphics> => {
      fetched.add(n);
      const page = await doc.getPage(n);
      // Annotations (links, form fields) draw no table rulings: leave them out.
      const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
      page.cleanup();
      return readGraphics(pdfjs, ops.fnArray, ops.argsArray as unknown[][]);
    };
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const [x0, y0, x1, y1] = page.view as [number, number, number, number];
        const items = readText((await page.getTextContent()).items);
        const height = y1 - y0;
        // A table may be anywhere on a page with text in columns; it may go on from a table ruled
        // to the bottom of the previous page; a page with almost no text may be a picture.
        const previous = pages[n - 2];
        const continued = previous !== undefined && previous.rulings.some((r) => r.y0 - y0 < height * 0.15);
        let graphics: Graphics = { rulings: [], imageArea: 0, images: [] };
        if (continued || mayHoldTable(items) || mayHoldPicture(items)) graphics = await graphicsOf(n);
        // A ruled table from the top of this page may have begun on the previous page (maybe only
        // its header rows, which have no gaps to tell): read that page's rulings after all.
        if (previous && !fetched.has(n - 1) && graphics.rulings.some((r) => r.y1 - y0 > height * 0.85)) {
          Object.assign(previous, await graphicsOf(n - 1));
        }
        pages.push({ number: n, width: x1 - x0, height, items, ...graphics });
        page.cleanup();
      }
    } catch (error) {
      throw new AuditError('pdf-broken', file, `PDF 文件已损坏或不完整，部分页面无法读取 (PDF is damaged or incomplete; a page cannot be read): ${file}: ${(error as Error).message}`, { cause: error });
    }
    let info: Record<string, unknown> = {};
    try {
      info = ((await doc.getMetadata()).info ?? {}) as Record<string, unknown>;
    } catch {
      // Metadata is optional; a damaged info dictionary must not cost the text.
    }
    return { pages, info };
  })();
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    void task.destroy().catch(() => undefined);
    work.catch(() => undefined);
  }
}
