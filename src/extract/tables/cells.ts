/**
 * Cell semantics: what a published table cell says. Blank, zero, "not applicable" and text are
 * different things; the raw text is never rewritten, only `value` is normalised.
 */
import type { FactKind } from '../../model.js';
import { TextMemo } from '../../util/text-memo.js';

export interface CellReading {
  value: number | null;
  kind: FactKind;
  /** Unit written inside the cell (件, 元, 万元 …), when there was one. */
  unit?: string;
  /** True for a signed change written as 增N / 减N / +N / -N. */
  signed?: boolean;
}

/** Dashes and slashes used for "not applicable" (after NFKC: －→-, ／→/). */
const NA = /^(?:[-—–―‐−~～/\\]+|无|不适用|空)$/u;
const UNIT = '(?:万元|元|件|条|个|项|次|份|家|人|期|篇|场|%)';
const NUMBER = new RegExp(`^([+-]|增|减|增加|减少)?(\\d+(?:\\.\\d+)?)${UNIT}?$`, 'u');
const UNIT_OF = new RegExp(`${UNIT}$`, 'u');

/** NFKC, then drop whitespace and thousands separators; for parsing only. */
export function normaliseNumberText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/gu, '')
    .replace(/(\d)[,，、](?=\d{3}(?:\D|$))/gu, '$1')
    .replace(/。$/u, '');
}

const readings = new TextMemo<CellReading>();

/**
 * Reads one cell: kind and numeric value. Memoised per distinct text (the matchers and rules ask
 * for the same cells many times); the reading is shared and frozen.
 */
export function readCell(raw: string): CellReading {
  let reading = readings.get(raw);
  if (reading === undefined) {
    readings.set(raw, (reading = Object.freeze(readCellUncached(raw))));
  }
  return reading;
}

function readCellUncached(raw: string): CellReading {
  const text = normaliseNumberText(raw);
  if (text === '') return { value: null, kind: 'blank' };
  if (NA.test(text)) return { value: null, kind: 'na' };
  const match = NUMBER.exec(text);
  if (!match) return { value: null, kind: 'text' };
  const sign = match[1];
  let value = Number(match[2]);
  if (sign === '-' || sign === '减' || sign === '减少') value = -value;
  const reading: CellReading = { value, kind: value === 0 ? 'zero' : 'number' };
  const unit = UNIT_OF.exec(text)?.[0];
  if (unit) reading.unit = unit;
  if (sign) reading.signed = true;
  return reading;
}

/** A cell that holds data (a number, 0, a dash) rather than a label. Blank cells are neither. */
export function isDataLike(raw: string): boolean {
  const kind = readCell(raw).kind;
  return kind === 'number' || kind === 'zero' || kind === 'na';
}
