import type { Rule } from './types.js';

/** Rules of the `meta/*` family, one file each under ./meta/. */
export const metaRules: Rule[] = [];
