import type { Rule } from '../types.js';
import { CHINESE_NUMBERS, SECTION_NAMES } from './util.js';

/** The six sections are expected in the format's order 一 … 六. One finding per report. */
export const sectionOrder: Rule = {
  id: 'section/order',
  severity: 'warning',
  kind: 'fail',
  description: 'The sections are not in the order of the format (一 总体情况 … 六 其他需要报告的事项).',
  check(doc, ctx) {
    const present = doc.sections
      .map((s, canonical) => ({ s, canonical }))
      .filter(({ s }) => s.present && s.headingIndex >= 0 && s.heading !== null)
      .sort((a, b) => a.s.headingIndex - b.s.headingIndex);
    // The first section (in the format's order) that has later sections written before it.
    for (const target of [...present].sort((a, b) => a.canonical - b.canonical)) {
      const before = present.filter((p) => p.s.headingIndex < target.s.headingIndex && p.canonical > target.canonical);
      if (!before.length) continue;
      const names = before.sort((a, b) => a.canonical - b.canonical).map((p) => CHINESE_NUMBERS[p.canonical + 1]).join('、');
      ctx.report({
        message: `章节顺序与格式不符：${names} 出现在“${SECTION_NAMES[target.s.id]}”之前`,
        source: before[0]!.s.source ?? { file: doc.file },
        expected: present.slice().sort((a, b) => a.canonical - b.canonical).map((p) => CHINESE_NUMBERS[p.canonical + 1]).join('、'),
        actual: present.map((p) => CHINESE_NUMBERS[p.canonical + 1]).join('、'),
        related: [{ message: `“${target.s.heading}”`, source: target.s.source ?? { file: doc.file } }],
      });
      return;
    }
  },
};
