/**
 * Builds TableNode grids from the fixture notation of fixtures/tables/README.md:
 * one row per line, cells split by `|`, `<` = this slot is covered by the cell on its left (colspan),
 * `^` = covered by the cell above (rowspan), `#` at the start of a line = comment, blank line = next table.
 */
import { readFileSync } from 'node:fs';
import { extractTables } from '../src/extract/tables/index.js';
import type { BlockNode, CellNode, Root, TableNode, TemplateVersion } from '../src/model.js';
import type { AuditDocument } from '../src/rules/types.js';

export function tableFromText(text: string, index = 1, origin: TableNode['data']['origin'] = 'html'): TableNode {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const raw = lines.map((l) => l.replace(/^\||\|$/g, '').split('|').map((c) => c.trim()));
  const width = Math.max(...raw.map((r) => r.length));
  const grid: CellNode[][] = [];
  raw.forEach((cells, r) => {
    const row: CellNode[] = [];
    for (let c = 0; c < width; c++) {
      const v = cells[c] ?? '';
      const cell: CellNode = { type: 'cell', value: v, data: { row: r + 1, col: c + 1, rowspan: 1, colspan: 1 }, position: { start: { line: r + 1, column: c + 1 }, end: { line: r + 1, column: c + 2 } } };
      if (v === '^' && r === 0) cell.value = ''; // a rowspan cut by a table split
      else if (v === '<' || v === '^') {
        const from = v === '<' ? row[c - 1]! : grid[r - 1]![c]!;
        const originAt = from.data.spanOf ?? [from.data.row, from.data.col];
        const originCell = grid[originAt[0] - 1]?.[originAt[1] - 1] ?? row[originAt[1] - 1]!;
        cell.value = originCell.value;
        cell.data.spanOf = originAt as [number, number];
        originCell.data.colspan = Math.max(originCell.data.colspan, c + 1 - originAt[1] + 1);
        originCell.data.rowspan = Math.max(originCell.data.rowspan, r + 1 - originAt[0] + 1);
      }
      row.push(cell);
    }
    grid.push(row);
  });
  return { type: 'table', children: grid.map((children) => ({ type: 'row', children })), data: { index, origin } };
}

/** A root with the given blocks (tables from text, strings as paragraphs). */
export function rootOf(blocks: (string | { table: string })[], file = 'fixture'): Root {
  let index = 0;
  const children: BlockNode[] = blocks.map((b) =>
    typeof b === 'string' ? { type: 'paragraph', value: b } : tableFromText(b.table, ++index),
  );
  return { type: 'root', children, data: { file, format: 'html' } };
}

/** A fixture file: tables separated by blank lines. */
export function fixtureTables(name: string): string[] {
  const text = readFileSync(new URL(`../fixtures/tables/${name}`, import.meta.url), 'utf8');
  return text.split(/\n\s*\n/).map((t) => t.trim()).filter((t) => t.split('\n').some((l) => l.trim() && !l.trim().startsWith('#')));
}

/** An AuditDocument for rule tests: the tree's tables extracted, no sections or prose. */
export function docOf(root: Root, template: TemplateVersion = '2021'): AuditDocument {
  const { facts, tables } = extractTables(root);
  return {
    file: root.data.file, format: 'html', tree: root, sections: [], template, tables, facts, figures: [],
    meta: { title: null, agency: null, year: null, period: { from: null, to: null }, signedOn: null, publishedOn: null },
    options: {},
  };
}
