import type { Rule } from '../types.js';

/**
 * `file/unsupported-format`: the bytes are a format we recognise but do not read (WPS `.wps`, OFD).
 * Ingest gives an empty tree with the problem in `root.data.problems`; this rule turns it into the
 * one finding for the file, naming the format, instead of an error or nine missing parts.
 */
export const unsupportedFormat: Rule = {
  id: 'file/unsupported-format',
  severity: 'warning',
  kind: 'review',
  description: 'The file is in a format that is recognised but not read (WPS .wps, OFD); its content cannot be checked.',
  check(doc, ctx) {
    for (const problem of doc.tree.data.problems ?? []) {
      if (problem.ruleId !== this.id) continue;
      ctx.report({
        message: problem.message,
        source: problem.source ?? { file: doc.file },
        hint: '请另行发布 Word（.docx/.doc）、PDF 或 HTML 版本的报告',
      });
    }
  },
};
