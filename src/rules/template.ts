import type { Rule } from './types.js';
import { templateOutdated } from './template/outdated.js';

/** Rules of the `template/*` family, one file each under ./template/. */
export const templateRules: Rule[] = [templateOutdated];
