/**
 * Figures quoted in the prose (spec §8): every count with its unit, label, sentence and source,
 * and total + breakdown patterns, where each part points to its total with `partOf` and the total
 * says how its list was written (`breakdown`): after a marker (`发布信息81条，其中信息公开指南1条、
 * 办事指南1条…`, 包括 / 含 / 分别为 / a colon, `其中` opening a later sentence of the paragraph),
 * before `共N件`, closed by 等 (not exhaustive), or a bare comma list of categories right after the
 * total (`主动公开政府信息N条，人事信息a条，规划类信息b条`). Tables, headings and digit runs (tables run
 * together in crawler copies) are not prose. Years and dates are not figures: only numbers with a
 * count or money unit are taken.
 */
import type { Figure, ParagraphNode, Root, Source } from '../../model.js';
import type { Segmented } from '../../segment/index.js';
import { sourceOf } from '../../util/source.js';
import { parseNumber } from '../numbers.js';
import { linkShares } from './shares.js';

// A soft line break (Markdown paragraphs keep the source's line wrapping) may fall between number and unit.
const FIGURE = /(\d[\d,，]*(?:[.．]\d+)?|[０-９][０-９,，]*(?:[.．][０-９]+)?)[ \u3000]*(?:\n[ \u3000]*)?(万元|元|条|件|个|项|次|起|宗|期|篇|场|家|人次|人|%|％)/g;
const CLAUSE_BREAK = /[，,、；;：:（(）)“”"]/;
const LEAD = /^(?:其中|主要|包括|包含|含|另有|另外|以及|同时|并|和|及|共计|共|合计|总计|累计|全年|今年|本年度|本年|年内|当年)+/;
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
  // `答复结果分别为予以公开8件`: what is counted follows 分别为.
  text = text.replace(/^[^，,、]*?分别(?:为|是)(?=[^\s])/u, '');
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
    if (!unit || !'万元条件个项次起宗期篇场家人%％'.includes(unit)) runs++;
    if (runs >= 3) return true;
  }
  return false;
}

/** A number without a unit right before a list separator (`政策文件169、`), in a list whose next part carries one. */
const BARE = /(?<![\d.．,，第至到-])(\d+)(?=[、，,和及与])/gu;
const COUNT_UNIT = /^(?:条|件|个|项|次|起|宗|期|篇|场|家|人次|人)$/u;

/**
 * `其中政策文件169、工作动态317条和通知公告24条`: the unit is written once for two parts; the number
 * without it is a part all the same (taking the unit of the part after it), not the end of the list.
 * Only where the next part follows at once in the same clause list, with a label and no other digits
 * between, and the number itself has a label (a CJK word right before it, not 第/年).
 */
function addBareParts(tree: Root, node: ParagraphNode, text: string, raws: Raw[]): void {
  const added: Raw[] = [];
  for (let k = 0; k < raws.length; k++) {
    const next = raws[k]!;
    if (!COUNT_UNIT.test(next.figure.unit) || next.nested) continue;
    const from = k > 0 && raws[k - 1]!.sentence === next.sentence ? raws[k - 1]!.end : Math.max(0, next.at - 60);
    const gap = text.slice(from, next.at);
    for (const m of gap.matchAll(BARE)) {
      const at = from + m.index;
      const after = text.slice(at + m[0].length + 1, next.at);
      // The next part's label only: no digits, no clause end, short.
      // (`召开会议3、4次` is 3 or 4 times: no label of its own before the 4, no list.)
      if (!after.trim() || /[\d。；;！？!?：:（）()]/u.test(after) || after.length > 20 || !/[\u4e00-\u9fff]$/u.test(text.slice(Math.max(from, at - 1), at))) continue;
      if (/[年月日号第]$/u.test(text.slice(0, at))) continue;
      let c = at;
      while (c > from && !CLAUSE_BREAK.test(text[c - 1]!) && at - c < 40) c--;
      const clause = text.slice(c, at);
      const parsed = parseNumber(m[1]!);
      if (!parsed || !label(clause)) continue;
      added.push({
        figure: placedLike(next.figure, at - next.at, { label: label(clause), value: parsed.value, raw: m[1]!, unit: next.figure.unit, sentence: next.figure.sentence, source: sourceOf(tree, node, at) }),
        at,
        end: at + m[0].length,
        clause,
        nested: false,
        sentence: next.sentence,
      });
    }
  }
  if (!added.length) return;
  raws.push(...added);
  raws.sort((a, b) => a.at - b.at);
}

