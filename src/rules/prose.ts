import { proseBreakdownSum } from './prose/breakdown-sum.js';
import { proseTableMismatch } from './prose/table-mismatch.js';
import type { Rule } from './types.js';

/** Rules of the `prose/*` family, one file each under ./prose/. */
export const proseRules: Rule[] = [proseBreakdownSum, proseTableMismatch];
