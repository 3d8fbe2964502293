/** Tolerant label patterns for text where table labels and digits run together. */

const CHAR_CLASS: Record<string, string> = {
  '（': '[（(]',
  '(': '[（(]',
  '）': '[）)]',
  ')': '[）)]',
  '“': '[“”"「]',
  '”': '[”“"」]',
  '.': '[.．、]',
  '、': '[、.．]',
  '，': '[，,]',
  ',': '[，,]',
  '：': '[：:]',
  ':': '[：:]',
  '/': '[/／]',
};

const escape = (ch: string): string => CHAR_CLASS[ch] ?? ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** Regex source for a label: full/half-width punctuation alike, any whitespace between characters (scrapes split words). */
export function labelSource(label: string): string {
  return [...label.replace(/\s+/g, '')].map(escape).join('\\s*');
}

/**
 * Longest label (in UTF-16 units, whitespace removed) behind each pattern source made by labelRegex. Every
 * label character matches one non-whitespace unit, so a match holds at most this many non-whitespace units:
 * that bounds how far past a window's end a search has to look.
 */
const labelWidth = new Map<string, number>();
/** Pattern sources by label list: the same rows are searched from every anchor of a long text. */
const sources = new Map<string, string>();

/** One regex for a label and its aliases, longest first so a short alias never leaves the rest of the label behind. */
export function labelRegex(labels: string[], flags = 'g'): RegExp {
  const unique = [...new Set(labels.map((label) => label.replace(/\s+/g, '')))].sort((a, b) => b.length - a.length);
  const key = unique.join('\u0000');
  let source = sources.get(key);
  if (source === undefined) {
    source = unique.map(labelSource).join('|');
    if (sources.size >= 1000) {
      sources.clear();
      labelWidth.clear();
    }
    sources.set(key, source);
    labelWidth.set(source, Math.max(0, ...unique.map((label) => label.length)));
  }
  return new RegExp(source, flags);
}

export interface Hit {
  start: number;
  end: number;
}

/** Global regexes for searching, by source: the caller's regex (and its lastIndex) is never used. */
const globals = new Map<string, RegExp>();

function globalOf(re: RegExp): RegExp {
  let global = globals.get(re.source);
  if (!global) {
    if (globals.size >= 1000) globals.clear();
    global = new RegExp(re.source, 'g');
    globals.set(re.source, global);
  }
  return global;
}

const reach = new Map<number, RegExp>();

/** Index just after the `count`-th non-whitespace unit at or after `at` (or the text's end). */
function afterNonSpace(text: string, at: number, count: number): number {
  let re = reach.get(count);
  if (!re) {
    re = new RegExp(`(?:\\s*\\S){1,${count}}`, 'y');
    reach.set(count, re);
  }
  re.lastIndex = at;
  const match = re.exec(text);
  return match ? at + match[0].length : at;
}

/**
 * First match of `re` in text[from, to): the first match at or after `from`, or null when that match ends
 * after `to`. For a labelRegex the search stops a label's width past `to` (a window never costs the whole
 * text); the result is the same as an unbounded search, because the pattern has no look-ahead and reads
 * at most width + 1 non-whitespace units from where a match starts.
 */
export function findIn(re: RegExp, text: string, from: number, to = text.length): Hit | null {
  const global = globalOf(re);
  const width = labelWidth.get(re.source);
  let haystack = text;
  if (width !== undefined && to < text.length) {
    if (from >= to) return null;
    haystack = text.slice(0, afterNonSpace(text, to, width + 1));
  }
  global.lastIndex = from;
  const match = global.exec(haystack);
  if (!match || match.index + match[0].length > to) return null;
  return { start: match.index, end: match.index + match[0].length };
}

/** All matches of `re` in text. */
export function findAll(re: RegExp, text: string): Hit[] {
  const global = globalOf(re);
  global.lastIndex = 0;
  return [...text.matchAll(global)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}
