import type { Rule } from './types.js';
import { sectionDuplicateNumber } from './section/duplicate-number.js';
import { sectionEmpty } from './section/empty.js';
import { sectionMissing } from './section/missing.js';
import { sectionNonstandardTitle } from './section/nonstandard-title.js';
import { sectionOrder } from './section/order.js';

/** Rules of the `section/*` family, one file each under ./section/. */
export const sectionRules: Rule[] = [sectionMissing, sectionNonstandardTitle, sectionEmpty, sectionOrder, sectionDuplicateNumber];
