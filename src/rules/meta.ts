import type { Rule } from './types.js';
import { metaLate } from './meta/late.js';
import { metaPeriod } from './meta/period.js';

/** Rules of the `meta/*` family, one file each under ./meta/. */
export const metaRules: Rule[] = [metaLate, metaPeriod];
