import type { Facts, Figure, Root, TableMatch } from '../model.js';
import type { Segmented } from '../segment/index.js';

export interface Extracted {
  facts: Facts;
  figures: Figure[];
  tables: TableMatch[];
}

/** Tables → facts by label; prose → figures. */
export function extract(tree: Root, segmented: Segmented): Extracted {
  void tree;
  void segmented;
  return { facts: {}, figures: [], tables: [] };
}
