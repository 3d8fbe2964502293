/**
 * The text of a report's paragraphs and headings as one searchable string, with a way back from
 * an index in that string to an exact line/column/offset of the document.
 */
import type { BlockNode, Root, Source } from '../../model.js';
import { sourceOf } from '../../util/source.js';

interface Segment {
  start: number;
  end: number;
  node: BlockNode;
  childIndex: number;
}

export interface Stream {
  text: string;
  segments: Segment[];
  /** root.children indexes of real TableNodes (for numbering tables in document order). */
  tableChildIndexes: number[];
}

/** Headings and paragraphs joined by '\n'; a node boundary counts as whitespace, i.e. as a cell boundary. */
export function buildStream(tree: Root): Stream {
  const parts: string[] = [];
  const segments: Segment[] = [];
  const tableChildIndexes: number[] = [];
  let length = 0;
  tree.children.forEach((node, childIndex) => {
    if (node.type === 'table') {
      tableChildIndexes.push(childIndex);
      return;
    }
    if (parts.length > 0) {
      parts.push('\n');
      length += 1;
    }
    segments.push({ start: length, end: length + node.value.length, node, childIndex });
    parts.push(node.value);
    length += node.value.length;
  });
  return { text: parts.join(''), segments, tableChildIndexes };
}

function segmentAt(stream: Stream, index: number): Segment | undefined {
  const { segments } = stream;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.start <= index) lo = mid;
    else hi = mid - 1;
  }
  return segments[lo];
}

/** root.children index of the node holding stream index `index`. */
export function childIndexAt(stream: Stream, index: number): number {
  return segmentAt(stream, index)?.childIndex ?? 0;
}

/** Source of the character at stream index `index`: exact when the node is a verbatim slice of root.data.text. */
export function sourceAt(tree: Root, stream: Stream, index: number): Source {
  const segment = segmentAt(stream, index);
  return segment ? sourceOf(tree, segment.node, Math.max(0, index - segment.start)) : { file: tree.data.file };
}
