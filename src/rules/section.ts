import type { Rule } from './types.js';

/** Rules of the `section/*` family, one file each under ./section/. */
export const sectionRules: Rule[] = [];
