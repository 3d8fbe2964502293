import type { Facts, Figure, Root, TableId, TableMatch } from '../model.js';
import type { Segmented } from '../segment/index.js';
import { extractFigures } from './prose.js';
import { extractTables } from './tables.js';
import { TEMPLATES } from './templates/index.js';
import { extractTextRunTables } from './text-runs.js';

export interface Extracted {
  facts: Facts;
  figures: Figure[];
  tables: TableMatch[];
}

/** Tables → facts by label; prose → figures. */
export function extract(tree: Root, segmented: Segmented): Extracted {
  const { facts, tables } = extractTables(tree);
  // Tables with no real TableNode may still be in the text as run-together digits (crawler copies).
  const absent = (['t2', 't3', 't4'] as TableId[]).filter((id) => !tables.some((t) => t.id === id));
  if (absent.length) {
    const runs = extractTextRunTables(tree, TEMPLATES, { tables: absent });
    for (const match of runs.tables) {
      if (!absent.includes(match.id)) continue;
      const mine = runs.problems.filter((p) => p.key?.startsWith(`${match.id}.`)).map((p) => p.message);
      tables.push(mine.length ? { ...match, notes: [...(match.notes ?? []), ...mine] } : match);
      for (const key of match.keys) if (runs.facts[key] && !(key in facts)) facts[key] = runs.facts[key]!;
    }
  }
  return { facts, figures: extractFigures(tree, segmented), tables };
}
