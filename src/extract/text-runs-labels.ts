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

/** One regex for a label and its aliases, longest first so a short alias never leaves the rest of the label behind. */
export function labelRegex(labels: string[], flags = 'g'): RegExp {
  const unique = [...new Set(labels.map((label) => label.replace(/\s+/g, '')))].sort((a, b) => b.length - a.length);
  return new RegExp(unique.map(labelSource).join('|'), flags);
}

export interface Hit {
  start: number;
  end: number;
}

/** First match of `re` in text[from, to). */
export function findIn(re: RegExp, text: string, from: number, to = text.length): Hit | null {
  const sticky = new RegExp(re.source, 'g');
  sticky.lastIndex = from;
  const match = sticky.exec(text);
  if (!match || match.index + match[0].length > to) return null;
  return { start: match.index, end: match.index + match[0].length };
}

/** All matches of `re` in text. */
export function findAll(re: RegExp, text: string): Hit[] {
  const global = new RegExp(re.source, 'g');
  return [...text.matchAll(global)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}
