import type { TableTemplates } from './types.js';

/**
 * The 2021 format's tables as data (国办公开办函〔2021〕30号),
 * written from ../shared/spec/schema-2021.json: labels verbatim, keys as in the JSON contract.
 */
export const templates2021: TableTemplates = {
  version: '2021',
  markers: [
  "本年制发件数",
  "本年废止件数",
  "现行有效件数",
  "本年处理决定数量",
  "本年收费金额（单位：万元）",
  "逾期不补正",
  "逾期未按收费通知要求缴纳费用"
],
  t2: {
  "blocks": [
    {
      "key": "art20_1",
      "caption": "第二十条第（一）项",
      "columns": [
        {
          "key": "made",
          "label": "本年制发件数",
          "type": "int",
          "unit": "件"
        },
        {
          "key": "repealed",
          "label": "本年废止件数",
          "type": "int",
          "unit": "件"
        },
        {
          "key": "in_force",
          "label": "现行有效件数",
          "type": "int",
          "unit": "件"
        }
      ],
      "rows": [
        {
          "key": "regulations",
          "label": "规章"
        },
        {
          "key": "normative_docs",
          "label": "行政规范性文件",
          "aliases": [
            "规范性文件"
          ]
        }
      ]
    },
    {
      "key": "art20_5",
      "caption": "第二十条第（五）项",
      "columns": [
        {
          "key": "decisions",
          "label": "本年处理决定数量",
          "type": "int",
          "unit": "件"
        }
      ],
      "rows": [
        {
          "key": "licensing",
          "label": "行政许可"
        }
      ]
    },
    {
      "key": "art20_6",
      "caption": "第二十条第（六）项",
      "columns": [
        {
          "key": "decisions",
          "label": "本年处理决定数量",
          "type": "int",
          "unit": "件"
        }
      ],
      "rows": [
        {
          "key": "penalty",
          "label": "行政处罚"
        },
        {
          "key": "coercion",
          "label": "行政强制"
        }
      ]
    },
    {
      "key": "art20_8",
      "caption": "第二十条第（八）项",
      "columns": [
        {
          "key": "amount_wan_yuan",
          "label": "本年收费金额（单位：万元）",
          "type": "decimal",
          "unit": "万元"
        }
      ],
      "rows": [
        {
          "key": "fees",
          "label": "行政事业性收费"
        }
      ]
    }
  ]
},
  t3: {
  "headerNote": "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
  "columnGroup": "申请人情况",
  "columns": [
    {
      "key": "natural_person",
      "label": "自然人"
    },
    {
      "key": "org_commercial",
      "label": "商业企业",
      "parent": "法人或其他组织",
      "aliases": [
        "商业 企业",
        "商 业 企 业"
      ]
    },
    {
      "key": "org_research",
      "label": "科研机构",
      "parent": "法人或其他组织"
    },
    {
      "key": "org_social_welfare",
      "label": "社会公益组织",
      "parent": "法人或其他组织"
    },
    {
      "key": "org_legal_service",
      "label": "法律服务机构",
      "parent": "法人或其他组织",
      "aliases": [
        "法 律 服 务 机构"
      ]
    },
    {
      "key": "org_other",
      "label": "其他",
      "parent": "法人或其他组织"
    },
    {
      "key": "total",
      "label": "总计",
      "aliases": [
        "合计"
      ]
    }
  ],
  "groups": [
    {
      "key": "results.withheld",
      "label": "（三）不予公开"
    },
    {
      "key": "results.unable",
      "label": "（四）无法提供"
    },
    {
      "key": "results.not_processed",
      "label": "（五）不予处理"
    },
    {
      "key": "results.other",
      "label": "（六）其他处理"
    }
  ],
  "rows": [
    {
      "key": "new_received",
      "label": "一、本年新收政府信息公开申请数量",
      "level": 0
    },
    {
      "key": "carried_over",
      "label": "二、上年结转政府信息公开申请数量",
      "level": 0
    },
    {
      "key": "results.granted",
      "label": "（一）予以公开",
      "level": 1
    },
    {
      "key": "results.partially_granted",
      "label": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
      "level": 1,
      "aliases": [
        "（二）部分公开（区分处理的，只计这一情况，不计其他情形）",
        "（二）部分公开"
      ]
    },
    {
      "key": "results.withheld.state_secret",
      "label": "1.属于国家秘密",
      "level": 2,
      "group": "results.withheld"
    },
    {
      "key": "results.withheld.prohibited_by_law",
      "label": "2.其他法律行政法规禁止公开",
      "level": 2,
      "group": "results.withheld"
    },
    {
      "key": "results.withheld.three_safety_one_stability",
      "label": "3.危及“三安全一稳定”",
      "level": 2,
      "group": "results.withheld"
    },
    {
      "key": "results.withheld.third_party_rights",
      "label": "4.保护第三方合法权益",
      "level": 2,
      "group": "results.withheld"
    },
    {
      "key": "results.withheld.internal_affairs",
      "label": "5.属于三类内部事务信息",
      "level": 2,
      "aliases": [
        "5.属于三类内容事务信息"
      ],
      "group": "results.withheld"
    },
    {
      "key": "results.withheld.process_info",
      "label": "6.属于四类过程性信息",
      "level": 2,
      "group": "results.withheld"
    },
    {
      "key": "results.withheld.enforcement_case_file",
      "label": "7.属于行政执法案卷",
      "level": 2,
      "group": "results.withheld"
    },
    {
      "key": "results.withheld.admin_query",
      "label": "8.属于行政查询事项",
      "level": 2,
      "group": "results.withheld"
    },
    {
      "key": "results.unable.not_held",
      "label": "1.本机关不掌握相关政府信息",
      "level": 2,
      "group": "results.unable"
    },
    {
      "key": "results.unable.needs_creation",
      "label": "2.没有现成信息需要另行制作",
      "level": 2,
      "group": "results.unable"
    },
    {
      "key": "results.unable.unclear_after_correction",
      "label": "3.补正后申请内容仍不明确",
      "level": 2,
      "group": "results.unable"
    },
    {
      "key": "results.not_processed.petition_complaint",
      "label": "1.信访举报投诉类申请",
      "level": 2,
      "group": "results.not_processed"
    },
    {
      "key": "results.not_processed.duplicate",
      "label": "2.重复申请",
      "level": 2,
      "group": "results.not_processed"
    },
    {
      "key": "results.not_processed.publication",
      "label": "3.要求提供公开出版物",
      "level": 2,
      "group": "results.not_processed"
    },
    {
      "key": "results.not_processed.mass_repetitive",
      "label": "4.无正当理由大量反复申请",
      "level": 2,
      "group": "results.not_processed"
    },
    {
      "key": "results.not_processed.confirm_or_reissue",
      "label": "5.要求行政机关确认或重新出具已获取信息",
      "level": 2,
      "group": "results.not_processed"
    },
    {
      "key": "results.other.overdue_correction",
      "label": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
      "level": 2,
      "group": "results.other"
    },
    {
      "key": "results.other.overdue_fee",
      "label": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
      "level": 2,
      "group": "results.other"
    },
    {
      "key": "results.other.other",
      "label": "3.其他",
      "level": 2,
      "group": "results.other"
    },
    {
      "key": "results.total",
      "label": "（七）总计",
      "level": 1
    },
    {
      "key": "carried_forward",
      "label": "四、结转下年度继续办理",
      "level": 0
    }
  ]
},
  t4: {
  "blocks": [
    {
      "key": "review",
      "label": "行政复议",
      "parent": null
    },
    {
      "key": "litigation_direct",
      "label": "未经复议直接起诉",
      "parent": "行政诉讼"
    },
    {
      "key": "litigation_after_review",
      "label": "复议后起诉",
      "parent": "行政诉讼"
    }
  ],
  "columns": [
    {
      "key": "upheld",
      "label": "结果维持"
    },
    {
      "key": "corrected",
      "label": "结果纠正"
    },
    {
      "key": "other",
      "label": "其他结果"
    },
    {
      "key": "pending",
      "label": "尚未审结"
    },
    {
      "key": "total",
      "label": "总计"
    }
  ]
},
};