/**
 * Where each figure stands in its sentence (index, and the sentence's own place, made on demand): a
 * figure in the Report carries its sentence whole only when the sentence is short, else an excerpt
 * around the figure and the sentence's place (excerptFigures). Kept beside the figure, never in it.
 */
interface Placement { at: number; sentence: () => Source }
const placements = new WeakMap<Figure, Placement>();

function placeFigure(figure: Figure, placement: Placement): void {
  placements.set(figure, placement);
}

function placedLike(other: Figure, shift: number, figure: Figure): Figure {
  const placement = placements.get(other);
  if (placement) placements.set(figure, { at: placement.at + shift, sentence: placement.sentence });
  return figure;
}

/** Longest sentence a figure carries whole; a longer one is an excerpt of this size around the figure. */
export const MAX_SENTENCE_CHARS = 200;

/**
 * The figures as the Report gives them: a sentence over MAX_SENTENCE_CHARS becomes an excerpt around
 * the figure (… at a cut end), with `sentenceSource` (where the sentence starts) and `sentenceLength`,
 * so a sentence of thousands of figures costs each figure a bounded size, not the whole sentence.
 */
export function excerptFigures(figures: Figure[]): Figure[] {
  return figures.map((figure) => {
    const sentence = figure.sentence;
    if (sentence.length <= MAX_SENTENCE_CHARS) return figure;
    const placement = placements.get(figure);
    const at = Math.min(Math.max(0, placement?.at ?? sentence.indexOf(figure.raw)), sentence.length);
    const start = Math.max(0, Math.min(at - 80, sentence.length - MAX_SENTENCE_CHARS));
    const end = Math.min(sentence.length, start + MAX_SENTENCE_CHARS);
    const excerpt = `${start > 0 ? '…' : ''}${sentence.slice(start, end)}${end < sentence.length ? '…' : ''}`;
    const out: Figure = { ...figure, sentence: excerpt, sentenceLength: sentence.length };
    if (placement) out.sentenceSource = placement.sentence();
    return out;
  });
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
    let sentenceSource: Source | undefined;
    let depth = 0;
    let scanned = 0;
    let labelFloor = 0;
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
      // The clause before the number gives the label (never reaching back into the figure before it:
      // `工作动态317条和通知公告24条`).
      let c = m.index;
      while (c > labelFloor && !CLAUSE_BREAK.test(sentence[c - 1]!) && m.index - c < 40) c--;
      const clause = sentence.slice(c, m.index);
      labelFloor = next;
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
      placeFigure(figure, { at: m.index, sentence: () => (sentenceSource ??= sourceOf(tree, node, from)) });
      raws.push({ figure, at, end: at + m[0].length, clause, nested: depth > 0, sentence: sentenceIndex });
    }
  });

  addBareParts(tree, node, text, raws);
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

