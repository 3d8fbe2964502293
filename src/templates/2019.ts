import { T3_COLUMNS, T3_GROUPS, T3_HEADER_NOTE, T3_ROWS_AFTER_OTHER, T3_ROWS_BEFORE_OTHER, T4 } from './common.js';
import type { TableTemplates } from './types.js';

/**
 * The 2019 format's tables as data (格式（试行）, 国办公开办函〔2019〕60号),
 * written from ../shared/spec/schema-2019.json: labels verbatim, keys as in the JSON contract.
 */
export const templates2019: TableTemplates = {
  version: '2019',
  markers: ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "其他对外管理服务事项", "第二十条第（九）项", "政府集中采购", "采购总金额"],
  t2: {
    blocks: [
    {
      key: "art20_1",
      caption: "第二十条第（一）项",
      columns: [
        {"key": "new_made", "label": "本年新制作数量", "type": "int"},
        {"key": "new_published", "label": "本年新公开数量", "type": "int"},
        {"key": "total_published", "label": "对外公开总数量", "type": "int"},
      ],
      rows: [
        {"key": "regulations", "label": "规章"},
        {"key": "normative_docs", "label": "规范性文件"},
      ],
    },
    {
      key: "art20_5",
      caption: "第二十条第（五）项",
      columns: [
        {"key": "prev_year_items", "label": "上一年项目数量", "type": "int"},
        {"key": "change", "label": "本年增/减", "type": "signed_int"},
        {"key": "decisions", "label": "处理决定数量", "type": "int"},
      ],
      rows: [
        {"key": "licensing", "label": "行政许可"},
        {"key": "other_mgmt_services", "label": "其他对外管理服务事项"},
      ],
    },
    {
      key: "art20_6",
      caption: "第二十条第（六）项",
      columns: [
        {"key": "prev_year_items", "label": "上一年项目数量", "type": "int"},
        {"key": "change", "label": "本年增/减", "type": "signed_int"},
        {"key": "decisions", "label": "处理决定数量", "type": "int"},
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
        {"key": "prev_year_items", "label": "上一年项目数量", "type": "int"},
        {"key": "change", "label": "本年增/减", "type": "signed_int"},
      ],
      rows: [
        {"key": "fees", "label": "行政事业性收费"},
      ],
    },
    {
      key: "art20_9",
      caption: "第二十条第（九）项",
      columns: [
        {"key": "procurement_items", "label": "采购项目数量", "type": "int"},
        {"key": "procurement_amount", "label": "采购总金额", "type": "money", "unit": null},
      ],
      rows: [
        {"key": "central_procurement", "label": "政府集中采购"},
      ],
    },
    ],
  },
  t3: {
    headerNote: T3_HEADER_NOTE,
    columnGroup: "申请人情况",
    columns: T3_COLUMNS,
    groups: T3_GROUPS,
    rows: [
      ...T3_ROWS_BEFORE_OTHER,
      {"key": "results.other", "label": "（六）其他处理", "level": 1},
      ...T3_ROWS_AFTER_OTHER,
    ],
  },
  t4: T4,
};
