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

export interface FindSectionsOptions {
  /**
   * The report follows a national format (2019 or later): a numbered heading with a title we do not
   * know may then be taken for the section its number and place name. Before 2019 there was no
   * fixed list of sections, so a heading is only ever taken by its title.
   */
  byPlace?: boolean;
  /** The report uses the 2019 trial format, whose 五 reads 政府信息公开工作存在的主要问题及改进情况. */
  format2019?: boolean;
}

/** The 2019 trial format's title of 五, observed in official reports of that year (spec schema, title_verification). */
export const PROBLEMS_TITLE_2019 = '政府信息公开工作存在的主要问题及改进情况';

/** Titles that name something else than a section of the format (old 统计表 items, annexes, captions). */
const NOT_A_SECTION = /收费|减免|咨询|会议|培训|申诉|附件|附表|表$|^表|统计|数量$|^(本年|上年|结转)/;

/**
 * A section that numbers its own items like sections (`一、总体情况` then `一、主动公开`, `二、依申请公开` …,
 * or the improvements of 五 as `一、…二、…`): a run of unknown titles numbered 一, 二, 三 … right after a
 * section heading is a list inside that section, not a run of section boundaries.
 */
function withoutNestedLists(top: HeadingCandidate[]): HeadingCandidate[] {
  const nested = new Set<HeadingCandidate>();
  let inSection = false;
  let expect = 0;
  for (const c of top) {
    if (c.match) {
      inSection = true;
      expect = 0;
      continue;
    }
    if (inSection && c.number !== null && c.number === (expect || 1)) {
      nested.add(c);
      expect = c.number + 1;
    } else expect = 0;
  }
  return nested.size ? top.filter((c) => !nested.has(c)) : top;
}

export function findSections(tree: Root, options: FindSectionsOptions = {}): SectionSpan[] {
  const candidates = headingCandidates(tree);
  const top = withoutNestedLists(candidates.filter((c) => c.depth === 1));

  const best = new Map<SectionId, HeadingCandidate>();
  // The second half of a split 五 (`六、下一步改进举措`) names the section less surely than its first half.
  const rank = (c: HeadingCandidate, id: SectionId): number =>
    c.match!.score + (c.number === SECTION_NUMBER[id] ? 0.5 : 0) - (c.match!.continuation ? 0.25 : 0);
  for (const c of top) {
    if (!c.match) continue;
    const current = best.get(c.match.id);
    if (!current || rank(c, c.match.id) > rank(current, c.match.id)) best.set(c.match.id, c);
  }

  // A reworded title in the right place (`一、年度工作核心成效` before `二、主动公开政府信息情况`): its
  // number is the missing section's, it stands between the sections found before and after it, and a
  // neighbouring numbered heading is a found section numbered one less or one more. A sub-heading,
  // an enumeration inside a section or a caption fails one of these.
  if (options.byPlace && best.size >= 3) {
    const chosen = (c: HeadingCandidate | undefined): boolean => !!c && [...best.values()].includes(c);
    SECTION_IDS.forEach((id, position) => {
      if (best.has(id)) return;
      const n = SECTION_NUMBER[id];
      for (let k = 0; k < top.length; k++) {
        const c = top[k]!;
        if (c.match || c.number !== n || c.inline || c.title.length > 25 || /\d/.test(c.title) || NOT_A_SECTION.test(c.title)) continue;
        const prev = top[k - 1];
        const next = top[k + 1];
        const neighbour = (prev && prev.number === n - 1 && chosen(prev)) || (next && next.number === n + 1 && chosen(next));
        const inPlace = SECTION_IDS.every((other, p) => {
          const found = best.get(other);
          return !found || p === position || (p < position ? found.index < c.index : found.index > c.index);
        });
        if (!neighbour || !inPlace) continue;
        best.set(id, { ...c, match: { id, score: 0.5 } });
        break;
      }
    });
  }

  const chosenIndexes = new Set([...best.values()].map((c) => c.index));
  const nextBoundary = (index: number): number => top.find((c) => c.index > index)?.index ?? tree.children.length;

  return SECTION_IDS.map((id): SectionSpan => {
    const c = best.get(id);
    if (c) {
      let end = nextBoundary(c.index);
      // 五 written as two headings: the improvements half continues the problems half.
      let continuation: SectionSpan['continuation'];
      if (id === 'problems' && !c.match!.continuation) {
        const next = top.find((t) => t.index === end);
        if (next?.match?.id === 'problems' && next.match.continuation && !chosenIndexes.has(next.index)) {
          continuation = { heading: next.text, headingIndex: next.index, source: sourceOf(tree, tree.children[next.index]!) };
          end = nextBoundary(next.index);
        }
      }
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
      const separated = !c.written || /^[\s\u3000#*]*(第[一二三四五六七八九十]{1,2}部分|[一二三四五六七八九十]{1,2}[ \u3000]*[、．.，,])/.test(c.text);
      const standard2019 = options.format2019 && id === 'problems' && c.title.replace(/[\s\u3000：:]/g, '') === PROBLEMS_TITLE_2019;
      if ((c.match!.score < 3 && !standard2019) || !separated || continuation) span.variant = true;
      span.match = span.variant ? 'equivalent' : 'standard';
      if (c.match!.score < 1) span.inferred = true;
      if (continuation) span.continuation = continuation;
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
          writtenNumber: null, variant: true, match: 'content_only',
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
