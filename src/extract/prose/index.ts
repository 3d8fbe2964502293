/**
 * Figures quoted in the prose (spec §8): every count with its unit, label, sentence and source,
 * and total + breakdown patterns (`发布信息81条，其中信息公开指南1条、办事指南1条…`, `…共N件`), where
 * each part points to its total with `partOf`. Tables, headings and digit runs (tables run
 * together in crawler copies) are not prose. Years and dates are not figures: only numbers with a
 * count or money unit are taken.
 */
import type { Figure, ParagraphNode, Root } from '../../model.js';
import type { Segmented } from '../../segment/index.js';
import { sourceOf } from '../../util/source.js';
import { parseNumber } from '../numbers.js';
import { linkShares } from './shares.js';

// A soft line break (Markdown paragraphs keep the source's line wrapping) may fall between number and unit.
const FIGURE = /(\d[\d,，]*(?:[.．]\d+)?|[０-９][０-９,，]*(?:[.．][０-９]+)?)[ \u3000]*(?:\n[ \u3000]*)?(万元|元|条|件|个|项|次|起|期|篇|场|家|人次|人|%|％)/g;
const CLAUSE_BREAK = /[，,、；;：:（(）)“”"]/;
const LEAD = /^(?:其中|另有|另外|以及|同时|并|和|及|共计|共|合计|总计|累计|全年|今年|本年度|本年|年内|当年)+/;
const DATE_LEAD = /^(?:截至)?(?:\d{4}年度?)?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:[-至到]\d{1,2}月(?:\d{1,2}日)?)?(?:以来|期间|内|中)?/;
const TAIL = /(?:共计|共|合计|总计|累计|达到|达|为|约|计|有|了|的|是)+$/;
/** FIGURE at one position, and the places a figure can start. */
const FIGURE_AT = new RegExp(FIGURE.source, 'y');
const FIGURE_START = /[\d０-９]/g;
const ASCII_STRETCH = /[\d,，]*/y;
const WIDE_STRETCH = /[０-９,，]*/y;

/**
 * Same as FIGURE.exec(sentence) with lastIndex `from`, in linear time. A number must run to the end of its
 * stretch of digits and commas (nothing inside it may follow a number), so when a match fails at the first
 * digit of a stretch it fails at every later digit of that stretch too: they are skipped, not re-scanned
 * (a long run of digits would otherwise cost its length squared).
 */
function nextFigure(sentence: string, from: number): RegExpExecArray | null {
  let i = from;
  while (i < sentence.length) {
    FIGURE_START.lastIndex = i;
    const start = FIGURE_START.exec(sentence);
    if (!start) return null;
    FIGURE_AT.lastIndex = start.index;
    const m = FIGURE_AT.exec(sentence);
    if (m) return m;
    const stretch = sentence.charCodeAt(start.index) <= 0x39 ? ASCII_STRETCH : WIDE_STRETCH;
    stretch.lastIndex = start.index + 1;
    i = start.index + 1 + stretch.exec(sentence)![0].length;
  }
  return null;
}

interface Raw {
  figure: Figure;
  /** Offset in the paragraph of the number and of the end of the unit. */
  at: number;
  end: number;
  /** Text of the clause before the number (for 共/合计 detection). */
  clause: string;
  /** The figure sits inside brackets: a nested aside, not a part of the list around it. */
  nested: boolean;
  sentence: number;
}

/** Wrapped lines of a Markdown paragraph are one line of text (CJK: no space at a soft break). */
const unwrap = (text: string): string => text.replace(/[ \t\u3000]*\n[ \t\u3000]*/g, '');

function label(clause: string): string {
  let text = unwrap(clause).trim();
  for (let i = 0; i < 3; i++) text = text.replace(LEAD, '').replace(DATE_LEAD, '').replace(/^[，,、\s]+/, '');
  text = text.replace(TAIL, '');
  return text.trim();
}

