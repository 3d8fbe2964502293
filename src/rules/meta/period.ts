import type { Rule } from '../types.js';
import { sourceOf } from '../../util/source.js';

/**
 * The statistical period (统计期限), the page title's year and the prose must all name the report
 * year. The prose check is conservative: only `<last year>年` directly followed by this year's
 * activity counted in 条/件 (制作、获取、主动公开、收到、受理、办结…), as in a report copied from the year before.
 */
/** True when `index` lies inside a 《…》 title: 《2023年政务公开工作要点》 names another document. */
function insideTitle(text: string, index: number): boolean {
  const open = text.lastIndexOf('《', index);
  return open !== -1 && open > text.lastIndexOf('》', index) && text.indexOf('》', index) !== -1;
}

export const metaPeriod: Rule = {
  id: 'meta/period',
  severity: 'warning',
  kind: 'fail',
  description: 'The statistical period, the page title or a prose year does not match the report year.',
  check(doc, ctx) {
    const { year, period } = doc.meta;
    if (year === null) return;
    const file = { file: doc.file };
    for (const [name, date] of [['起始日期', period.from], ['截止日期', period.to]] as const) {
      if (date && Number(date.slice(0, 4)) !== year) {
        ctx.report({ message: `统计期限的${name} ${date} 与报告年度 ${year} 不符`, source: file, expected: year, actual: date });
      }
    }
    const pageTitle = doc.tree.data.metadata?.title;
    const titleYear = pageTitle ? /(\d{4})\s*年/.exec(pageTitle) : null;
    const bodyTitle = doc.meta.title;
    const bodyYear = bodyTitle && bodyTitle !== pageTitle ? /(\d{4})\s*年/.exec(bodyTitle) : null;
    if (titleYear && bodyYear && titleYear[1] !== bodyYear[1]) {
      ctx.report({ message: `页面标题年度 ${titleYear[1]} 与正文标题年度 ${bodyYear[1]} 不符`, source: file, expected: year, actual: Number(titleYear[1]) });
    }
    // `本报告所列数据的统计期限自至。`: the template sentence published with its dates left out.
    for (const node of doc.tree.children) {
      if (node.type !== 'paragraph') continue;
      const empty = /统计(?:期限|期间|时限|时段)(?:为|是)?[ \u3000]*(?:自|从)[ \u3000]*(?:起)?[ \u3000]*(?:至|到)[ \u3000]*(?:止)?[ \u3000]*[。；;，,]/u.exec(node.value);
      if (empty) {
        ctx.report({ message: `统计期限的起止日期空缺（“${empty[0]}”），应写明 ${year}年1月1日至${year}年12月31日`, source: sourceOf(doc.tree, node, empty.index), expected: year, actual: empty[0] });
      }
    }
    const previous = String(year - 1);
    // `2023年，在主动公开的N条…`, `2023年我局共受理…N件`: last year, a few words of subject, this
    // year's activity and a count. Commas after the year are allowed, none between verb and count.
    const pattern = new RegExp(`${previous}年(?:度|全年)?[，,]?([^。；;，,\\d《》]{0,8}?)(制作、获取|制作|获取|主动公开|公开发布|发布|收到|受理|办结|新收)[^。；;，,]{0,20}?\\d+\\s*[条件]`, 'g');
    const paragraphs = doc.tree.children.filter((n) => n.type === 'paragraph');
    for (const node of paragraphs) {
      for (const m of node.value.matchAll(pattern)) {
        // 上年/去年/同比/较 mean the sentence compares with last year on purpose; 截至…年底 and 以来
        // count a stock over several years; a 《title》 or a plan (要点, 计划) is another document.
        const around = node.value.slice(Math.max(0, m.index - 30), m.index + m[0].length + 10);
        if (/上年|去年|同比|较|相比|比\d{4}|结转|决算|预算|截至|截止|以来|累计/.test(around)) continue;
        if (/报告|要点|计划|方案|意见|通知/.test(m[1]!) || insideTitle(node.value, m.index)) continue;
        ctx.report({
          message: `正文把 ${previous} 年写作本报告年度的数据（“${m[0]}”），报告年度为 ${year}`,
          source: sourceOf(doc.tree, node, m.index),
          expected: year,
          actual: year - 1,
        });
      }
    }
    // The introduction names the report it is: `现将…2023年度政府信息公开工作年度报告公布如下` in a
    // 2022 report. Only before section 一, and only with a verb that makes it this report.
    const headings = doc.sections.filter((sec) => sec.present && sec.headingIndex >= 0).map((sec) => sec.headingIndex);
    const introEnd = Math.min(headings.length ? Math.min(...headings) : 4, doc.tree.children.length);
    const intro = /(编制|完成|形成|发布|公布|编写|撰写|现将|本报告(?:为|是)?)[^。；;《》]{0,30}?(\d{4})\s*年度?[^。；;《》\d]{0,30}?报告/g;
    for (const node of doc.tree.children.slice(0, introEnd)) {
      if (node.type !== 'paragraph') continue;
      for (const m of node.value.matchAll(intro)) {
        const named = Number(m[2]);
        if (named === year || named < 2000 || insideTitle(node.value, m.index + m[0].indexOf(m[2]!))) continue;
        ctx.report({
          message: `引言称本报告为 ${named} 年度报告（“${m[0]}”），与报告年度 ${year} 不符`,
          source: sourceOf(doc.tree, node, m.index + m[0].indexOf(m[2]!)),
          expected: year,
          actual: named,
        });
      }
    }
  },
};
