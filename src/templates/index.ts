import { templates2019 } from './2019.js';
import { templates2021 } from './2021.js';

export { templates2019 } from './2019.js';
export { templates2021 } from './2021.js';
export type * from './types.js';

export const TEMPLATES = { '2021': templates2021, '2019': templates2019 } as const;

/** Fact key of a table 三 cell: `t3.<row>.<col>`. */
export const t3Key = (row: string, col: string): string => `t3.${row}.${col}`;
/** Fact key of a table 四 cell: `t4.<block>.<col>`. */
export const t4Key = (block: string, col: string): string => `t4.${block}.${col}`;
/** Fact key of a table 二 cell: `t2.<row>.<col>`. */
export const t2Key = (row: string, col: string): string => `t2.${row}.${col}`;