/** Table rows run together (crawler copies) show several long runs of digits without units. */
function isDigitRun(text: string): boolean {
  let runs = 0;
  for (const m of text.matchAll(/\d{6,}/g)) {
    // `1016823 人` is a count with its unit after a space, not a table cell.
    const unit = text.slice(m.index + m[0].length).trimStart()[0];
    if (!unit || !'万元条件个项次起期篇场家人%％'.includes(unit)) runs++;
    if (runs >= 3) return true;
  }
  return false;
}

function figuresOf(tree: Root, node: ParagraphNode, out: Figure[]): void {
  const text = node.value;
  if (isDigitRun(text)) return;
  // Sentences: [start, end) offsets.
  const sentences: [number, number][] = [];
  let s = 0;
  for (let i = 0; i < text.length; i++) {
    if ('。！？!?'.includes(text[i]!)) {
      sentences.push([s, i + 1]);
      s = i + 1;
    }
  }
  if (s < text.length) sentences.push([s, text.length]);

  const raws: Raw[] = [];
  sentences.forEach(([from, to], sentenceIndex) => {
    const sentence = text.slice(from, to);
    let trimmed: string | undefined;
    let depth = 0;
    let scanned = 0;
    let m: RegExpExecArray | null;
    for (let next = 0; (m = nextFigure(sentence, next)) !== null; ) {
      next = m.index + m[0].length;
      for (; scanned < m.index; scanned++) {
        const c = sentence[scanned]!;
        if (c === '（' || c === '(') depth++;
        else if ((c === '）' || c === ')') && depth > 0) depth--;
      }
      const before = sentence[m.index - 1];
      if (before === '第' || (before && /[\d.．A-Za-z]/.test(before))) continue;
      const parsed = parseNumber(m[1]!);
      if (!parsed) continue;
      // The clause before the number gives the label.
      let c = m.index;
      while (c > 0 && !CLAUSE_BREAK.test(sentence[c - 1]!) && m.index - c < 40) c--;
      const clause = sentence.slice(c, m.index);
      const unit = m[2] === '％' ? '%' : m[2]!;
      const at = from + m.index;
      const figure: Figure = {
        label: label(clause),
        value: parsed.value,
        raw: unwrap(m[0]),
        unit,
        // Once per sentence: a long sentence with many figures must not be copied for each.
        sentence: (trimmed ??= unwrap(sentence).trim()),
        source: sourceOf(tree, node, at),
      };
      raws.push({ figure, at, end: at + m[0].length, clause, nested: depth > 0, sentence: sentenceIndex });
    }
  });

  const base = out.length;
  for (const r of raws) out.push(r.figure);
  linkBreakdowns(text, raws, base, sentences);
  linkShares(text, raws, base);
}

/**
 * Two 「；」 between two parts (brackets aside): a whole list item without a count stands between them.
 * (Only 「；」: 「、」 and 「，」 also join words inside one label, e.g. 政策、规范性文件类信息68条.)
 */
function uncountedItemBetween(text: string, prev: Raw, part: Raw): boolean {
  const gap = text.slice(prev.end, part.at - part.clause.length).replace(/（[^（）]*）|\([^()]*\)/g, '');
  return (gap.match(/[；;]/g)?.length ?? 0) > 1;
}

/** The figure is followed by a percentage before the next count (`42件，占51.85%`). */
function hasShare(raws: Raw[], i: number): boolean {
  const next = raws[i + 1];
  return !!next && next.figure.unit === '%' && next.sentence === raws[i]!.sentence;
}

/** text[from, to) holds nothing but 。 and white space (checked without copying a long stretch). */
function onlyStopsAndSpace(text: string, from: number, to: number): boolean {
  let p = from;
  while (p < to && /[。\s]/.test(text[p]!)) p++;
  return p >= to;
}

