/**
 * Recognising the six section headings of a 政府信息公开工作年度报告 in running text.
 *
 * A number alone (一、) is not a heading: it also starts table row labels (一、本年新收政府信息公开申请数量)
 * and enumerations. A heading is a number followed by a title we know (spec §2.1, §7.2, schema
 * title_variants, pre-2019 keywords), or — to close the previous section — a short numbered title
 * that ends like a section title (…情况, …事项).
 *
 * Everything here is linear: each candidate looks at a bounded window after its marker.
 */
import type { SectionId } from '../../model.js';

export const CHINESE_DIGITS: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10,
};

/** 一 … 十九 → 1 … 19 (section numbers never go higher). */
export function sectionNumberValue(written: string): number | null {
  if (written.length === 1) return CHINESE_DIGITS[written] ?? null;
  if (written.length === 2 && written[0] === '十') {
    const unit = CHINESE_DIGITS[written[1]!];
    return unit && unit < 10 ? 10 + unit : null;
  }
  return null;
}

/** Canonical titles (score 3), listed variants (score 2); keyword tests give score 1. */
export const SECTION_TITLES: Record<SectionId, { canonical: string; variants: string[] }> = {
  overview: { canonical: '总体情况', variants: ['概述', '总体工作情况', '基本工作情况', '主要工作概述', '基本情况', '工作概述', '总体概况'] },
  proactive: {
    canonical: '主动公开政府信息情况',
    variants: ['行政机关主动公开政府信息情况', '主动公开政府信息的情况', '主动公开情况', '政府信息主动公开情况'],
  },
  requests: {
    canonical: '收到和处理政府信息公开申请情况',
    variants: [
      '行政机关收到和处理政府信息公开申请情况', '依申请公开政府信息情况', '依申请公开情况',
      '依申请公开政府信息和不予公开政府信息的情况', '政府信息依申请公开办理情况', '政府信息依申请公开工作情况',
    ],
  },
  review_litigation: {
    canonical: '政府信息公开行政复议、行政诉讼情况',
    variants: [
      '政府信息公开行政复议及行政诉讼情况', '因政府信息公开工作被申请行政复议、提起行政诉讼情况',
      '因政府信息公开工作被申请行政复议提起行政诉讼情况', '因政府信息公开工作被申请行政复议和提起行政诉讼情况',
      '行政复议、行政诉讼情况', '因政府信息公开申请行政复议、提起行政诉讼的情况',
    ],
  },
  problems: {
    canonical: '存在的主要问题及改进情况',
    variants: [
      '政府信息公开工作存在的主要问题及改进情况', '存在问题及改进情况', '存在的主要问题及改进措施',
      '存在的主要问题和改进措施', '存在问题及工作打算',
    ],
  },
  other: { canonical: '其他需要报告的事项', variants: ['其他事项', '其他需要报告事项', '其他报告事项', '需要说明的事项与附表'] },
};

/** Strip what varies without changing meaning: spaces, the possessive 的, full/half-width commas. */
function squash(title: string): string {
  return title.replace(/[\s\u3000]/g, '').replace(/[,，]/g, '、');
}

const CANONICAL = new Map<string, SectionId>();
const VARIANT = new Map<string, SectionId>();
for (const [id, { canonical, variants }] of Object.entries(SECTION_TITLES) as [SectionId, { canonical: string; variants: string[] }][]) {
  CANONICAL.set(squash(canonical), id);
  for (const v of variants) VARIANT.set(squash(v), id);
}

export interface TitleMatch {
  id: SectionId;
  /** 3 canonical, 2 listed variant, 1 keyword match, 0.5 inferred from number and place. */
  score: number;
  /** The second half of a split section 五 (`六、下一步改进举措` after `五、当前存在的突出问题`). */
  continuation?: boolean;
}

