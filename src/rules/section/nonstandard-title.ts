import type { Rule } from '../types.js';
import { SECTION_NAMES } from './util.js';

/** Number and title as written, without white space or a trailing colon. */
const squash = (text: string): string => text.replace(/[\s\u3000#*]/g, '').replace(/[：:。]$/, '');

/**
 * A section found under a title that is not the format's: reworded (`一、年度工作核心成效`), extended
 * (`六、需要说明的其他事项与附表`), split in two (`五、当前存在的突出问题` + `六、下一步改进举措`) or written
 * without its 、 (`一总体情况`). The section counts as present (no `section/missing`); the reader is
 * told the title differs. Only for reports in a national format (2019 on).
 */
export const sectionNonstandardTitle: Rule = {
  id: 'section/nonstandard-title',
  severity: 'warning',
  kind: 'fail',
  description: 'A section is present under a title other than the one the format gives (reworded, extended, split in two, or without its 、).',
  check(doc, ctx) {
    const year = doc.meta.year;
    const national = doc.template === '2019' || doc.template === '2021' || (doc.template === 'unknown' && year !== null && year >= 2019);
    if (!national) return;
    for (const section of doc.sections) {
      if (!section.present || !section.variant || section.heading === null || !section.source) continue;
      const standard = SECTION_NAMES[section.id];
      // `variant` is unset for the 2019 trial format's own title of 五 (segment/sections.ts).
      const title = squash(section.heading).replace(/^(第[一二三四五六七八九十]{1,2}部分|[一二三四五六七八九十]{1,2}[、．.，,]?)/, '');
      let message: string;
      if (section.continuation) {
        message = `“${section.heading}”与“${section.continuation.heading}”两个标题合起来是格式规定的“${standard}”部分（按同一部分核查）；格式要求以“${standard}”一个标题列出`;
      } else if (section.inferred) {
        message = `“${section.heading}”的标题不是格式规定的标题，按其编号和位置视为“${standard}”部分；请使用格式规定的标题`;
      } else if (squash(standard).slice(2) === title) {
        message = `“${section.heading}”的编号后缺少“、”，格式规定的标题为“${standard}”`;
      } else {
        message = `“${section.heading}”不是格式规定的标题“${standard}”（按同一部分核查）`;
      }
      ctx.report({
        message,
        source: section.source,
        // A title taken from its place alone may be our misreading: say so.
        kind: section.inferred ? 'review' : undefined,
        expected: standard,
        actual: section.heading,
        related: section.continuation ? [{ message: `“${section.continuation.heading}”`, source: section.continuation.source }] : undefined,
      });
    }
  },
};
