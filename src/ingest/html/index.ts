/**
 * HTML → report tree. parse5 (the parser cheerio uses by default; htmlparser2 mangles Word-style
 * markup) building a domhandler tree through parse5-htmlparser2-tree-adapter, with source locations
 * so every block, row and cell points back into the HTML source. This is exactly what
 * `cheerio.load(html, { sourceCodeLocationInfo: true })` parses with, without cheerio's query layer,
 * which this reader never used and whose loading (undici, css-select …) cost ~250 ms a run.
 * One parse, one weighing pass, one walk over the body: linear in the page size.
 */
import { parse } from 'parse5';
import { adapter as domAdapter } from 'parse5-htmlparser2-tree-adapter';
import type { AnyNode, Document, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { DEFAULT_LIMITS, tooLarge } from '../../limits.js';
import type { BlockData, BlockNode, Position, Root, TableNode } from '../../model.js';
import { positionOf as textPosition } from '../../util/source.js';
import { findBody, isChrome, pageMetadata, scanPage, type Weight } from './body.js';
import { attachmentLinks } from './links.js';
import { buildGrid, isLayoutTable } from './table.js';
import {
  BLOCK_ELEMENTS,
  FURNITURE_LINE,
  isBoldElement,
  isHidden,
  isTinyImage,
  normaliseText,
  SKIP_ELEMENTS,
} from './text.js';

export interface ParseOptions {
  file: string;
  encoding?: string;
  /** Deepest element nesting read (DEFAULT_LIMITS.maxDepth); deeper is AuditError('too-large'). */
  maxDepth?: number;
}

interface Piece {
  text: string;
  start?: number;
  end?: number;
  bold: boolean;
}

const NUMBERED_1 = /^[一二三四五六七八九十]{1,3}\s*[、．.]/;
const NUMBERED_2 = /^[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]/;
const NUMBERED_3 = /^\d{1,2}\s*[、．.](?!\d)/;
// Headings of the sections that hold the statistical tables: an image right after one is the table.
const TABLE_SECTION = /主动公开政府信息情况|收到和处理政府信息公开申请情况|行政复议.{0,3}行政诉讼情况|复议.{0,6}诉讼情况|统计表/;
const BLANK_ENTITY = /^&(?:nbsp|ensp|emsp|thinsp|#160|#x0*a0|#12288|#x3000);?/i;
const ANNEX = /^附\s*[表件]/;
/** A character that survives normaliseText: not white space (as trim and \s see it), not zero-width. */
const VISIBLE = /[^\s\u200b-\u200d\u2060\ufeff\u00ad]/;

/** Heading depth of a short numbered line (一、 → 1, （一） → 2, 1. → 3), or null when it reads as prose. */
export function numberedDepth(text: string): number | null {
  if (text.length > 40 || /[。；;]/.test(text)) return null;
  if (NUMBERED_1.test(text)) return 1;
  if (NUMBERED_2.test(text)) return 2;
  if (NUMBERED_3.test(text) && text.length <= 30 && !/[，,]/.test(text)) return 3;
  return null;
}

class Builder {
  readonly blocks: BlockNode[] = [];
  private pieces: Piece[] = [];
  private tableCount = 0;
  private headingLevel: number | null = null;
  /** Text of the last heading/paragraph: the caption of a table that follows. */
  private lastText: string | undefined;
  /** A table-section heading was seen and no table has followed it yet. */
  private awaitingTable = false;
  private inAnnex = false;

  constructor(
    private readonly html: string,
    private readonly weights: Map<Element, Weight>,
  ) {}

  /** isHidden, answered from the page weights when it can: scanPage weighs only visible elements. */
  readonly hidden = (el: Element): boolean => !this.weights.has(el) && isHidden(el);

  position(start?: number, end?: number): Position | undefined {
    if (start === undefined || end === undefined) return undefined;
    return textPosition(this.html, start, end);
  }

  /** Move a source offset past leading white space and blank entities, to the first visible character. */
  private skipBlank(offset: number): number {
    const html = this.html;
    for (;;) {
      const ch = html.charCodeAt(offset);
      if (ch === 32 || (ch >= 9 && ch <= 13) || ch === 0xa0 || ch === 0x3000) offset++;
      else if (ch === 38 /* & */) {
        const entity = BLANK_ENTITY.exec(html.slice(offset, offset + 10));
        if (!entity) return offset;
        offset += entity[0].length;
      } else return offset;
    }
  }

  private blockData(extra?: BlockData): BlockData | undefined {
    if (!this.inAnnex && !extra) return undefined;
    const data: BlockData = { ...extra };
    if (this.inAnnex) data.annex = true;
    return data;
  }

  walk(node: AnyNode, bold: boolean): void {
    if (isText(node)) {
      if (node.data) {
        const loc = node.sourceCodeLocation;
        this.pieces.push({ text: node.data, start: loc?.startOffset, end: loc?.endOffset, bold });
      }
      return;
    }
    if (!isTag(node)) return;
    const name = node.name;
    if (SKIP_ELEMENTS.has(name) || this.hidden(node) || isChrome(node, this.weights)) return;
    if (name === 'br') {
      this.pieces.push({ text: '\n', bold });
      return;
    }
    if (name === 'table') {
      if (isLayoutTable(node)) {
        this.children(node, bold, true);
        return;
      }
      this.flush();
      this.table(node);
      return;
    }
    if (name === 'img') {
      this.image(node);
      return;
    }
    const heading = /^h([1-6])$/.exec(name);
    if (heading) {
      this.flush();
      const outer = this.headingLevel;
      this.headingLevel = Number(heading[1]);
      this.children(node, bold, false);
      this.flush();
      this.headingLevel = outer;
      return;
    }
    const inner = bold || isBoldElement(node);
    this.children(node, inner, BLOCK_ELEMENTS.has(name));
  }

  private children(node: Element, bold: boolean, block: boolean): void {
    if (block) this.flush();
    for (const child of node.children) this.walk(child, bold);
    if (block) this.flush();
  }

  /** Emit the pending inline text as one block per line (`<br>` splits lines). */
  flush(): void {
    if (this.pieces.length === 0) return;
    const pieces = this.pieces;
    this.pieces = [];
    let line: Piece[] = [];
    const emit = (): void => {
      if (line.length === 0) return;
      const raw = line.map((p) => p.text).join('');
      const value = normaliseText(raw);
      const parts = line;
      line = [];
      if (!value || FURNITURE_LINE.test(value)) return;
      // Position: from the first to the last text node that carries non-blank text.
      // (Same test as normaliseText(p.text) !== '', without building the normalised string.)
      const inked = parts.filter((p) => p.start !== undefined && VISIBLE.test(p.text));
      const position = inked.length ? this.position(this.skipBlank(inked[0]!.start!), inked.at(-1)!.end) : undefined;
      const bold = parts.every((p) => p.bold || !VISIBLE.test(p.text));
      const depth = numberedDepth(value) ?? this.headingLevel;
      if (ANNEX.test(value) && value.length <= 40) this.inAnnex = true;
      const data = this.blockData(bold ? { bold: true } : undefined);
      const node: BlockNode =
        depth !== null ? { type: 'heading', depth, value } : { type: 'paragraph', value };
      if (position) node.position = position;
      if (data) node.data = data;
      this.blocks.push(node);
      this.lastText = value;
      if (TABLE_SECTION.test(value) && value.length <= 40) this.awaitingTable = true;
    };
    for (const piece of pieces) {
      if (piece.text === '\n') emit();
      else line.push(piece);
    }
    emit();
  }

  private table(el: Element, caption?: string): void {
    const index = ++this.tableCount;
    const grid = buildGrid(el, (s, e) => this.position(s, e), this.hidden);
    const data: TableNode['data'] = { index, origin: 'html' };
    const captionText = grid.caption ?? caption ?? this.lastText;
    if (captionText) data.caption = captionText;
    // An image pasted in a table frame: the numbers are not machine-readable.
    if (grid.images > 0 && !grid.hasDigits) data.image = true;
    if (this.inAnnex) data.annex = true;
    const node: TableNode = { type: 'table', children: grid.rows, data };
    const position = this.position(el.sourceCodeLocation?.startOffset, el.sourceCodeLocation?.endOffset);
    if (position) node.position = position;
    this.blocks.push(node);
    this.awaitingTable = false;
    // Tables inside cells become tables of their own, right after this one; the cell lists their indexes.
    for (const inner of grid.nested) {
      const cell = grid.rows[inner.row - 1]?.children[inner.col - 1];
      if (cell) cell.data.nested = [...((cell.data.nested as number[] | undefined) ?? []), this.tableCount + 1];
      this.table(inner.table, cell?.value || captionText);
    }
  }

  /** A standalone image where a statistical table should be (or named as a table) becomes an image table. */
  private image(el: Element): void {
    if (isTinyImage(el)) return;
    const label = `${el.attribs['alt'] ?? ''} ${el.attribs['title'] ?? ''}`;
    if (!this.awaitingTable && !/表/.test(label)) return;
    this.flush();
    const index = ++this.tableCount;
    const data: TableNode['data'] = { index, origin: 'html', image: true };
    if (this.lastText) data.caption = this.lastText;
    if (el.attribs['src']) data.src = el.attribs['src'];
    if (this.inAnnex) data.annex = true;
    const node: TableNode = { type: 'table', children: [], data };
    const position = this.position(el.sourceCodeLocation?.startOffset, el.sourceCodeLocation?.endOffset);
    if (position) node.position = position;
    this.blocks.push(node);
    this.awaitingTable = false;
  }
}

/**
 * A numeric character reference with more digits than any code point: `&#` and 309+ digits makes the
 * entity decoder throw (Invalid code point NaN), leading zeros included. Such a reference is past
 * U+10FFFF, which HTML reads as U+FFFD: written so here, padded with spaces to the same length, so
 * every source offset stays where it was.
 */
function tameCharacterReferences(text: string): string {
  if (!text.includes('&#')) return text;
  return text.replace(/&#(?:[0-9]{8,}|[xX][0-9a-fA-F]{7,});?/g, (ref) => `\uFFFD${' '.repeat(ref.length - 1)}`);
}

/** Deepest element nesting, without recursion (a page nested 10⁴ deep must not overflow the stack). */
function nestingDepth(root: AnyNode, max: number): number {
  let deepest = 0;
  const stack: [AnyNode, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) { deepest = depth; if (deepest > max) return deepest; }
    const children = (node as { children?: AnyNode[] }).children;
    if (children) for (const child of children) if ((child as { children?: unknown }).children) stack.push([child, depth + 1]);
  }
  return deepest;
}

class TooDeep extends Error {}

/**
 * cheerio's parse5 tree adapter, counting parse5's stack of open elements: the parse stops as soon as it
 * is deeper than `max`. parse5 looks through that stack for many start tags ("a <p> in button scope?"),
 * so a page of 10⁴ unclosed <div>s costs the square of its length if it is parsed to the end.
 */
function depthLimitedAdapter(max: number): typeof domAdapter {
  let open = 0;
  return {
    ...domAdapter,
    onItemPush: () => { if (++open > max) throw new TooDeep(); },
    onItemPop: () => { open--; },
  };
}

/** Parse an HTML page (or a body fragment) into the report tree. */
export function parseHtml(text: string, options: ParseOptions): Root {
  const maxDepth = options.maxDepth ?? DEFAULT_LIMITS.maxDepth;
  let document: Document;
  try {
    // The options cheerio.load passes to parse5 (scripting on: <noscript> content is raw text, as in a browser).
    // The open-element stack holds <html> and <body> too: the limit is on the elements inside <body>.
    document = parse(tameCharacterReferences(text), { sourceCodeLocationInfo: true, scriptingEnabled: true, treeAdapter: depthLimitedAdapter(maxDepth + 2) });
  } catch (error) {
    if (error instanceof TooDeep) throw tooLarge(options.file, 'maxDepth', maxDepth + 1, maxDepth);
    throw error;
  }
  const depth = nestingDepth(document, maxDepth);
  if (depth > maxDepth) throw tooLarge(options.file, 'maxDepth', depth, maxDepth);
  const scan = scanPage(document);
  const { body } = findBody(scan);
  const builder = new Builder(text, scan.weights);
  builder.walk(body, false);
  builder.flush();

  const metadata = pageMetadata(scan, text);
  // A fragment without <title>/<meta>: the report names itself in its first lines.
  if (!metadata.title) {
    const first = builder.blocks.slice(0, 3).find((b) => b.type !== 'table' && /报告/.test(b.value) && b.value.length <= 80);
    if (first && first.type !== 'table') metadata.title = first.value;
  }

  const root: Root = {
    type: 'root',
    children: builder.blocks,
    data: { file: options.file, format: 'html', text, metadata },
  };
  if (options.encoding) root.data.encoding = options.encoding;
  // Links to .doc/.pdf/… files: the report may be one of them (a page with only a title and a link).
  const base = metadata.url ?? (/^https?:\/\//i.test(options.file) ? options.file : undefined);
  const attachments = attachmentLinks(scan, body, text, options.file, base);
  if (attachments.length) root.data.attachments = attachments;
  const position = builder.position(body.sourceCodeLocation?.startOffset ?? 0, body.sourceCodeLocation?.endOffset ?? text.length);
  if (position) root.position = position;
  if (!builder.blocks.some((b) => b.type !== 'table' || b.children.length > 0)) {
    root.data.problems = [
      {
        ruleId: 'file/not-machine-readable',
        message: '网页中没有可读取的正文文字或表格（可能只有图片）',
        source: { file: options.file },
      },
    ];
  }
  return root;
}
