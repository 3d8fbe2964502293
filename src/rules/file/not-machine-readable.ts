import type { Rule } from '../types.js';

/**
 * `file/not-machine-readable`: the file (or a page of it) has no text layer — a scan or a picture.
 * Ingest records the problem in `root.data.problems`; this rule turns it into a finding, so the
 * user hears "we cannot read this" instead of six missing sections.
 */
export const notMachineReadable: Rule = {
  id: 'file/not-machine-readable',
  severity: 'warning',
  kind: 'review',
  description: 'The file or one of its pages has no extractable text (a scan or an image); its content cannot be checked.',
  check(doc, ctx) {
    for (const problem of doc.tree.data.problems ?? []) {
      if (problem.ruleId !== this.id) continue;
      ctx.report({
        message: problem.message,
        source: problem.source ?? { file: doc.file },
        hint: '请发布带文字层的 PDF 或 HTML 版本（可复制文字），表格不要以图片形式发布',
      });
    }
  },
};

/** True when the whole document could not be read (no text, or a format not read): section and table rules should stay silent. */
export function unreadable(doc: { tree: { children: unknown[]; data: { problems?: { ruleId: string }[] } } }): boolean {
  return doc.tree.children.length === 0 && (doc.tree.data.problems ?? []).some((p) => p.ruleId === 'file/not-machine-readable' || p.ruleId === 'file/unsupported-format');
}
