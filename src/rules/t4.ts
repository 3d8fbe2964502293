import { t4BlockSum } from './t4/block-sum.js';
import type { Rule } from './types.js';

/** Rules of the `t4/*` family, one file each under ./t4/. */
export const t4Rules: Rule[] = [t4BlockSum];
