import { T3_COLUMNS, T3_GROUPS, T3_HEADER_NOTE, T3_ROWS_AFTER_OTHER, T3_ROWS_BEFORE_OTHER, T4 } from './common.js';
import type { TableTemplates } from './types.js';

/**
 * The 2021 format's tables as data (国办公开办函〔2021〕30号),
 * written from ../shared/spec/schema-2021.json: labels verbatim, keys as in the JSON contract.
 */
export const templates2021: TableTemplates = {
  version: '2021',
  markers: ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额（单位：万元）", "逾期不补正", "逾期未按收费通知要求缴纳费用"],
  t2: {
    blocks: [
    {
      key: "art20_1",
      caption: "第二十条第（一）项",
      columns: [
        {"key": "made", "label": "本年制发件数", "type": "int", "unit": "件"},
        {"key": "repealed", "label": "本年废止件数", "type": "int", "unit": "件"},
        {"key": "in_force", "label": "现行有效件数", "type": "int", "unit": "件"},
      ],
      rows: [
        {"key": "regulations", "label": "规章"},
        {"key": "normative_docs", "label": "行政规范性文件", "aliases": ["规范性文件"]},
      ],
    },
    {
      key: "art20_5",
      caption: "第二十条第（五）项",
      columns: [
        {"key": "decisions", "label": "本年处理决定数量", "type": "int", "unit": "件"},
      ],
      rows: [
        {"key": "licensing", "label": "行政许可"},
      ],
    },
    {
      key: "art20_6",
      caption: "第二十条第（六）项",
      columns: [
        {"key": "decisions", "label": "本年处理决定数量", "type": "int", "unit": "件"},
      ],
      rows: [
        {"key": "penalty", "label": "行政处罚"},
        {"key": "coercion", "label": "行政强制"},
      ],
    },
    {
      key: "art20_8",
      caption: "第二十条第（八）项",
      columns: [
        {"key": "amount_wan_yuan", "label": "本年收费金额（单位：万元）", "type": "decimal", "unit": "万元"},
      ],
      rows: [
        {"key": "fees", "label": "行政事业性收费"},
      ],
    },
    ],
  },
  t3: {
    headerNote: T3_HEADER_NOTE,
    columnGroup: "申请人情况",
    columns: T3_COLUMNS,
    groups: [...T3_GROUPS, {"key": "results.other", "label": "（六）其他处理"}],
    rows: [
      ...T3_ROWS_BEFORE_OTHER,
      {"key": "results.other.overdue_correction", "label": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "level": 2, "group": "results.other"},
      {"key": "results.other.overdue_fee", "label": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "level": 2, "group": "results.other"},
      {"key": "results.other.other", "label": "3.其他", "level": 2, "group": "results.other"},
      ...T3_ROWS_AFTER_OTHER,
    ],
  },
  t4: T4,
};
