import type { Rule } from '../types.js';
import { SECTION_NAMES } from './util.js';

/** 条例 第五十条 lists what every annual report contains; the 2021 format gives it six sections. */
export const sectionMissing: Rule = {
  id: 'section/missing',
  severity: 'error',
  kind: 'fail',
  description: 'One of the six required sections (一 总体情况 … 六 其他需要报告的事项) is not in the report.',
  check(doc, ctx) {
    for (const section of doc.sections) {
      if (section.present && section.heading === null && section.source) {
        // Content without its heading (e.g. lost in a conversion): say so, less severely.
        ctx.report({
          message: `未找到“${SECTION_NAMES[section.id]}”的标题，但有相应内容`,
          source: section.source,
          severity: 'warning',
        });
      } else if (!section.present) {
        ctx.report({
          message: `缺少“${SECTION_NAMES[section.id]}”部分`,
          source: { file: doc.file },
          // Before 2019 there was no national format; the old 条例 listed similar items.
          severity: doc.template === 'pre2019' ? 'warning' : undefined,
        });
      }
    }
  },
};
