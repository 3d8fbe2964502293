import type { T3Row, TableTemplates, TemplateColumn } from './types.js';

/**
 * What the 2019 trial format (国办公开办函〔2019〕60号) and the 2021 format (国办公开办函〔2021〕30号)
 * share: table 三 except its （六）其他处理 rows, and table 四. Labels verbatim from
 * ../shared/spec/schema-2021.json and schema-2019.json; keys as in the JSON contract.
 */

export const T3_HEADER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

export const T3_COLUMNS: TemplateColumn[] = [
  {"key": "natural_person", "label": "自然人"},
  {"key": "org_commercial", "label": "商业企业", "parent": "法人或其他组织", "aliases": ["商业 企业", "商 业 企 业"]},
  {"key": "org_research", "label": "科研机构", "parent": "法人或其他组织"},
  {"key": "org_social_welfare", "label": "社会公益组织", "parent": "法人或其他组织"},
  {"key": "org_legal_service", "label": "法律服务机构", "parent": "法人或其他组织", "aliases": ["法 律 服 务 机构"]},
  {"key": "org_other", "label": "其他", "parent": "法人或其他组织"},
  {"key": "total", "label": "总计", "aliases": ["合计"]},
];

/** Result groups without cells of their own, （三）–（五）; 2021 adds （六）. */
export const T3_GROUPS: { key: string; label: string }[] = [
  {"key": "results.withheld", "label": "（三）不予公开"},
  {"key": "results.unable", "label": "（四）无法提供"},
  {"key": "results.not_processed", "label": "（五）不予处理"},
];

/** Rows 一、 and 二、 and the results up to （五）不予处理. */
export const T3_ROWS_BEFORE_OTHER: T3Row[] = [
  {"key": "new_received", "label": "一、本年新收政府信息公开申请数量", "level": 0},
  {"key": "carried_over", "label": "二、上年结转政府信息公开申请数量", "level": 0},
  {"key": "results.granted", "label": "（一）予以公开", "level": 1},
  {"key": "results.partially_granted", "label": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "level": 1, "aliases": ["（二）部分公开（区分处理的，只计这一情况，不计其他情形）", "（二）部分公开"]},
  {"key": "results.withheld.state_secret", "label": "1.属于国家秘密", "level": 2, "group": "results.withheld"},
  {"key": "results.withheld.prohibited_by_law", "label": "2.其他法律行政法规禁止公开", "level": 2, "group": "results.withheld"},
  {"key": "results.withheld.three_safety_one_stability", "label": "3.危及“三安全一稳定”", "level": 2, "group": "results.withheld"},
  {"key": "results.withheld.third_party_rights", "label": "4.保护第三方合法权益", "level": 2, "group": "results.withheld"},
  {"key": "results.withheld.internal_affairs", "label": "5.属于三类内部事务信息", "level": 2, "aliases": ["5.属于三类内容事务信息"], "group": "results.withheld"},
  {"key": "results.withheld.process_info", "label": "6.属于四类过程性信息", "level": 2, "group": "results.withheld"},
  {"key": "results.withheld.enforcement_case_file", "label": "7.属于行政执法案卷", "level": 2, "group": "results.withheld"},
  {"key": "results.withheld.admin_query", "label": "8.属于行政查询事项", "level": 2, "group": "results.withheld"},
  {"key": "results.unable.not_held", "label": "1.本机关不掌握相关政府信息", "level": 2, "group": "results.unable"},
  {"key": "results.unable.needs_creation", "label": "2.没有现成信息需要另行制作", "level": 2, "group": "results.unable"},
  {"key": "results.unable.unclear_after_correction", "label": "3.补正后申请内容仍不明确", "level": 2, "group": "results.unable"},
  {"key": "results.not_processed.petition_complaint", "label": "1.信访举报投诉类申请", "level": 2, "group": "results.not_processed"},
  {"key": "results.not_processed.duplicate", "label": "2.重复申请", "level": 2, "group": "results.not_processed"},
  {"key": "results.not_processed.publication", "label": "3.要求提供公开出版物", "level": 2, "group": "results.not_processed"},
  {"key": "results.not_processed.mass_repetitive", "label": "4.无正当理由大量反复申请", "level": 2, "group": "results.not_processed"},
  {"key": "results.not_processed.confirm_or_reissue", "label": "5.要求行政机关确认或重新出具已获取信息", "level": 2, "group": "results.not_processed"},
];

/** （七）总计 and 四、结转下年度继续办理. */
export const T3_ROWS_AFTER_OTHER: T3Row[] = [
  {"key": "results.total", "label": "（七）总计", "level": 1},
  {"key": "carried_forward", "label": "四、结转下年度继续办理", "level": 0},
];

export const T4: TableTemplates['t4'] = {
  blocks: [
    {"key": "review", "label": "行政复议", "parent": null},
    {"key": "litigation_direct", "label": "未经复议直接起诉", "parent": "行政诉讼"},
    {"key": "litigation_after_review", "label": "复议后起诉", "parent": "行政诉讼"},
  ],
  columns: [
    {"key": "upheld", "label": "结果维持"},
    {"key": "corrected", "label": "结果纠正"},
    {"key": "other", "label": "其他结果"},
    {"key": "pending", "label": "尚未审结"},
    {"key": "total", "label": "总计"},
  ],
};
