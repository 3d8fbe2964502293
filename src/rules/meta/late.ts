import type { Rule } from '../types.js';
import { agencyTypeOf } from './agency-type.js';

/**
 * 条例 第四十九条: departments publish by 1月31日, a government's overall report by 3月31日 of the
 * year after the report year. Uses the publication date when known, else the signature date.
 */
export const metaLate: Rule = {
  id: 'meta/late',
  severity: 'warning',
  kind: 'fail',
  description: 'The report is dated after the deadline (1月31日 for departments, 3月31日 for a government\'s overall report).',
  check(doc, ctx) {
    const { year, publishedOn, signedOn, agency } = doc.meta;
    if (year === null) return;
    const date = publishedOn ?? signedOn;
    if (!date) return;
    const option = doc.options.agencyType;
    const type = option && option !== 'auto' ? option : agencyTypeOf(agency);
    if (!type) return;
    // Before the 2019 条例 every organ had until 3月31日 (2007 条例 第三十一条). Local rules may set
    // other dates: the config's `deadlines` (MM-DD) arrive as this rule's settings.
    const configured = (doc.options.settings?.[this.id] as { deadlines?: Partial<Record<'department' | 'government', string>> } | undefined)
      ?.deadlines?.[type];
    const monthDay = configured ?? (type === 'department' && year >= 2019 ? '01-31' : '03-31');
    const deadline = `${year + 1}-${monthDay}`;
    if (date <= deadline) return;
    const which = publishedOn ? '发布日期' : '落款日期';
    const who = type === 'department' ? '政府部门' : '人民政府';
    ctx.report({
      message: `${which} ${date} 晚于${who}年度报告的公布期限 ${deadline}（条例第四十九条）`,
      source: { file: doc.file },
      expected: deadline,
      actual: date,
    });
  },
};