/** Open bracket index → index of the bracket closing it, for the whole text in one pass. */
function closingBrackets(text: string): Map<number, number> {
  const closers = new Map<number, number>();
  const open: number[] = [];
  for (let p = 0; p < text.length; p++) {
    const c = text[p]!;
    if (c === '（' || c === '(') open.push(p);
    else if ((c === '）' || c === ')') && open.length) closers.set(open.pop()!, p);
  }
  return closers;
}

/** Sets `partOf` for the parts of `total，其中 part、part…` and `part、part，共 total`. */
function linkBreakdowns(text: string, raws: Raw[], base: number, sentences: [number, number][]): void {
  let closers: Map<number, number> | undefined;
  const counts = raws.map((r, i) => ({ r, i })).filter(({ r }) => r.figure.unit !== '%');
  for (let k = 0; k < counts.length; k++) {
    const { r: total, i: totalIndex } = counts[k]!;
    if (total.nested) continue;
    // `…81条，其中 …` — 其中 right after the total (its sentence, or the start of the next one).
    const after = text.slice(total.end, total.end + 6);
    const nextSentence = sentences[total.sentence + 1];
    const startsNext = nextSentence && onlyStopsAndSpace(text, total.end, nextSentence[0]) &&
      /^\s*其中/.test(text.slice(nextSentence[0], nextSentence[0] + 6));
    const bracket = /^[\s，,：:]*[（(]\s*其中/.exec(after);
    if (/^[\s，,：:（(]*其中/.test(after) || startsNext) {
      const sentence = startsNext ? total.sentence + 1 : total.sentence;
      // `2599条（其中…）`: the parts are the figures inside that bracket.
      let close = Infinity;
      if (bracket) {
        closers ??= closingBrackets(text);
        close = closers.get(total.end + bracket[0].search(/[（(]/)) ?? Infinity;
      }
      const parts: number[] = [];
      for (let j = k + 1; j < counts.length; j++) {
        const { r: part, i } = counts[j]!;
        if (bracket) {
          if (part.at > close) break;
        } else {
          if (part.sentence !== sentence) break;
          if (part.nested) continue;
        }
        if (part.figure.unit !== total.figure.unit) break;
        // An item without a count between two parts (`…2件；部门预算、决算信息；…50件`): the list is not all counted.
        if (parts.length && uncountedItemBetween(text, raws[parts[parts.length - 1]!]!, part)) break;
        // A part list is joined by 、，；; a new 其中 starts another breakdown.
        if (parts.length && /其中/.test(part.clause)) break;
        // Parts each followed by their share (`42件，占51.85%`): one without a share ends the list.
        if (parts.length && hasShare(raws, parts[0]!) && !hasShare(raws, i)) break;
        parts.push(i);
      }
      if (parts.length >= 2) for (const i of parts) raws[i]!.figure.partOf = base + totalIndex;
      continue;
    }
    // `A 3件、B 4件，共7件`: a total after a 、-joined list in its own sentence.
    if (/^[\s，,]*$/.test(total.clause.replace(/(共计|共|合计|总计)[^，,、]*$/, '')) && /(共计|共|合计|总计)/.test(total.clause)) {
      const parts: number[] = [];
      for (let j = k - 1; j >= 0; j--) {
        const { r: part, i } = counts[j]!;
        if (part.sentence !== total.sentence || part.nested || part.figure.partOf !== undefined) break;
        if (part.figure.unit !== total.figure.unit) break;
        parts.unshift(i);
        const gap = text.slice(part.end, (parts.length > 1 ? raws[parts[1]!]! : total).at);
        if (parts.length > 1 && !/^[^，,；;。]*、/.test(gap)) { parts.shift(); break; }
      }
      if (parts.length >= 2) for (const i of parts) raws[i]!.figure.partOf = base + totalIndex;
    }
  }
}

/** Every figure in the prose of the tree, in document order. */
export function extractFigures(tree: Root, segmented?: Segmented): Figure[] {
  void segmented;
  const out: Figure[] = [];
  for (const node of tree.children) if (node.type === 'paragraph') figuresOf(tree, node, out);
  return out;
}
