import type { Source } from '../model.js';

/** `12:5`, `第3页`, `表3 第5行第2列` — the parts of a source a person looks for. */
export function placeText(source: Source): string {
  const parts: string[] = [];
  if (source.line) parts.push(`${source.line}:${source.column ?? 1}`);
  if (source.page) parts.push(`第${source.page}页`);
  if (source.table) parts.push(source.row && source.col ? `表${source.table}(${source.row},${source.col})` : `表${source.table}`);
  return parts.join(' ') || '-';
}

/** Display width: CJK and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    width += (code >= 0x1100 && (code <= 0x115f || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x20000 && code <= 0x3fffd))) ? 2 : 1;
  }
  return width;
}

export const padEnd = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
export const padStart = (text: string, width: number): string => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
