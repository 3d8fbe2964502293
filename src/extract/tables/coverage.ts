/**
 * No template row is lost silently: after every reader has run, each row of a matched table (a block of
 * table 四) is either read — at least one of its cells — or named in a problem that says why not, and
 * so is each column no row gave a cell for. One pass for the grid readers and the text-run reader, so
 * an HTML page and its text copy name the same rows in the same words.
 */
import type { Facts, Source, TableMatch, TableProblem } from '../../model.js';
import { TEMPLATES } from '../../templates/index.js';
import type { TemplateColumn } from '../../templates/types.js';
import { variantScore } from './labels.js';

const NAME = { t2: '表二', t3: '表三', t4: '表四' } as const;

/** A template row of one table, with the columns its cells are in. */
interface TemplateLine {
  key: string;
  /** As the message names it: with its group for table 三 leaves (（三）不予公开 2.…). */
  label: string;
  /** The row's own label, as the table prints it next to the cells. */
  own: string;
  columns: TemplateColumn[];
}

/** The rows of a matched table's template, keyed like the problems (`t3.<row>`, `t4.<block>`). */
export function templateLines(match: Pick<TableMatch, 'id' | 'template'>): TemplateLine[] {
  const tpl = TEMPLATES[match.template];
  if (match.id === 't2') {
    return tpl.t2.blocks.flatMap((block) => block.rows.map((row) => ({ key: `t2.${row.key}`, label: row.label, own: row.label, columns: block.columns })));
  }
  if (match.id === 't3') {
    return tpl.t3.rows.map((row) => {
      const group = tpl.t3.groups.find((g) => g.key === row.group);
      return { key: `t3.${row.key}`, label: group ? `${group.label} ${row.label}` : row.label, own: row.label, columns: tpl.t3.columns };
    });
  }
  return tpl.t4.blocks.map((block) => ({
    key: `t4.${block.key}`,
    label: block.parent ? `${block.parent}（${block.label}）` : block.label,
    own: block.label,
    columns: tpl.t4.columns,
  }));
}

/** The unmatched label nearest to `label` (item numbers must agree), with how near it is. */
function nearest(label: string, unmatched: TableMatch['unmatched']): { text: string; source: Source; score: number } | null {
  let best: { text: string; source: Source; score: number } | null = null;
  for (const candidate of unmatched ?? []) {
    const score = variantScore(candidate.text, label);
    if (score > 0 && (!best || score > best.score)) best = { ...candidate, score };
  }
  return best;
}

/**
 * `match` with a problem for every template row it did not read and no reader named, and for every
 * column no read row has a cell in. `source` is where the table is (its first cell, or the run's start).
 */
export function nameUnreadRows(match: TableMatch, facts: Facts, source: Source): TableMatch {
  const problems: TableProblem[] = [...(match.problems ?? [])];
  // A problem for the whole table (`t4.*`: the run could not be split) already names every row.
  if (problems.some((p) => p.key === `${match.id}.*`)) return match;
  const named = new Set(problems.map((p) => p.key));
  const keys = Object.keys(facts).filter((k) => k.startsWith(`${match.id}.`));
  const lines = templateLines(match);
  const read = lines.filter((line) => keys.some((k) => k.startsWith(`${line.key}.`)));
  const added: TableProblem[] = [];
  for (const line of lines) {
    if (read.includes(line) || named.has(line.key)) continue;
    const near = nearest(line.own, match.unmatched);
    const unit = match.id === 't4' ? '栏' : '行';
    added.push({
      key: line.key,
      message: !near
        ? `${NAME[match.id]}“${line.label}”一${unit}未找到（报告可能漏列此${unit}），未读取本${unit}。`
        : near.score >= 0.4
          ? `${NAME[match.id]}“${line.label}”一${unit}未读取：表中最接近的标签“${near.text}”与模板措辞相差太大，无法确定是否即为此${unit}。`
          : `${NAME[match.id]}“${line.label}”一${unit}未读取：表中没有与之相符的标签，最接近的标签“${near.text}”未能对应到模板的任何一${unit}。`,
      source: near?.source ?? source,
    });
  }
  // Columns: one problem per column that no read row has a cell in (a header we did not recognise).
  if (match.id !== 't2' && read.length > 0) {
    for (const column of lines[0]!.columns) {
      const key = `${match.id}.*.${column.key}`;
      if (named.has(key) || read.some((line) => `${line.key}.${column.key}` in facts)) continue;
      added.push({ key, message: `${NAME[match.id]}“${column.label}”一列未读取（未识别到该列的表头），本列各单元格未作检查。`, source });
    }
  }
  if (!added.length) return match;
  return { ...match, problems: [...problems, ...added] };
}
