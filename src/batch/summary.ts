import { createHash } from 'node:crypto';
import type { Report, Root } from '../model.js';
import { segment } from '../segment/index.js';
import type { CarryCell, Summary } from './types.js';

const TEXT_SECTIONS = ['overview', 'problems', 'other'] as const;
/** Prose beyond this per section adds nothing to a copy check and costs memory in big batches. */
const MAX_SECTION_CHARS = 20_000;

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The per-report digest for the cross-report rules: computed where the tree is, then the tree is dropped. */
export function summarise(report: Report, tree: Root | null, bytes: Uint8Array | null): Summary {
  const carriedOver: Record<string, CarryCell> = {};
  const carriedForward: Record<string, CarryCell> = {};
  for (const [key, fact] of Object.entries(report.facts)) {
    const cell = { value: fact.value, raw: fact.raw, kind: fact.kind, source: fact.source };
    if (key.startsWith('t3.carried_over.')) carriedOver[key.slice('t3.carried_over.'.length)] = cell;
    else if (key.startsWith('t3.carried_forward.')) carriedForward[key.slice('t3.carried_forward.'.length)] = cell;
  }
  // Numbers only: the same report as HTML and as text may differ in blank or text cells read.
  const factKeys = Object.keys(report.facts).filter((key) => report.facts[key]!.value !== null).sort();
  const factsHash = factKeys.length
    ? sha256(JSON.stringify(factKeys.map((key) => [key, report.facts[key]!.raw])))
    : null;
  const texts: Summary['texts'] = [];
  if (tree) {
    const spans = segment(tree).sections;
    for (const id of TEXT_SECTIONS) {
      const span = spans.find((s) => s.id === id);
      if (!span?.present) continue;
      const parts: string[] = [];
      let length = 0;
      for (const node of tree.children.slice(span.start, span.end)) {
        if (node.type === 'table') continue;
        parts.push(node.value);
        length += node.value.length;
        if (length > MAX_SECTION_CHARS) break;
      }
      const text = parts.join('\n').slice(0, MAX_SECTION_CHARS);
      if (text.trim()) texts.push({ section: id, text, source: span.source ?? { file: report.file } });
    }
  }
  return {
    file: report.file,
    agency: report.meta.agency,
    year: report.meta.year,
    template: report.template,
    contentHash: bytes ? sha256(bytes) : null,
    factsHash,
    carriedOver,
    carriedForward,
    texts,
  };
}
