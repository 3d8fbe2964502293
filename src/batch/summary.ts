import { createHash } from 'node:crypto';
import type { FactKey, Report, Root } from '../model.js';
import { segment } from '../segment/index.js';
import type { CarryCell, Summary, SummaryCell } from './types.js';

/**
 * The only t2 cells kept: 规章/行政规范性文件 made, repealed, in force (`cross-year/in-force`), and the
 * distinctive money figures (`batch/copied-figure`). Everything else stays in the worker.
 */
export const SUMMARY_T2_KEYS: readonly FactKey[] = [
  ...(['regulations', 'normative_docs'] as const).flatMap((row) => (['made', 'repealed', 'in_force'] as const).map((col) => `t2.${row}.${col}` as const)),
  't2.fees.amount_wan_yuan',
  't2.central_procurement.procurement_amount',
];

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
  const t2: Record<string, SummaryCell> = {};
  for (const key of SUMMARY_T2_KEYS) {
    const fact = report.facts[key];
    if (fact) t2[key] = { value: fact.value, raw: fact.raw, source: fact.source };
  }
  for (const [key, fact] of Object.entries(report.facts)) {
    const cell = { value: fact.value, raw: fact.raw, kind: fact.kind, source: fact.source };
    if (key.startsWith('t3.carried_over.')) carriedOver[key.slice('t3.carried_over.'.length)] = cell;
    else if (key.startsWith('t3.carried_forward.')) carriedForward[key.slice('t3.carried_forward.'.length)] = cell;
  }
  // Numbers only: the same report as HTML and as text may differ in blank or text cells read.
  const factKeys = (Object.keys(report.facts) as FactKey[]).filter((key) => report.facts[key]!.value !== null).sort();
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
    t2,
    texts,
  };
}
