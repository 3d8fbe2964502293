/**
 * Opening a PDF with pdf.js and reading what the rest of the PDF reader needs from each page:
 * positioned text items, ruling lines (stroked segments and thin filled rectangles) and image areas.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AuditError } from '../errors.js';

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
export function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import(pathToFileURL(join(pdfjsDir, 'legacy/build/pdf.mjs')).href) as Promise<PdfJs>;
  return pdfjsPromise;
}

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
export function readGraphics(pdfjs: PdfJs, fnArray: number[], argsArray: unknown[][]): { rulings: Ruling[]; imageArea: number } {
  const { OPS } = pdfjs;
  const strokeOps = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fillOps = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const imageOps = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);
  const rulings: Ruling[] = [];
  let imageArea = 0;
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
      imageArea += (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
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
  return { rulings, imageArea };
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

/** Two runs of text on one baseline with a wide gap between them: columns, so maybe a table. */
export function mayHoldTable(items: TextItem[]): boolean {
  const sorted = [...items].sort((a, b) => b.box[1] - a.box[1] || a.box[0] - b.box[0]);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (Math.abs(a.box[1] - b.box[1]) <= 1 && b.box[0] - a.box[2] > Math.max(a.size, b.size) * 2) return true;
    if (a.vertical || b.vertical) return true;
  }
  return false;
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
  const task = pdfjs.getDocument({ data, ...PDFJS_ASSETS, verbosity: 0, isEvalSupported: false, stopAtErrors: false });
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
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const [x0, y0, x1, y1] = page.view as [number, number, number, number];
        const items = readText((await page.getTextContent()).items);
        // The operator list costs about as much as the text again: fetch it only for pages that
        // may hold a table (text in columns) or may be a picture (almost no text).
        let graphics: { rulings: Ruling[]; imageArea: number } = { rulings: [], imageArea: 0 };
        if (mayHoldTable(items) || items.reduce((k, i) => k + i.str.length, 0) < 40) {
          const ops = await page.getOperatorList();
          graphics = readGraphics(pdfjs, ops.fnArray, ops.argsArray as unknown[][]);
        }
        pages.push({ number: n, width: x1 - x0, height: y1 - y0, items, ...graphics });
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
