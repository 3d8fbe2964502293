import type { Rule } from './types.js';

/** Rules of the `table/*` family, one file each under ./table/. */
export const tableRules: Rule[] = [];
