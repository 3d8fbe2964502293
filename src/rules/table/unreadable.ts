import type { TableProblem } from '../../model.js';
import { sourceOf } from '../../util/source.js';
import type { Rule } from '../types.js';

/** Splits listed in one message; the message already says how many there are. */
const LISTED = 6;

/** `…未读取本行。可能的拆法：5|4|16、5|41|6、54|1|6` — the user can pick the right one from the original. */
function problemMessage(problem: TableProblem): string {
  const candidates = problem.candidates ?? [];
  if (candidates.length < 2) return problem.message;
  const shown = candidates.slice(0, LISTED).map((values) => values.join('|')).join('、');
  return `${problem.message}可能的拆法：${shown}${candidates.length > LISTED ? '…' : ''}`;
}

/** A table is there but we could not read it (image, no template match, low-confidence reading, a row we could not split). */
export const tableUnreadable: Rule = {
  id: 'table/unreadable',
  severity: 'warning',
  kind: 'review',
  description: 'A table is present but matches no template, is an image, was read with low confidence, or has rows that could not be read.',
  check(doc, ctx) {
    doc.tree.children.forEach((node) => {
      if (node.type !== 'table') return;
      const reason = node.data.image ? '表格以图片形式发布，无法读取数字' : (node.data.unreadable as string | undefined);
      if (!reason) return;
      ctx.report({ message: `第 ${node.data.index} 个表格无法读取：${reason}`, source: { ...sourceOf(doc.tree, node), table: node.data.index } });
    });
    const name = { t2: '表二', t3: '表三', t4: '表四' };
    for (const match of doc.tables) {
      const problems = match.problems ?? [];
      // One finding per row we could not read, at the row's digits.
      // (A row no split can make consistent is its identity rule's error, reported there.)
      for (const problem of problems) if (!problem.rule) ctx.report({ message: problemMessage(problem), source: problem.source });
      // A problem about the whole table already says it was not read.
      if (match.confidence >= 0.7 || problems.some((p) => p.key === `${match.id}.*`)) continue;
      const told = new Set(problems.map((p) => p.message));
      const notes = (match.notes ?? []).filter((note) => !told.has(note));
      ctx.report({
        message: `${name[match.id]}读取把握不大（可信度 ${match.confidence}）：缺少 ${match.missing.length} 个单元格${notes.length ? `；${notes.join('；')}` : ''}`,
        source: { file: doc.file, table: match.tableIndex },
      });
    }
  },
};
