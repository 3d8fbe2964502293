import type { Rule } from '../types.js';

/** Two section headings carry the same number (e.g. two 一、), a sign of a pasted or converted report. */
export const sectionDuplicateNumber: Rule = {
  id: 'section/duplicate-number',
  severity: 'warning',
  kind: 'fail',
  description: 'Two section headings carry the same number (e.g. two headings numbered 一).',
  check(doc, ctx) {
    const seen = new Map<number, (typeof doc.sections)[number]>();
    const ordered = doc.sections.filter((s) => s.present && s.writtenNumber !== null).sort((a, b) => a.headingIndex - b.headingIndex);
    for (const section of ordered) {
      const first = seen.get(section.writtenNumber!);
      if (!first) {
        seen.set(section.writtenNumber!, section);
        continue;
      }
      ctx.report({
        message: `章节编号重复：“${first.heading}”与“${section.heading}”都编为“${section.number}”`,
        source: section.source ?? { file: doc.file },
        related: first.source ? [{ message: `“${first.heading}”`, source: first.source }] : undefined,
      });
    }
  },
};
