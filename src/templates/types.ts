import type { TableId } from '../model.js';

export interface TemplateColumn {
  key: string;
  label: string;
  aliases?: string[];
  /** Spanning header above this column (法人或其他组织, 行政诉讼). */
  parent?: string | null;
  type?: 'int' | 'decimal' | 'signed_int' | 'money';
  unit?: string | null;
}

export interface TemplateRow {
  key: string;
  label: string;
  aliases?: string[];
}

/** One block of table 二: a caption row (第二十条第（X）项), a header row, data rows. */
export interface T2Block {
  key: string;
  caption: string;
  columns: TemplateColumn[];
  rows: TemplateRow[];
}

/** A data row of table 三, in template order. `group` is the result group (（三）不予公开 …) it belongs to. */
export interface T3Row extends TemplateRow {
  level: number;
  group?: string;
}

export interface TableTemplates {
  version: '2021' | '2019';
  /** Labels found only in this version (spec §5.4). */
  markers: string[];
  t2: { blocks: T2Block[] };
  t3: {
    headerNote: string;
    columnGroup: string;
    /** 7 columns: six applicant types then 总计. Keys: natural_person … org_other, total. */
    columns: TemplateColumn[];
    /** Result groups without cells of their own: （三）不予公开, （四）无法提供, （五）不予处理, （六）其他处理 (2021). */
    groups: { key: string; label: string }[];
    /** 25 data rows (2021) or 23 (2019), keys like `results.withheld.state_secret`. */
    rows: T3Row[];
  };
  t4: {
    blocks: { key: string; label: string; parent: string | null }[];
    columns: TemplateColumn[];
  };
}

export type { TableId };
