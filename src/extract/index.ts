import type { Facts, Figure, Root, Source, TableId, TableMatch, TableProblem } from '../model.js';
import { sourceOf } from '../util/source.js';
import { nameUnreadRows } from './tables/coverage.js';
import type { Segmented } from '../segment/index.js';
import { extractFigures } from './prose/index.js';
import { extractTables } from './tables/index.js';
import { TEMPLATES } from '../templates/index.js';
import { extractTextRunTables, type TextRunProblem } from './text-runs/index.js';

export interface Extracted {
  facts: Facts;
  figures: Figure[];
  tables: TableMatch[];
}

/** `t2.normative_docs.made` → `t2.normative_docs`: the row a cell key belongs to. */
const rowOf = (key: string): string => key.slice(0, key.lastIndexOf('.'));

const asProblem = (p: TextRunProblem): TableProblem => ({
  ...(p.key ? { key: p.key } : {}),
  message: p.message,
  source: p.source,
  ...(p.candidates ? { candidates: p.candidates } : {}),
  ...(p.rule ? { rule: p.rule } : {}),
});

/** Tables → facts by label; prose → figures. */
export function extract(tree: Root, segmented: Segmented): Extracted {
  const { facts, tables } = extractTables(tree);
  // Tables with no real TableNode may still be in the text as run-together digits (crawler copies);
  // a real table may have lost whole rows to the text (garbled conversions print `行政许可 97` as a line).
  const absent = (['t2', 't3', 't4'] as TableId[]).filter((id) => !tables.some((t) => t.id === id));
  const partial = tables.filter((t) => t.nodeIndex >= 0 && t.missing.length > 0);
  if (absent.length || partial.length) {
    const runs = extractTextRunTables(tree, TEMPLATES, { tables: [...absent, ...partial.map((t) => t.id)] });
    for (const match of runs.tables) {
      const mine = runs.problems.filter((p) => p.key === `${match.id}.*` || p.key?.startsWith(`${match.id}.`));
      if (absent.includes(match.id)) {
        // Every problem becomes a review finding (table/unreadable); the notes keep the short story.
        tables.push(mine.length ? { ...match, notes: [...(match.notes ?? []), ...mine.map((p) => p.message)], problems: mine.map(asProblem) } : match);
        for (const key of match.keys) if (runs.facts[key] && !(key in facts)) facts[key] = runs.facts[key]!;
        continue;
      }
      const real = partial.find((t) => t.id === match.id);
      if (!real) continue;
      // Only rows the real table did not give at all, and only cells the text gives for certain.
      const missingRows = new Set(real.missing.map(rowOf).filter((row) => !Object.keys(facts).some((k) => rowOf(k) === row)));
      const taken = match.keys.filter((key) => missingRows.has(rowOf(key)) && runs.facts[key] && !(key in facts));
      for (const key of taken) facts[key] = runs.facts[key]!;
      const problems = mine.filter((p) => p.key && missingRows.has(p.key) && !taken.some((key) => rowOf(key) === p.key));
      if (!taken.length && !problems.length) continue;
      const keys = [...real.keys, ...taken];
      const missing = real.missing.filter((key) => !taken.includes(key));
      const index = tables.indexOf(real);
      tables[index] = {
        ...real,
        keys,
        missing,
        confidence: Math.max(real.confidence, Math.round((100 * keys.length) / Math.max(keys.length + missing.length, 1)) / 100),
        notes: [...(real.notes ?? []), ...(taken.length ? [`${taken.length} 个单元格在表格外的文字行中读取`] : []), ...problems.map((p) => p.message)],
        ...(problems.length || real.problems ? { problems: [...(real.problems ?? []), ...problems.map(asProblem)] } : {}),
      };
    }
  }
  // Every template row is read or named in a problem (table/unreadable), whichever reader read the table.
  const covered = tables.map((match) => nameUnreadRows(match, facts, tableSource(tree, match, facts)));
  return { facts, figures: extractFigures(tree, segmented), tables: covered };
}

/** Where a matched table is: its node, or (text runs) its first cell read. */
function tableSource(tree: Root, match: TableMatch, facts: Facts): Source {
  const node = tree.children[match.nodeIndex];
  if (node) return { ...sourceOf(tree, node), table: match.tableIndex };
  const first = match.keys.map((key) => facts[key]).find((fact) => fact !== undefined);
  if (!first) return { file: tree.data.file, table: match.tableIndex };
  const { row: _row, col: _col, ...source } = first.source;
  return source;
}
