import { tableCellInvalid } from './table/cell-invalid.js';
import { tableMissing } from './table/missing.js';
import { tableTotalOmitted } from './table/total-omitted.js';
import { tableUnreadable } from './table/unreadable.js';
import type { Rule } from './types.js';

/** Rules of the `table/*` family, one file each under ./table/. */
export const tableRules: Rule[] = [tableMissing, tableUnreadable, tableCellInvalid, tableTotalOmitted];
