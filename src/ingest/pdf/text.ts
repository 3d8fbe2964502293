/**
 * Text of a PDF page: items → lines in reading order, CJK spacing, running headers and page
 * numbers, paragraphs joined across line (and page) breaks, headings.
 */
import type { Box, TextItem } from './load.js';

/** CJK ideographs, kana, CJK and full-width punctuation, curly quotes. */
const CJK = /[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019\u2026\u2014]/u;

export function isCjk(char: string | undefined): boolean {
  return char !== undefined && CJK.test(char);
}

/**
 * Radical code points some writers (Chromium with Noto CJK) put in the text for ordinary ideographs
 * whose glyph they share: CJK Radicals Supplement forms have no NFKC mapping (⺠ U+2EA0 for 民,
 * ⻚ U+2EDA for 页), and the Kangxi ⼾ maps to the traditional 戶 where the report means 户.
 * Pairs of (radical, ideograph); other Kangxi radicals (⼆ U+2F06 for 二) go through NFKC.
 */
const RADICALS = new Map(
  [...'⺁厂⺌小⺍小⺒巳⺓幺⺗心⺝月⺟母⺠民⺧牛⺩王⺬示⺳网⺴网⺶羊⺼肉⻁虎⻄西⻅见⻆角⻉贝⻊足⻋车⻑長⻓长⻔门⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻬齐⻮齿⻰龙⻳龟⼾户']
    .flatMap((ch, i, all) => (i % 2 === 0 ? [[ch, all[i + 1]!] as const] : [])),
);

/** Radical code points used for ideographs → the ideographs. */
export function unifyRadicals(text: string): string {
  return text.replace(/[\u2e80-\u2fdf]/gu, (ch) => RADICALS.get(ch) ?? ch.normalize('NFKC'));
}

/**
 * Collapses white space and removes it next to CJK characters: PDF writers put gaps between CJK and
 * Latin runs (`81 条`) and letter-spaced titles come out as `年 度 报 告`.
 */
export function normaliseSpacing(text: string): string {
  const collapsed = unifyRadicals(text)
    .replace(/[\s\u00a0\u3000]+/gu, ' ')
    .trim();
  let out = '';
  for (let i = 0; i < collapsed.length; i++) {
    const ch = collapsed[i]!;
    if (ch === ' ' && (isCjk(out.at(-1)) || isCjk(collapsed[i + 1]))) continue;
    out += ch;
  }
  return out;
}

export interface Line {
  text: string;
  box: Box;
  size: number;
  /** Indices of the items of the line in the page's item list. */
  items: number[];
}

function centreY(item: TextItem): number {
  return (item.box[1] + item.box[3]) / 2;
}

/** Items (by index) grouped into lines, top to bottom, each left to right. */
export function groupLines(items: TextItem[], indices: number[]): Line[] {
  const order = [...indices].sort((a, b) => centreY(items[b]!) - centreY(items[a]!));
  const groups: { y: number; size: number; members: number[] }[] = [];
  for (const index of order) {
    const item = items[index]!;
    const y = centreY(item);
    // Vertical runs never share a line with anything.
    const group = item.vertical ? undefined : groups.find((g) => Math.abs(g.y - y) <= Math.min(g.size, item.size) * 0.5 && !items[g.members[0]!]!.vertical);
    if (group) group.members.push(index);
    else groups.push({ y, size: item.size, members: [index] });
  }
  return groups
    .map((g) => {
      const members = g.members.sort((a, b) => items[a]!.box[0] - items[b]!.box[0]);
      const parts = members.map((i) => items[i]!);
      return {
        text: joinLine(parts),
        box: boundingBox(parts.map((p) => p.box)),
        size: Math.max(...parts.map((p) => p.size)),
        items: members,
      };
    })
    .filter((line) => line.text !== '')
    .sort((a, b) => b.box[3] - a.box[3] || a.box[0] - b.box[0]);
}

