import type { Rule } from './types.js';

/** Rules of the `template/*` family, one file each under ./template/. */
export const templateRules: Rule[] = [];
