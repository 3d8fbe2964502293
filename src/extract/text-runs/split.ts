/**
 * Splitting run-together table digits (`3000003` → 3,0,0,0,0,0,3) into cells.
 * Pure functions: no tree, no templates. A split never invents digits: every candidate
 * uses each character of the run exactly once, in order.
 */

export type CellType = 'int' | 'signed_int' | 'decimal' | 'money';

/** A whitespace-free piece of a run; whitespace is always a cell boundary. */
export interface Token {
  text: string;
  /** Index of the token's first character in the searched text. */
  start: number;
}

export interface Piece {
  raw: string;
  value: number;
  /** Index of the piece's first character in the searched text. */
  start: number;
}

export interface SplitResult {
  candidates: Piece[][];
  /** True when enumeration stopped at the limit (then the candidate list is not complete). */
  truncated: boolean;
}

const VALID: Record<CellType, RegExp> = {
  // No leading zeros except a lone '0': tables never print 05.
  int: /^(?:0|[1-9]\d*)$/,
  signed_int: /^(?:0|[-+]?[1-9]\d*)$/,
  decimal: /^(?:0|[1-9]\d*)(?:\.\d+)?$/,
  money: /^(?:0|[1-9]\d*)(?:\.\d+)?(?:元|万元)?$/,
};

/**
 * Longest decimal or money cell (digits, point and unit). Past this a double no longer holds the number
 * anyway; without a cap a long digit run would be cut at every length (its length squared, or worse).
 */
const WIDE_MAX = 24;

/** Tokens of a run: maximal non-whitespace stretches with their positions. */
export function tokenize(text: string, base = 0): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/\S+/g)) tokens.push({ text: match[0], start: base + match.index });
  return tokens;
}

function valueOf(raw: string): number {
  return Number(raw.replace(/万?元$/, ''));
}

/**
 * Every way to cut `tokens` into exactly `types.length` cells, each valid for its column type and at most
 * `maxLen` characters long (decimal and money cells: WIDE_MAX). Cells never span a whitespace gap.
 */
export function splitRun(tokens: Token[], types: CellType[], maxLen = 8, limit = 20000): SplitResult {
  const n = types.length;
  const candidates: Piece[][] = [];
  let truncated = false;
  const total = tokens.reduce((sum, token) => sum + token.text.length, 0);
  if (tokens.length > n || total < n) return { candidates, truncated };
  const current: Piece[] = [];
  // Characters left from token i onward, to prune branches that cannot fill (or cannot hold) the remaining cells.
  const after = tokens.map((_, i) => tokens.slice(i).reduce((acc, token) => acc + token.text.length, 0));
  const bounded = types.every((type) => type === 'int' || type === 'signed_int');
  const walk = (tokenIndex: number, pos: number): void => {
    if (truncated) return;
    const cell = current.length;
    const left = tokenIndex < tokens.length ? after[tokenIndex]! - pos : 0;
    if (left < n - cell || (bounded ? left > (n - cell) * (maxLen + 1) : left > (n - cell) * Math.max(maxLen, WIDE_MAX))) return;
    if (tokenIndex === tokens.length) {
      if (cell === n) candidates.push(current.slice());
      return;
    }
    if (cell === n) return;
    const token = tokens[tokenIndex]!;
    const type = types[cell]!;
    const rest = token.text.length - pos;
    for (let len = 1; len <= Math.min(rest, type === 'money' || type === 'decimal' ? WIDE_MAX : maxLen); len++) {
      const raw = token.text.slice(pos, pos + len);
      if (!VALID[type].test(raw)) continue;
      current.push({ raw, value: valueOf(raw), start: token.start + pos });
      if (pos + len === token.text.length) walk(tokenIndex + 1, 0);
      else walk(tokenIndex, pos + len);
      current.pop();
      if (candidates.length >= limit) {
        truncated = true;
        return;
      }
    }
  };
  walk(0, 0);
  return { candidates, truncated };
}

/** The values of a candidate, for problem reports. */
export const valuesOf = (pieces: Piece[]): number[] => pieces.map((piece) => piece.value);

/** Sum of the values. */
export const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
