import { batchRules } from '../batch/rules/index.js';
import type { FindingKind, Severity } from '../model.js';
import type { RuleId } from '../rule-ids.js';
import { ruleEntry, ruleUrl } from '../rule-url.js';
import { rules } from '../rules/index.js';

export interface RuleInfo {
  id: RuleId;
  severity: Severity;
  kind: FindingKind;
  /** Chinese name, for officers (`xxgk-audit --rules`, SARIF `shortDescription`'s companion). */
  name: string;
  description: string;
  /** The rule's entry in docs/rules.md (Markdown); the description when the entry is missing. */
  help: string;
  /** The same as plain text (SARIF `help.text`). */
  helpText: string;
  /** The entry's URL (docs/rules.md on the repository, with its anchor). */
  url: string;
}

/** Every rule's Chinese name (a missing one does not compile). */
export const RULE_NAMES: Record<RuleId, string> = {
  'batch/copied-figure': '部门照抄本级政府的数字',
  'batch/duplicate': '重复的报告',
  'cross-year/carry-over': '上年结转与上年报告不一致',
  'cross-year/copied-text': '内容照抄往年或其他报告',
  'cross-year/in-force': '现行有效件数与上年推算不符',
  'file/attachment-only': '页面只有附件链接',
  'file/charset-mismatch': '服务器声明的编码有误',
  'file/error': '无法审核的文件',
  'file/findings-capped': '问题过多，已截断',
  'file/not-machine-readable': '没有可提取的文字（扫描件）',
  'file/timeout': '审核超时',
  'file/too-large': '文件超出大小限制',
  'file/unsupported-format': '不读取的文件格式（WPS、OFD）',
  'meta/late': '发布逾期',
  'meta/period': '统计期限或年度不符',
  'meta/signed-early': '落款日期早于年度结束',
  'prose/breakdown-sum': '正文分项之和不等于总数',
  'prose/table-mismatch': '正文数字与表格不一致',
  'section/duplicate-number': '章节序号重复',
  'section/empty': '章节内容为空',
  'section/missing': '缺少章节',
  'section/nonstandard-title': '章节标题不规范',
  'section/order': '章节顺序有误',
  't3/balance': '表三新收与结转不平衡',
  't3/results-sum': '表三办理结果之和不等于总计',
  't3/row-total': '表三行合计有误',
  't4/block-sum': '表四总计有误',
  'table/cell-invalid': '表格单元格内容无效',
  'table/missing': '缺少统计表',
  'table/total-omitted': '总计未填',
  'table/unreadable': '表格无法读取',
  'template/outdated': '使用过时的表格格式',
};

/** Markdown → plain text for SARIF `help.text`: no heading marks, code ticks or emphasis. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^#{1,6} /gm, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)');
}

let cached: RuleInfo[] | null = null;

/** Every rule a run can report, sorted by id: per-report rules, then file/batch/cross rules. */
export function allRules(): RuleInfo[] {
  if (cached) return cached;
  const byId = new Map<string, RuleInfo>();
  for (const rule of [...rules, ...batchRules]) {
    if (byId.has(rule.id)) continue;
    const help = ruleEntry(rule.id) ?? `### \`${rule.id}\`\n${rule.description}`;
    byId.set(rule.id, {
      id: rule.id, severity: rule.severity, kind: rule.kind, name: RULE_NAMES[rule.id], description: rule.description,
      help, helpText: markdownToText(help), url: ruleUrl(rule.id),
    });
  }
  cached = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  return cached;
}
