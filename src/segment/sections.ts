/**
 * The six sections: for each, the best heading naming it (canonical title over listed variant over
 * keyword, the expected number as a tie-breaker, then the earliest), and the span of children up to
 * the next top-level heading. Order in the document is kept as found; the rules judge it.
 */
import { SECTION_IDS, type Root, type SectionId, type SectionSpan } from '../model.js';
import { sourceOf } from '../util/source.js';
import { SECTION_NUMBER, headingCandidates, type HeadingCandidate } from './headings.js';

const CHINESE = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** True when the children [start, end) hold any content: text or a table. */
function hasContent(tree: Root, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const node = tree.children[i]!;
    if (node.type === 'table') return true;
    if (/[\p{L}\p{N}]/u.test(node.value)) return true;
  }
  return false;
}

export function findSections(tree: Root): SectionSpan[] {
  const candidates = headingCandidates(tree);
  const top = candidates.filter((c) => c.depth === 1);
  const nextBoundary = (index: number): number => top.find((c) => c.index > index)?.index ?? tree.children.length;

  const best = new Map<SectionId, HeadingCandidate>();
  const rank = (c: HeadingCandidate, id: SectionId): number => c.match!.score + (c.number === SECTION_NUMBER[id] ? 0.5 : 0);
  for (const c of top) {
    if (!c.match) continue;
    const current = best.get(c.match.id);
    if (!current || rank(c, c.match.id) > rank(current, c.match.id)) best.set(c.match.id, c);
  }

  return SECTION_IDS.map((id): SectionSpan => {
    const c = best.get(id);
    if (c) {
      const end = nextBoundary(c.index);
      const node = tree.children[c.index]!;
      const empty = !c.inline && !hasContent(tree, c.index + 1, end);
      const span: SectionSpan = {
        id,
        number: c.written,
        heading: c.text,
        present: true,
        empty,
        source: sourceOf(tree, node),
        headingIndex: c.index,
        start: c.index + 1,
        end,
        writtenNumber: c.number,
      };
      if (c.match!.score < 3) span.variant = true;
      return span;
    }
    // Content without its heading: the sub-headings （一）主要问题 （二）改进情况 of a lost 五.
    if (id === 'problems') {
      const sub = candidates.find((s) => s.depth === 2 && /^(存在的?)?(主要)?问题|^(主要)?问题(及|和|与)?不足/.test(s.title));
      if (sub) {
        const end = nextBoundary(sub.index);
        return {
          id, number: null, heading: null, present: true, empty: !hasContent(tree, sub.index + 1, end),
          source: sourceOf(tree, tree.children[sub.index]!), headingIndex: sub.index, start: sub.index, end,
          writtenNumber: null, variant: true,
        };
      }
    }
    return { id, number: null, heading: null, present: false, empty: true, source: null, headingIndex: -1, start: -1, end: -1, writtenNumber: null };
  });
}

/** 三 for 3. */
export function chineseNumber(n: number): string {
  return CHINESE[n] ?? String(n);
}
