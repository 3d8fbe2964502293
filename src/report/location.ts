import stringWidth from 'string-width';
import type { Source } from '../model.js';

/** `12:5`, `第3页`, `表3 第5行第2列` — the parts of a source a person looks for. */
export function placeText(source: Source): string {
  const parts: string[] = [];
  if (source.line) parts.push(`${source.line}:${source.column ?? 1}`);
  if (source.page) parts.push(`第${source.page}页`);
  if (source.table) parts.push(source.row && source.col ? `表${source.table}(${source.row},${source.col})` : `表${source.table}`);
  return parts.join(' ') || '-';
}

/** Display width in terminal columns: CJK and full-width characters take two, combining marks none (string-width). */
export const displayWidth = (text: string): number => stringWidth(text);

export const padEnd = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
export const padStart = (text: string, width: number): string => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