/** Which section a title (without its number) names, if any. */
export function classifyTitle(rawTitle: string): TitleMatch | null {
  const title = squash(rawTitle).replace(/[：:。]$/, '');
  if (!title) return null;
  const exact = CANONICAL.get(title);
  if (exact) return { id: exact, score: 3 };
  const variant = VARIANT.get(title);
  if (variant) return { id: variant, score: 2 };
  // Keyword rules for wordings nobody listed (typos like 行政法复议, 明年工作计划, old 2013 titles).
  if (title.length > 30) return null;
  // T3 row labels (本年新收…申请数量, 上年结转…) are not sections.
  if (/^(本年|上年|结转)|数量$/.test(title)) return null;
  if (/^(总体|概述|概况|基本工作)/.test(title)) return { id: 'overview', score: 1 };
  if (/复议|诉讼/.test(title) && /情况$/.test(title)) return { id: 'review_litigation', score: 1 };
  if (/问题/.test(title) && /(改进|措施|计划|打算|情况|不足)/.test(title)) return { id: 'problems', score: 1 };
  // 五 split in two: `当前存在的突出问题` then `下一步改进举措` (the second continues the first).
  if (/(存在|主要|突出|面临)的?.{0,4}问题$|问题(和|与|及)?不足$|不足之处$/.test(title) && !/申请|复议|诉讼/.test(title)) return { id: 'problems', score: 1 };
  if (/^(下一步|下步|今后|明年|下一年度?|\d{4}年)?.{0,6}(改进|整改|工作)(措施|举措|打算|计划|思路|方向|安排|情况)$/.test(title) && !/申请|复议|诉讼|公开/.test(title)) {
    return { id: 'problems', score: 1, continuation: true };
  }
  if (/^其他.*(事项|情况)$/.test(title) && !/申请/.test(title)) return { id: 'other', score: 1 };
  // Extended or reordered: `需要说明的其他事项与附表`, `其他需要报告的事项及说明`.
  if (/其他.{0,8}事项|需要(报告|说明)的?(其他)?事项/.test(title) && !/申请|复议|诉讼/.test(title)) return { id: 'other', score: 1 };
  if (/主动公开/.test(title) && /情况$/.test(title) && !/申请/.test(title)) return { id: 'proactive', score: 1 };
  if (/申请/.test(title) && /(依申请|收到|处理|公开申请)/.test(title) && /情况$/.test(title)) return { id: 'requests', score: 1 };
  return null;
}

/** A numbered top-level heading found inside a line. */
export interface HeadingHit {
  /** Offsets in the scanned string: [start, end) of the heading as written (number + title). */
  start: number;
  end: number;
  /** The number as written (一, 二 …) and its value. */
  written: string;
  number: number;
  title: string;
  match: TitleMatch | null;
}

