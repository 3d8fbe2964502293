/**
 * Markdown → report tree with unified + remark-parse + GFM tables and footnotes. mdast positions are already
 * line/column/offset into the source. Paragraphs go through the same heading finder as plain text,
 * because converted reports often write `一、总体情况` as a line of a paragraph or in bold.
 */
import type { Nodes, Parents, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { DEFAULT_LIMITS, tooLarge } from '../../limits.js';
import type { Root, RootData } from '../../model.js';
import { positionOf } from '../../util/source.js';
import { BlockBuilder } from '../text/index.js';

export interface ParseOptions {
  file: string;
  encoding?: string;
  /** Deepest block nesting read (DEFAULT_LIMITS.maxDepth); deeper is AuditError('too-large'). */
  maxDepth?: number;
}

/**
 * The parts of GFM the reader uses, as remark-gfm adds them. Not its autolink literals: they are keyed on every
 * ASCII letter and digit, so each line with a figure becomes several text tokens, which micromark merges with one
 * array splice per line over the whole paragraph (a 1 MB paragraph with figures took 10.5 s, without them 1.6 s).
 * The reader takes block ranges and heading text only, so a link is never needed. Footnote definitions stay
 * parsed as such, as before.
 */
function remarkGfmBlocks(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmFootnoteFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkGfmBlocks);

function offsets(node: Nodes): [number, number] | null {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? null : [s, e];
}

/** Every cell `---` / `:--:`: a delimiter row. */
const DELIMITER_CELL = /^\s*:?-{3,}:?\s*$/;

function addTable(builder: BlockBuilder, table: Table): void {
  // A delimiter row in a table body is a second table pasted on without a blank line (garbled
  // conversions do this): its row above was that table's header. The delimiter row itself holds
  // no cell of the report, so it is dropped instead of being read as a row of dashes (— is "n/a").
  const bodyRows = table.children.filter((row, r) => {
    if (r === 0) return true;
    const texts = row.children.map((cell) => toString(cell)).filter((text) => text.trim() !== '');
    return !(texts.length > 0 && texts.every((text) => DELIMITER_CELL.test(text)));
  });
  const rows = bodyRows.map((row) => {
    const range = offsets(row) ?? [0, 0];
    const cells = row.children.map((cell): [number, number] => {
      const r = offsets(cell);
      if (!r) return [range[0], range[0]];
      // The cell's own range includes the bars and padding; keep only its text.
      let [s, e] = r;
      while (s < e && /[|\s]/.test(builder.text[s]!)) s++;
      while (e > s && /[|\s]/.test(builder.text[e - 1]!)) e--;
      return [s, e];
    });
    return { start: range[0], end: range[1], cells };
  });
  if (rows.length) builder.table(rows, 'gfm', true);
}

function walk(builder: BlockBuilder, parent: Parents): void {
  for (const node of parent.children) {
    const range = offsets(node);
    switch (node.type) {
      case 'heading': {
        if (!range) break;
        const value = toString(node).trim();
        if (!value) break;
        builder.children.push({
          type: 'heading',
          depth: node.depth,
          value,
          position: positionOf(builder.text, range[0], range[1]),
          data: { verbatim: false },
        });
        break;
      }
      case 'paragraph':
      case 'html':
      case 'code':
        if (range) builder.stretch(range[0], range[1]);
        break;
      case 'table':
        addTable(builder, node);
        break;
      case 'list':
      case 'listItem':
      case 'blockquote':
        walk(builder, node);
        break;
      default:
        break;
    }
  }
}

/**
 * Brackets past which links are not parsed: micromark's link resolution rescans the open brackets
 * for every `](`, quadratic in their number (50,000 `[a](` took minutes). A report has a few dozen.
 */
const MAX_BRACKETS = 5_000;

/**
 * Emphasis delimiters (`*`, `_`) past which they are read as text. micromark's attention resolution is
 * quadratic in the number of delimiter runs in a paragraph (20,000 `*a` took 6.6 s) and in the length of
 * two runs that pair up (two runs of 12,000 `*` nest 6,000 strong nodes: over 30 s). A report has a few
 * dozen short runs; a run longer than MAX_DELIMITER_RUN is a decoration or a redaction, not emphasis.
 */
const MAX_DELIMITER_RUNS = 5_000;
const MAX_DELIMITER_RUN = 64;
const FULLWIDTH: Record<string, string> = { '*': '＊', _: '＿' };

/** `text` with emphasis delimiters that cannot be emphasis made text (fullwidth, the same length, so offsets hold). */
export function defuseEmphasis(text: string): string {
  let runs = 0;
  let longest = 0;
  for (const match of text.matchAll(/\*+|_+/g)) {
    runs++;
    if (match[0].length > longest) longest = match[0].length;
  }
  if (runs > MAX_DELIMITER_RUNS) return text.replace(/[*_]/g, (c) => FULLWIDTH[c]!);
  if (longest > MAX_DELIMITER_RUN) return text.replace(new RegExp(`\\*{${MAX_DELIMITER_RUN + 1},}|_{${MAX_DELIMITER_RUN + 1},}`, 'g'), (run) => FULLWIDTH[run[0]!]!.repeat(run.length));
  return text;
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/**
 * The deepest container nesting a line opens, counted before parsing: `>` and list markers in its
 * leading container prefix (a list is two levels: list and item). micromark builds each level on
 * the stack and in memory, so 20,000 `>` on one line exhaust a worker's heap before any tree
 * exists to measure; the tree's own depth is still checked after the parse.
 */
function containerDepth(text: string, max: number): number {
  let deepest = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let depth = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x3e /* > */) depth++;
      else if ((c === 0x2d || c === 0x2a || c === 0x2b) /* - * + */ && (i + 1 === end || text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i + 1) === 0x09)) depth += 2;
      else if (c !== 0x20 && c !== 0x09) break;
    }
    if (depth > deepest) { deepest = depth; if (deepest > max) break; }
    start = end + 1;
  }
  return deepest;
}

