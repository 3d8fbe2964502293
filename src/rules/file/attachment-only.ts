import { reportInAttachment } from '../../segment/attachments.js';
import type { AuditDocument, Rule } from '../types.js';

/** How many links the message names (all of them are in `related`). */
const NAMED = 3;

/**
 * `file/attachment-only`: the page holds only a title and a link to the report (a .doc, .pdf or .xls
 * attachment). Nothing of the report can be checked here; one finding names the linked files,
 * instead of six missing sections and three missing tables.
 */
export const attachmentOnly: Rule = {
  id: 'file/attachment-only',
  severity: 'warning',
  kind: 'review',
  description: 'The page holds no report body, only links to attachments (.doc, .docx, .pdf, .xls …) that may hold the report.',
  check(doc, ctx) {
    // Run on a bare tree too (file rules may be run before segmentation): no sections then.
    const links = reportInAttachment(doc.tree, doc.sections ?? []);
    if (!links) return;
    const names = links.slice(0, NAMED).map((l) => (l.url && l.url !== l.text ? `“${l.text}”（${l.url}）` : `“${l.text}”`));
    const more = links.length > NAMED ? ` 等 ${links.length} 个文件` : '';
    const what = doc.format === 'html' ? '页面只有标题和附件链接' : '文本只列出附件';
    ctx.report({
      message: `${what}，没有报告正文，无法核查；报告可能在附件中：${names.join('、')}${more}`,
      source: links[0]!.source,
      hint: '请下载附件，对附件中的报告单独审核',
      related: links.map((l) => ({ message: `附件 ${l.text}${l.url ? `（${l.url}）` : l.href !== l.text ? `（${l.href}）` : ''}`, source: l.source })),
    });
  },
};

/** True when the report is only in attachments: the other rules (sections, tables …) stay silent. */
export function onlyAttachments(doc: Pick<AuditDocument, 'tree' | 'sections'>): boolean {
  return reportInAttachment(doc.tree, doc.sections ?? []) !== null;
}
