import type { Rule } from '../types.js';
import { findSignature } from '../../segment/meta.js';
import { sourceOf } from '../../util/source.js';

/**
 * A report counts a whole calendar year (条例 第四十九条/第五十条), so it cannot be signed before
 * that year is over: a 2018 report signed 2018-01-16 has the wrong date or the wrong year (often a
 * template of the year before whose date was not updated).
 */
export const metaSignedEarly: Rule = {
  id: 'meta/signed-early',
  severity: 'error',
  kind: 'fail',
  description: 'The signature date lies before the end of the report year, which is impossible for an annual report.',
  check(doc, ctx) {
    const { year, signedOn, yearSource } = doc.meta;
    // A year inferred from the signature cannot contradict it.
    if (year === null || !signedOn || yearSource === 'signature') return;
    if (Number(signedOn.slice(0, 4)) > year) return;
    const signature = findSignature(doc.tree);
    if (!signature || signature.date !== signedOn) return;
    // Only a date that closes the report is its signature, not a date in a paragraph further up.
    const tail = doc.tree.children.slice(signature.index + 1).filter((n) => n.type !== 'table' && /\p{Script=Han}/u.test(n.value));
    if (tail.length > 3) return;
    const node = doc.tree.children[signature.index]!;
    ctx.report({
      message: `落款日期 ${signedOn} 早于报告年度 ${year} 年结束，年度报告不可能在统计年度结束前成文；落款日期或报告年度有误`,
      source: sourceOf(doc.tree, node, signature.offset),
      expected: `${year + 1}-01-01 或之后`,
      actual: signedOn,
      hint: `核对落款日期是否应为 ${year + 1} 年，或报告年度是否写错`,
    });
  },
};
