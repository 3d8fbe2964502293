import { t3Balance } from './t3/balance.js';
import { t3ResultsSum } from './t3/results-sum.js';
import { t3RowTotal } from './t3/row-total.js';
import type { Rule } from './types.js';

/** Rules of the `t3/*` family, one file each under ./t3/. */
export const t3Rules: Rule[] = [t3Balance, t3ResultsSum, t3RowTotal];
