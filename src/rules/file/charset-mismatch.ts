import type { Rule } from '../types.js';

/**
 * `file/charset-mismatch`: the server's Content-Type charset contradicted the page's own
 * `<meta charset>` and could not decode it, so the page was read with its own declaration. Ingest
 * records it in `root.data.problems`; the figures are fine, the note says why they could be read.
 */
export const charsetMismatch: Rule = {
  id: 'file/charset-mismatch',
  severity: 'info',
  kind: 'review',
  description: "The HTTP charset contradicted the page's own declaration and did not decode it; the page's declaration was used.",
  check(doc, ctx) {
    for (const problem of doc.tree.data.problems ?? []) {
      if (problem.ruleId !== this.id) continue;
      ctx.report({
        message: problem.message,
        source: problem.source ?? { file: doc.file },
        hint: '请网站在 HTTP 响应头 Content-Type 中声明与网页一致的编码',
      });
    }
  },
};
