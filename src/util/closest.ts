import { createRequire } from 'node:module';

// Loaded with the first unknown word (a typo): never on a run without one.
const requireHere = createRequire(import.meta.url);
let levenshtein: typeof import('fastest-levenshtein') | undefined;
const distance = (a: string, b: string): number =>
  (levenshtein ??= requireHere('fastest-levenshtein') as typeof import('fastest-levenshtein')).distance(a, b);

/**
 * The known word nearest to `word` by edit distance (fastest-levenshtein), or undefined when none is
 * near enough to be a likely typo: at most 3 edits and at most half the word's length, or a known word
 * that starts with it (`warn` → `warning`).
 */
export function closest(word: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const candidate of known) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) { best = candidate; bestDistance = d; }
  }
  if (best === undefined) return undefined;
  const limit = Math.min(3, Math.max(1, Math.ceil(word.length / 2)));
  if (bestDistance <= limit) return best;
  if (lower.length < 2) return undefined;
  for (const candidate of known) if (candidate.toLowerCase().startsWith(lower)) return candidate;
  return undefined;
}

/** `；是否应为 xyz？(did you mean xyz?)` when a near word exists, else ''. */
export function didYouMean(word: string, known: Iterable<string>): string {
  const near = closest(word, known);
  return near ? `；是否应为 ${near}？(did you mean ${near}?)` : '';
}
