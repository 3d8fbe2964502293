import type { Rule } from '../types.js';
import { SECTION_NAMES } from './util.js';

/** Sections 一 and 五 are prose the format requires; 二–四 hold tables (table rules judge them), 六 may say 无. */
export const sectionEmpty: Rule = {
  id: 'section/empty',
  severity: 'warning',
  kind: 'fail',
  description: 'Section 一 (总体情况) or 五 (存在的主要问题及改进情况) has a heading but no content.',
  check(doc, ctx) {
    for (const section of doc.sections) {
      if (section.id !== 'overview' && section.id !== 'problems') continue;
      if (!section.present || !section.empty || !section.source) continue;
      ctx.report({ message: `“${section.heading ?? SECTION_NAMES[section.id]}”部分没有内容`, source: section.source });
    }
  },
};
