/**
 * Markdown → report tree with unified + remark-parse + remark-gfm. mdast positions are already
 * line/column/offset into the source. Paragraphs go through the same heading finder as plain text,
 * because converted reports often write `一、总体情况` as a line of a paragraph or in bold.
 */
import type { Nodes, Parents, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Root, RootData } from '../../model.js';
import { positionOf } from '../../util/source.js';
import { BlockBuilder } from '../text/index.js';

export interface ParseOptions {
  file: string;
  encoding?: string;
}

const processor = unified().use(remarkParse).use(remarkGfm);

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

/** Markdown → report tree. */
export function parseMarkdown(text: string, options: ParseOptions): Root {
  const builder = new BlockBuilder(text);
  walk(builder, processor.parse(text));
  const data: RootData = { file: options.file, format: 'markdown', text };
  if (options.encoding) data.encoding = options.encoding;
  const root: Root = { type: 'root', children: builder.children, data };
  if (text.length) root.position = positionOf(text, 0, text.length);
  return root;
}
