import type { Rule } from './types.js';
import { metaLate } from './meta/late.js';
import { metaPeriod } from './meta/period.js';
import { metaSignedEarly } from './meta/signed-early.js';

/** Rules of the `meta/*` family, one file each under ./meta/. */
export const metaRules: Rule[] = [metaLate, metaPeriod, metaSignedEarly];
