import type { RuleId } from '../rule-ids.js';
import type {
  CellRef, Facts, Figure, Finding, FindingKind, Format, Meta, Root, SectionSpan, Severity, Source,
  TableMatch, TemplateVersion,
} from '../model.js';

/** Everything the rules may read about one report: the outputs of ingest, segment and extract. */
export interface AuditDocument {
  file: string;
  format: Format;
  tree: Root;
  sections: SectionSpan[];
  meta: Meta;
  template: TemplateVersion;
  /** Template chosen per table (a 2021 report may carry a 2019 table 三). */
  tables: TableMatch[];
  facts: Facts;
  figures: Figure[];
  options: RuleOptions;
}

/** Options the rules read. */
export interface RuleOptions {
  /**
   * Who publishes the report, for the deadline of 条例 第四十九条: a department (1月31日) or a
   * government's overall report (3月31日). `auto` decides from the agency name.
   */
  agencyType?: 'auto' | 'department' | 'government';
  /** Extra settings per rule id, as given in the config file. */
  settings?: Record<string, unknown>;
}

/** What a rule hands to `report()`; severity and kind default to the rule's own. */
export interface FindingInput {
  message: string;
  source: Source;
  severity?: Severity;
  kind?: FindingKind;
  expected?: number | string;
  actual?: number | string;
  cells?: CellRef[];
  hint?: string;
  related?: { message: string; source: Source }[];
}

export interface RuleContext {
  report(finding: FindingInput): void;
}

export interface Rule {
  /** `family/name`, e.g. `t3/balance`. */
  id: RuleId;
  severity: Severity;
  /** `fail` (the report is wrong) or `review` (we may have read it wrong). */
  kind: FindingKind;
  /** One line, English, for docs and SARIF. */
  description: string;
  check(doc: AuditDocument, ctx: RuleContext): void;
}

export type RuleSetting = Severity | 'off';
/** Rule id → severity or off. Unknown ids and severities are refused (`AuditError`, code `options`). */
export type RuleSettings = Partial<Record<RuleId, RuleSetting>>;

export type { Finding };
