import type { Rule } from './types.js';

/** Rules of the `t3/*` family, one file each under ./t3/. */
export const t3Rules: Rule[] = [];