/** Right after a total: the word that opens its list (`，其中`, `（含`, `：`, `，包括`, `，答复结果分别为`). */
const MARKER = /^[\s，,]*(?:[（(]\s*)?(?:其中|(?:包括|包含|涵盖|覆盖)|主要(?:包括|包含|涵盖|有|为|是)|含有|含|具体(?:为|是|包括)|分别(?:为|是))|^\s*[：:]|^[\s，,][^，,。；;、和及与\d]{0,10}分别(?:为|是)/u;
/** `主要包括` / `主要有`: the main parts, not all of them. */
const MAINLY = /^[\s，,]*(?:[（(]\s*)?主要/u;
/** A clause that starts a new subject ends the list before it (`…8条；我局还更新办事指南15条`). */
const NEW_SUBJECT = /^[\s，,；;]*(?:此外|另外|另有|同时|并且|并|还|我[^\d，,、；;。]{0,4}?(?:局|委|办|院|厅|部|处|中心|政府|机关|单位)|本(?:机关|单位|部门|局|委|办))/u;
/** Words of doing: a clause with one is an act of its own, not a category of the total (for lists with no marker). */
const VERB = /发布|公开|收到|受理|办理|办结|答复|回复|回应|更新|制定|制发|开展|举办|组织|召开|接待|解读|录入|上传|推送|提供|报送|转办|处理|维护|新增|增加|减少|完成|参加|培训|审查|清理|占/u;
/** The label of a whole that categories may follow: `主动公开政府信息`, `共发布信息`. */
const AGGREGATE = /(?:公开|发布)了?(?:各类|政府|的)*信息$/u;
/** A list closed by 等 (等, 等等, 等信息, 等方面): its parts are examples, not all of the total. */
const CLOSED_BY_DENG = /^[\s）)]*等/u;

type Form = NonNullable<Figure['breakdown']>;

/**
 * Links parts to a total, with the form its list was written in: closed by 等 it is `open` — unless a
 * part is 其他 (`…其他文件54条等`: the rest is counted, the 等 is a habit of style).
 */
function link(text: string, raws: Raw[], base: number, totalIndex: number, parts: number[], form: Form): boolean {
  if (parts.length < 2) return false;
  for (const i of parts) raws[i]!.figure.partOf = base + totalIndex;
  const last = raws[parts[parts.length - 1]!]!;
  const hasRest = parts.some((i) => /^其[他它余]/u.test(raws[i]!.figure.label));
  raws[totalIndex]!.figure.breakdown = form === 'open' || (!hasRest && CLOSED_BY_DENG.test(text.slice(last.end, last.end + 4))) ? 'open' : form;
  return true;
}

const MAX_PARTS = 60;

/** The text between a part and the label of the next one, brackets left out. */
const gapBefore = (text: string, prev: Raw, part: Raw): string =>
  text.slice(prev.end, part.at - part.clause.length).replace(/（[^（）]*）|\([^()]*\)/g, '');

/**
 * The parts after a total, from `start` in the counts, until the list ends: at the end of the sentence
 * (or of the bracket), at a count of another unit, at a new 其中, at a new subject, and at a 「；」 when
 * the parts were joined by 、 or ，.
 */
function collectParts(text: string, raws: Raw[], counts: { r: Raw; i: number }[], start: number, total: Raw, sentence: number, close: number): number[] {
  const parts: number[] = [];
  let joinedBySemicolon: boolean | undefined;
  for (let j = start; j < counts.length; j++) {
    const { r: part, i } = counts[j]!;
    if (close < Infinity) {
      if (part.at > close) break;
    } else {
      if (part.sentence !== sentence) break;
      if (part.nested) continue;
    }
    if (part.figure.unit !== total.figure.unit) break;
    if (parts.length) {
      const prev = raws[parts[parts.length - 1]!]!;
      // An item without a count between two parts (`…2件；部门预算、决算信息；…50件`): the list is not all counted.
      if (uncountedItemBetween(text, prev, part)) break;
      // A part list is joined by 、，；; a new 其中 starts another breakdown, a new subject another statement.
      if (/其中/.test(part.clause) || NEW_SUBJECT.test(part.clause)) break;
      // Parts each followed by their share (`42件，占51.85%`): one without a share ends the list.
      if (hasShare(raws, parts[0]!) && !hasShare(raws, i)) break;
      const semicolon = /[；;]/.test(gapBefore(text, prev, part));
      if (joinedBySemicolon === undefined) joinedBySemicolon = semicolon;
      // `文件12条、动态8条；更新办事指南15条、服务事项30条`: at the 「；」 of a list joined by 、 or ，
      // a new statement starts — an act of its own (a verb), or a new list joined as the first was.
      // (`减税降费22条，…解读共2条；预决算共7条；…` goes on item by item after the 「；」.)
      else if (semicolon && !joinedBySemicolon) {
        const following = counts[j + 1];
        const newList = following && following.r.sentence === part.sentence && following.r.figure.unit === part.figure.unit &&
          !/[；;]/.test(gapBefore(text, part, following.r));
        if (VERB.test(part.figure.label) || newList) break;
      }
    } else if (NEW_SUBJECT.test(part.clause) || /[；;]/.test(text.slice(total.end, part.at - part.clause.length))) break;
    parts.push(i);
    // No report lists this many parts of one total: a run of counts like this is no breakdown (and not
    // scanning on keeps a page of thousands of counts linear).
    if (parts.length > MAX_PARTS) return [];
  }
  return parts;
}

/** The count is the last of several of its unit joined by 、/和/及 in its clause (`复议2件、诉讼3件`). */
function inRunOfCounts(text: string, counts: { r: Raw; i: number }[], k: number): boolean {
  const prev = counts[k - 1]?.r;
  const total = counts[k]!.r;
  if (!prev || prev.sentence !== total.sentence || prev.nested || prev.figure.unit !== total.figure.unit) return false;
  return /^[、和及与][^\d，,。；;：:]*$/u.test(text.slice(prev.end, total.at));
}

/** Sets `partOf` (and the total's `breakdown`) for every list of parts with its total. */
function linkBreakdowns(text: string, raws: Raw[], base: number, sentences: [number, number][]): void {
  let closers: Map<number, number> | undefined;
  const counts = raws.map((r, i) => ({ r, i })).filter(({ r }) => r.figure.unit !== '%');
  for (let k = 0; k < counts.length; k++) {
    const { r: total, i: totalIndex } = counts[k]!;
    if (total.nested) continue;
    // `…81条，其中 …` — a marker right after the total (its sentence, or the start of the next one).
    const after = text.slice(total.end, total.end + 16);
    const nextSentence = sentences[total.sentence + 1];
    const startsNext = nextSentence && onlyStopsAndSpace(text, total.end, nextSentence[0]) &&
      /^\s*其中/.test(text.slice(nextSentence[0], nextSentence[0] + 6));
    const bracket = /^[\s，,：:]*[（(]\s*(?:其中|含|包括)/.exec(after);
    if (MARKER.test(after) || startsNext) {
      const sentence = startsNext ? total.sentence + 1 : total.sentence;
      // `2599条（其中…）`: the parts are the figures inside that bracket.
      let close = Infinity;
      if (bracket) {
        closers ??= closingBrackets(text);
        close = closers.get(total.end + bracket[0].search(/[（(]/)) ?? Infinity;
      }
      const parts = collectParts(text, raws, counts, k + 1, total, sentence, close);
      // `行政复议2件、行政诉讼3件，结果分别为…` / `收到申请10件、上年结转2件，其中…`: the list may
      // belong to the counts together, not to the last one; linked to it only when it adds up to it.
      if (!bracket && parts.length >= 2 && inRunOfCounts(text, counts, k) &&
        Math.abs(parts.reduce((a, i) => a + raws[i]!.figure.value, 0) - total.figure.value) > 1e-6) continue;
      if (parts.length >= 2) labelFromNames(text, raws, total, parts);
      if (startsNext && parts.length >= 2) {
        // `主动公开300条。网站发布200条，微信发布100条。其中…`: 其中 may reach back past the last count.
        // A count of the unit in the sentences before that the parts add up to is their total; with other
        // counts of the unit beside the last one, which total is meant is uncertain (`later`).
        const sum = parts.reduce((a, i) => a + raws[i]!.figure.value, 0);
        const before = counts.slice(0, k).filter(({ r }) => r.sentence >= total.sentence - 2 && !r.nested && r.figure.partOf === undefined && r.figure.unit === total.figure.unit);
        const match = Math.abs(sum - total.figure.value) < 1e-6 ? undefined : before.reverse().find(({ r }) => Math.abs(r.figure.value - sum) < 1e-6);
        if (match) link(text, raws, base, match.i, parts, 'later');
        else link(text, raws, base, totalIndex, parts, before.some(({ r }) => r.sentence === total.sentence) ? 'later' : 'marked');
        continue;
      }
      link(text, raws, base, totalIndex, parts, MAINLY.test(after) ? 'open' : 'marked');
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
      if (link(text, raws, base, totalIndex, parts, 'marked')) continue;
    }
    // `主动公开政府信息120条，人事信息20条，规划类信息30条…`: categories listed right after the total, no marker.
    // The total must be the whole (主动公开政府信息, 发布信息), not the first category of a list of them.
    if (total.figure.partOf === undefined && AGGREGATE.test(total.figure.label) && /^[，,]/u.test(text.slice(total.end, total.end + 1))) {
      const parts: number[] = [];
      let prevEnd = total.end;
      for (let j = k + 1; j < counts.length; j++) {
        const { r: part, i } = counts[j]!;
        if (part.sentence !== total.sentence || part.nested || part.figure.unit !== total.figure.unit) break;
        // Each part is its own clause: one separator, then the category's name, then the count.
        const gap = text.slice(prevEnd, part.at);
        if (!/^[，,、；;][^\d，,、；;。（）()]{1,15}$/u.test(gap) || VERB.test(part.figure.label) || !part.figure.label) break;
        parts.push(i);
        prevEnd = part.end;
        if (parts.length > MAX_PARTS) break;
      }
      if (parts.length > MAX_PARTS) k += parts.length;
      else if (parts.length >= 2 && link(text, raws, base, totalIndex, parts, 'unmarked')) k += parts.length;
    }
  }
  linkLaterSentences(text, raws, base, sentences, counts);
}

/**
 * `主动公开信息N条。……。其中政策文件a条、…`: a sentence opening with 其中 lists the parts of a total
 * stated in the same paragraph with one or two sentences between them (a total in the sentence right
 * before is the marker case). The total is the nearest count of the parts' unit before it — or an earlier one there
 * that the parts add up to.
 */
function linkLaterSentences(text: string, raws: Raw[], base: number, sentences: [number, number][], counts: { r: Raw; i: number }[]): void {
  // One pass over the counts: the first count of each sentence that opens with 其中 (three or more sentences in).
  for (let start = 0; start < counts.length; start++) {
    const first = counts[start]!.r;
    const si = first.sentence;
    if (si < 2 || (start > 0 && counts[start - 1]!.r.sentence === si)) continue;
    const from = sentences[si]![0];
    if (!/^\s*其中/u.test(text.slice(from, from + 6))) continue;
    if (first.figure.partOf !== undefined || first.nested) continue;
    // Counts of the unit in the three sentences before (walking back stops at the window).
    const candidates: { r: Raw; i: number }[] = [];
    for (let c = start - 1; c >= 0 && counts[c]!.r.sentence >= si - 3; c--) {
      const { r } = counts[c]!;
      if (!r.nested && r.figure.partOf === undefined && r.figure.unit === first.figure.unit) candidates.unshift(counts[c]!);
      if (candidates.length > MAX_PARTS) break;
    }
    if (!candidates.length) continue;
    const nearest = candidates[candidates.length - 1]!;
    // The next sentence's total was the marker case's (linked there, or left alone on purpose).
    if (nearest.r.sentence === si - 1) continue;
    const parts = collectParts(text, raws, counts, start, nearest.r, si, Infinity);
    if (parts.length < 2) continue;
    const sum = parts.reduce((a, i) => a + raws[i]!.figure.value, 0);
    const total = candidates.slice().reverse().find(({ r }) => Math.abs(r.figure.value - sum) < 1e-6) ?? nearest;
    link(text, raws, base, total.i, parts, 'later');
  }
}

/**
 * `其中予以公开、部分公开、不予公开分别为8件、3件、1件`: the names stand before 分别, the counts after;
 * each part takes its name when there are as many names as counts.
 */
function labelFromNames(text: string, raws: Raw[], total: Raw, parts: number[]): void {
  const first = raws[parts[0]!]!;
  const m = /(?:其中|包括)?[，,：:]?([^，,。；;\d]+?)分别(?:为|是)$/u.exec(text.slice(total.end, first.at).replace(/[\s，,：:]+$/u, ''));
  if (!m) return;
  const names = m[1]!.replace(/^[，,：:\s]*(?:其中|包括)[，,：:\s]*/u, '').split(/、|和|及|与/u).map((n) => n.trim()).filter(Boolean);
  if (names.length !== parts.length) return;
  parts.forEach((i, n) => (raws[i]!.figure.label = names[n]!));
}

/** Every figure in the prose of the tree, in document order. */
export function extractFigures(tree: Root, segmented?: Segmented): Figure[] {
  void segmented;
  const out: Figure[] = [];
  for (const node of tree.children) if (node.type === 'paragraph') figuresOf(tree, node, out);
  return out;
}
