import type { Rule } from './types.js';

/** Rules of the `file/*` family, one file each under ./file/. */
export const fileRules: Rule[] = [];