const TERMINATOR = /情况|事项|措施|计划|打算|概述|统计表/;
/** Before a heading: line start, white space, end of a sentence, a closing bracket. */
const BOUNDARY = /[\s\u3000。；;：:！？!?）)」”》\]】*#>]/;
// Bounded window after the marker; the title stops at white space, a sentence mark or an opening bracket.
const WINDOW = 48;
const TITLE_STOP = /[\s\u3000。；;：:，,（(【\[！？!?]/;

/**
 * Top-level headings (一、… 六、, 一. …) in `line`. Known section titles are always taken; unknown
 * titles only when short and ending like a section title (to close the section before them).
 */
export function findTopHeadings(line: string): HeadingHit[] {
  const hits: HeadingHit[] = [];
  // The number, then 、 or ． — or nothing but a Han character (`一总体情况`, `二 主动公开政府信息情况`).
  const marker = /([一二三四五六七八九十]{1,2})(?:[ \u3000]*[、．.][ \u3000]*|[ \u3000]*(?=\p{Script=Han}))/gu;
  let m: RegExpExecArray | null;
  while ((m = marker.exec(line)) !== null) {
    const start = m.index;
    const separated = /[、．.]/.test(m[0]);
    // Run-together copies glue headings to the digits or letters before them (…0000000四、政府…);
    // then only a known section title counts, and after a Chinese character only a listed one.
    const glued = start > 0 && !BOUNDARY.test(line[start - 1]!);
    // Without its 、 a number is a heading only where a line or sentence starts (not 统一总体…, 第一…).
    if (!separated && glued) continue;
    const afterHan = glued && /\p{Script=Han}/u.test(line[start - 1]!);
    const number = sectionNumberValue(m[1]!);
    if (number === null) continue;
    const titleStart = start + m[0].length;
    const window = line.slice(titleStart, titleStart + WINDOW);
    let stop = window.search(TITLE_STOP);
    const atEnd = stop === -1 && titleStart + window.length >= line.length;
    if (stop === -1) stop = window.length;
    const ownLine = (start === 0 || line[start - 1] === '\n') && (atEnd || /[\r\n]/.test(window[stop] ?? ''));
    let title = window.slice(0, stop);
    const whole = title;
    const term = TERMINATOR.exec(title);
    if (term) title = title.slice(0, term.index + term[0].length);
    else if (!(title.length <= 20 && (stop < window.length || atEnd))) continue;
    if (!title) continue;
    let match = classifyTitle(title);
    // A heading alone on its line keeps its whole title: `六、需要说明的其他事项与附表`.
    if (ownLine && whole !== title && whole.length <= 25 && !/\d/.test(whole)) {
      const wholeMatch = classifyTitle(whole);
      if (wholeMatch || !match) {
        title = whole;
        match = wholeMatch;
      }
    }
    if (!separated && !(match && (match.score >= 2 || (ownLine && match.score >= 1)))) continue;
    // An unknown title still closes the section before it when it reads like a section title: it ends
    // like one, or it is a whole short line of its own.
    const titled = (term || ownLine) && title.length <= 25 && !/^(本年|上年|结转)/.test(title);
    if (!match && !titled) continue;
    if (glued && (!match || (afterHan && match.score < 2))) continue;
    const hit: HeadingHit = { start, end: titleStart + title.length, written: m[1]!, number, title, match };
    hits.push(hit);
    marker.lastIndex = hit.end;
  }
  return hits;
}

/** Splits a heading as written into its number and title: `三、收到…情况` → { written: '三', title }. */
export function splitNumberedTitle(text: string): { written: string | null; number: number | null; title: string; depth: number } {
  const trimmed = text.replace(/^[\s\u3000#*]+|[\s\u3000*]+$/g, '');
  let m = /^([一二三四五六七八九十]{1,2})[ \u3000]*[、．.，,][ \u3000]*/.exec(trimmed);
  if (m) return { written: m[1]!, number: sectionNumberValue(m[1]!), title: trimmed.slice(m[0].length), depth: 1 };
  m = /^第([一二三四五六七八九十]{1,2})部分[：:、\s\u3000]*/.exec(trimmed);
  if (m) return { written: m[1]!, number: sectionNumberValue(m[1]!), title: trimmed.slice(m[0].length), depth: 1 };
  m = /^[（(]?([一二三四五六七八九十]{1,2})[）)][ \u3000]*/.exec(trimmed);
  if (m) return { written: m[1]!, number: sectionNumberValue(m[1]!), title: trimmed.slice(m[0].length), depth: 2 };
  return { written: null, number: null, title: trimmed, depth: 0 };
}

/** A sub-heading （一）… / (一)… / 一)… inside a prose piece. */
export interface SubHeadingHit {
  start: number;
  end: number;
}

const SUB_MARKER = /[（(]?[一二三四五六七八九十]{1,2}[）)]/g;

/**
 * Sub-headings （一）主动公开方面 in a prose piece: the title runs to the next white space or full stop
 * (at most 30 characters, no digits), or is a short phrase ending in 方面/情况/… directly followed by text.
 */
export function findSubHeadings(piece: string): SubHeadingHit[] {
  const hits: SubHeadingHit[] = [];
  SUB_MARKER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SUB_MARKER.exec(piece)) !== null) {
    const start = m.index;
    // "一)" without its opening bracket only counts at a boundary, never glued to a word.
    if (start > 0 && !BOUNDARY.test(piece[start - 1]!)) continue;
    if (m[0][0] !== '（' && m[0][0] !== '(' && start > 0 && !/[\s\u3000]/.test(piece[start - 1]!)) continue;
    const titleStart = start + m[0].length;
    const window = piece.slice(titleStart, titleStart + 40);
    const stop = window.search(/[\s\u3000。]/);
    const title = stop === -1 ? (titleStart + window.length >= piece.length ? window : '') : window.slice(0, stop);
    let end = -1;
    if (title && title.length >= 2 && title.length <= 30 && !/\d/.test(title) && !/[；;]/.test(title)) {
      end = titleStart + title.length + (window[stop] === '。' ? 1 : 0);
    } else {
      const phrase = /^[^\s\d，,。；;]{2,16}?(方面|情况|工作|建设|保障|管理|数量)(?=\d|[^\s\d])/.exec(window);
      if (phrase) end = titleStart + phrase[0].length;
    }
    if (end === -1) continue;
    hits.push({ start, end });
    SUB_MARKER.lastIndex = end;
  }
  return hits;
}