/** Deepest node nesting of the mdast, without recursion. */
function depthOf(tree: Nodes, max: number): number {
  let deepest = 0;
  const stack: [Nodes, number][] = [[tree, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) { deepest = depth; if (deepest > max) break; }
    if ('children' in node) for (const child of node.children) stack.push([child as Nodes, depth + 1]);
  }
  return deepest;
}

/** Markdown → report tree. */
export function parseMarkdown(text: string, options: ParseOptions): Root {
  const builder = new BlockBuilder(text);
  const maxDepth = options.maxDepth ?? DEFAULT_LIMITS.maxDepth;
  // Too many brackets to be links: read them as text (fullwidth brackets, the same length, so every
  // offset into `text` still holds).
  const source = defuseEmphasis(count(text, '[') > MAX_BRACKETS ? text.replace(/\[/g, '［').replace(/\]/g, '］') : text);
  const prefixDepth = containerDepth(text, maxDepth);
  if (prefixDepth > maxDepth) throw tooLarge(options.file, 'maxDepth', prefixDepth, maxDepth);
  let mdast;
  try {
    mdast = processor.parse(source);
  } catch (error) {
    if (error instanceof RangeError) throw tooLarge(options.file, 'maxDepth', '?', maxDepth);
    throw error;
  }
  const depth = depthOf(mdast, maxDepth);
  if (depth > maxDepth) throw tooLarge(options.file, 'maxDepth', depth, maxDepth);
  walk(builder, mdast);
  const data: RootData = { file: options.file, format: 'markdown', text };
  if (options.encoding) data.encoding = options.encoding;
  const root: Root = { type: 'root', children: builder.children, data };
  if (text.length) root.position = positionOf(text, 0, text.length);
  return root;
}