export function boundingBox(boxes: Box[]): Box {
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

/** Items on one line, left to right: a visible gap becomes a space (removed again next to CJK). */
function joinLine(parts: TextItem[]): string {
  let out = '';
  let prev: TextItem | undefined;
  for (const part of parts) {
    if (prev && part.box[0] - prev.box[2] > Math.min(prev.size, part.size) * 0.25) out += ' ';
    out += part.str;
    prev = part;
  }
  return normaliseSpacing(out);
}

/** The text of a table cell: its lines joined, with no break inside CJK words (自然/人 → 自然人). */
export function joinFragments(parts: TextItem[]): string {
  if (!parts.length) return '';
  const lines = groupLines(parts, parts.map((_, i) => i));
  let out = '';
  for (const line of lines) {
    // A number wrapped in a narrow cell (4/0 → 40) joins without a space; Latin words get one.
    if (out && !isCjk(out.at(-1)) && !isCjk(line.text[0]) && !(/\d$/u.test(out) && /^\d/u.test(line.text))) out += ' ';
    out += line.text;
  }
  return normaliseSpacing(out);
}

const PAGE_NUMBER = [
  /^[-－—–_\s]*\d{1,4}[-－—–_\s]*$/u,
  /^第\d{1,4}页(?:[,，/]?共\d{1,4}页)?$/u,
  /^(?:共\d{1,4}页)?第\d{1,4}页$/u,
  /^\d{1,4}\/\d{1,4}$/u,
  /^page\d{1,4}(?:of\d{1,4})?$/iu,
];

/** A line that is only a page number (`-4-`, `第 4 页`, `4/5`, `— 4 —`). */
export function isPageNumber(text: string): boolean {
  const compact = text.replace(/\s+/gu, '');
  return PAGE_NUMBER.some((re) => re.test(compact));
}

const SENTENCE_END = /[。！？；：!?;:]$/u;
const HEADING_1 = /^[一二三四五六七八九十]{1,3}[、.．]\s*\S/u;
const HEADING_2 = /^[（(][一二三四五六七八九十]{1,3}[）)]\s*\S/u;

/** Depth of a section heading (一、… → 1, （一）… → 2), or 0 for ordinary text. */
export function headingDepth(text: string): number {
  if (HEADING_1.test(text) && text.length <= 40 && !/[。；，]/u.test(text)) return 1;
  if (HEADING_2.test(text) && text.length <= 24 && !/[；，]/u.test(text) && !/。./u.test(text)) return 2;
  return 0;
}

export interface LayoutMetrics {
  left: number;
  right: number;
  bodySize: number;
}

/** The body text's left and right margins and font size, from the lines of all pages. */
export function layoutMetrics(lines: Line[]): LayoutMetrics {
  const bySize = new Map<number, number>();
  for (const line of lines) bySize.set(Math.round(line.size), (bySize.get(Math.round(line.size)) ?? 0) + line.text.length);
  const bodySize = [...bySize.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 12;
  const body = lines.filter((l) => Math.abs(l.size - bodySize) <= 1 && l.text.length >= 8);
  const lefts = new Map<number, number>();
  for (const line of body) lefts.set(Math.round(line.box[0]), (lefts.get(Math.round(line.box[0])) ?? 0) + 1);
  const left = [...lefts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 72;
  const rights = body.map((l) => l.box[2]).sort((a, b) => a - b);
  const right = rights[Math.floor(rights.length * 0.9)] ?? 520;
  return { left, right, bodySize };
}

/** Does `next` continue the paragraph that `prev` ends (a line broken at the right margin)? */
export function continues(prev: Line, next: Line, metrics: LayoutMetrics): boolean {
  if (Math.abs(prev.size - next.size) > 1) return false;
  if (headingDepth(next.text) > 0) return false;
  if (headingDepth(prev.text) > 0 && !(prev.box[2] >= metrics.right - prev.size * 1.5)) return false;
  const reachesRight = prev.box[2] >= metrics.right - prev.size * 1.5;
  const indented = next.box[0] > metrics.left + next.size * 1.2;
  if (reachesRight && !indented) return true;
  // A centred title over two lines (larger than the body font).
  const big = prev.size >= metrics.bodySize * 1.15;
  if (big && !SENTENCE_END.test(prev.text) && prev.box[1] - next.box[3] < prev.size * 1.2) return true;
  return false;
}
