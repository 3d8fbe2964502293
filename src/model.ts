/**
 * Shared types of the pipeline: the report tree (unist), provenance, facts, figures and findings.
 * Every stage imports from here; nothing here imports a stage.
 */
import type { RuleId } from './rule-ids.js';
import type { FactKey } from './fact-keys.js';

export type { RuleId } from './rule-ids.js';
export type { FactKey } from './fact-keys.js';

/** Where something came from. Everything downstream (facts, figures, findings) carries one. */
export interface Source {
  /** Path, URL or `<input>` for in-memory input. */
  file: string;
  /** 1-based line and column in the decoded text we read (HTML: in the HTML source; Word: line = paragraph number). */
  line?: number;
  column?: number;
  /** 0-based character offset in the decoded text. */
  offset?: number;
  /** 1-based PDF page. */
  page?: number;
  /** 1-based index of the table in the document (order of appearance). */
  table?: number;
  /** 1-based row and column of the cell in the table's grid after rowspan/colspan expansion. */
  row?: number;
  col?: number;
}

export type Format = 'html' | 'pdf' | 'markdown' | 'text' | 'docx' | 'doc' | 'wps' | 'ofd';
export type TemplateVersion = '2021' | '2019' | 'pre2019' | 'unknown';

// ---------------------------------------------------------------------------
// Report tree (unist). root → heading | paragraph | table → row → cell
// ---------------------------------------------------------------------------

export interface Point {
  line: number; // 1-based
  column: number; // 1-based
  offset?: number; // 0-based
}

export interface Position {
  start: Point;
  end: Point;
}

/** Data every block node may carry (Docling-style provenance). */
export interface BlockData {
  /** PDF: 1-based page and the box [x0, y0, x1, y1] in PDF points. */
  page?: number;
  box?: [number, number, number, number];
  /**
   * True when `value` is a verbatim slice of the decoded source text starting at
   * `position.start.offset`, so an index into `value` maps back to an exact line and column.
   */
  verbatim?: boolean;
  /** HTML: the element was inside an annex / attachment region, or similar hint. */
  [key: string]: unknown;
}

export interface HeadingNode {
  type: 'heading';
  /** 1 for 一、 level, 2 for （一） level, 3 for 1. level; Markdown/HTML depth otherwise. */
  depth: number;
  value: string;
  position?: Position;
  data?: BlockData;
}

export interface ParagraphNode {
  type: 'paragraph';
  value: string;
  position?: Position;
  data?: BlockData;
}

export interface CellData extends BlockData {
  /** 1-based row/column of this slot in the expanded grid. */
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  /** For slots filled by a span: the 1-based [row, col] of the cell that spans them. Absent on the origin slot. */
  spanOf?: [number, number];
  /** Header cell (`<th>`, GFM header row). */
  header?: boolean;
}

export interface CellNode {
  type: 'cell';
  /** Text as published, whitespace collapsed; `''` for an empty cell or `&nbsp;`. */
  value: string;
  position?: Position;
  data: CellData;
}

export interface RowNode {
  type: 'row';
  children: CellNode[];
  position?: Position;
  data?: BlockData;
}

export interface TableData extends BlockData {
  /** 1-based index of the table in the document. */
  index: number;
  /** Text just before the table (its caption or the section heading), when known. */
  caption?: string;
  /** How the table was obtained: markup, GFM, separated text, PDF rulings, PDF alignment, run-together digits. */
  origin?: 'html' | 'gfm' | 'text-separated' | 'text-runs' | 'pdf-ruled' | 'pdf-aligned' | 'docx';
  /** An image stands where the table should be (HTML `<img>`, PDF page without text). */
  image?: boolean;
}

export interface TableNode {
  type: 'table';
  /** A rectangular grid: every row has the same number of slots after span expansion. */
  children: RowNode[];
  position?: Position;
  data: TableData;
}

export type BlockNode = HeadingNode | ParagraphNode | TableNode;

export interface RootData {
  file: string;
  format: Format;
  /** Encoding the bytes were decoded with (utf-8, gb18030, utf-16le …). */
  encoding?: string;
  /** The decoded text (text, Markdown) or HTML source; used to turn offsets into lines. */
  text?: string;
  /** PDF page count. */
  pages?: number;
  /** Metadata found outside the report body: page `<meta>`, crawler header lines, PDF info. */
  metadata?: {
    title?: string;
    publishedOn?: string; // ISO date
    agency?: string;
    createdOn?: string; // ISO date (PDF CreationDate)
    modifiedOn?: string; // ISO date (PDF ModDate)
    url?: string;
  };
  /** Problems met while reading (e.g. an unreadable page); become findings of the `file/*` rules. */
  problems?: IngestProblem[];
  /** Word 97–2003: how it was read (`libreoffice`: converted to .docx; `word-extractor`: text only). */
  reader?: 'libreoffice' | 'word-extractor';
  /** Files the page links to (HTML `<a href>` to .doc/.pdf/.xls …), in document order. */
  attachments?: Attachment[];
}

/** A link to (or, in text, the name of) a file published with the page: the report may be in it. */
export interface Attachment {
  /** The href as written (HTML), or the file name as written (text). */
  href: string;
  /** `href` resolved against the page URL when that is known and gives http(s). */
  url?: string;
  /** The link text (or the file name). */
  text: string;
  /** File type from the href or the link text: doc, docx, pdf, xls, xlsx, wps, ofd, zip … */
  ext: string;
  /** False when the link is outside the report body (kept only when the body links to nothing). */
  inBody: boolean;
  source: Source;
}

export interface IngestProblem {
  ruleId: RuleId; // e.g. 'file/not-machine-readable'
  message: string;
  source?: Source;
}

export interface Root {
  type: 'root';
  children: BlockNode[];
  position?: Position;
  data: RootData;
}

// ---------------------------------------------------------------------------
// Segmentation
// ---------------------------------------------------------------------------

export type SectionId = 'overview' | 'proactive' | 'requests' | 'review_litigation' | 'problems' | 'other';

export const SECTION_IDS: readonly SectionId[] = [
  'overview',
  'proactive',
  'requests',
  'review_litigation',
  'problems',
  'other',
] as const;

/** A section as the JSON contract gives it. */
export interface Section {
  id: SectionId;
  /** The number as written (一, 二 …), or null when the section was not found. */
  number: string | null;
  /** Heading as written, or null. */
  heading: string | null;
  present: boolean;
  /** Present but with no content of its own (tables count as content). */
  empty: boolean;
  source: Source | null;
  /**
   * How a present section was recognised: under the format's title (`standard`), under another
   * title that names it or stands in its place (`equivalent`), or by its content alone (`content_only`).
   */
  match?: 'standard' | 'equivalent' | 'content_only';
}

/** A found section with the span of tree children it covers (internal, not in the JSON). */
export interface SectionSpan extends Section {
  /** Index in root.children of the heading node; -1 when not present. */
  headingIndex: number;
  /** Children [start, end) after the heading, up to the next top-level section heading. */
  start: number;
  end: number;
  /** 1-based canonical position (1 = 一 … 6 = 六), i.e. what the heading's number says. */
  writtenNumber: number | null;
  /** True when matched by an older or variant wording rather than the 2021 title (or written without its 、). */
  variant?: boolean;
  /** True when the title names no section and the section was taken from the heading's number and place. */
  inferred?: boolean;
  /** Section 五 written as two headings (问题, then 改进): the second one, which this span covers too. */
  continuation?: { heading: string; headingIndex: number; source: Source };
}

export interface Meta {
  title: string | null;
  agency: string | null;
  year: number | null;
  /**
   * Where `year` was read: the report title (page or body), else — in this order — the statistical
   * period, a sentence of the report naming its year (本报告…2024年度), the signature year − 1.
   */
  yearSource?: 'title' | 'period' | 'report-sentence' | 'signature';
  period: { from: string | null; to: string | null };
  signedOn: string | null;
  publishedOn: string | null;
  /** The format notice the report cites, e.g. 国办公开办函〔2021〕30号. */
  notice?: string | null;
  /** Set when the report was an attachment audited in place of its page (`followAttachments`). */
  page?: PageOfAttachment;
}

/** The page a report was linked from: its URL, title and 发布日期, and the URL of the attachment audited. */
export interface PageOfAttachment {
  url: string;
  title: string | null;
  publishedOn: string | null;
  attachment: string;
}

// ---------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------

export type FactKind = 'number' | 'zero' | 'blank' | 'na' | 'text';

/** One table cell read under its canonical key (t2.*, t3.<row>.<col>, t4.<block>.<col>). */
export interface Fact {
  /** The parsed number; null for blank, na (—, /, 无) and text. Never rewritten. */
  value: number | null;
  /** The cell text exactly as published. */
  raw: string;
  kind: FactKind;
  source: Source;
}

export type Facts = Record<string, Fact>;

export type TableId = 't2' | 't3' | 't4';

/** How a document table was matched to a template table (internal; also drives the HTML report). */
export interface TableMatch {
  id: TableId;
  template: '2021' | '2019';
  /** Index of the TableNode in root.children, or -1 for tables rebuilt from text runs. */
  nodeIndex: number;
  /** 1-based document table index. */
  tableIndex: number;
  /** Keys read from this table. */
  keys: string[];
  /** Data cells that were expected but not found. */
  missing: string[];
  /** 0..1: share of template rows/columns recognised. */
  confidence: number;
  notes?: string[];
  /** Parts of the table we saw but could not read, each reported to the user (`table/unreadable`). */
  problems?: TableProblem[];
  /** Row label texts of the table that named no template row (the nearest candidates for a row not read). */
  unmatched?: { text: string; source: Source }[];
}

/** A row (or a whole table) we could not read, with the place and, for digit runs, the possible splits. */
export interface TableProblem {
  /** `t2.<row>` / `t3.<row>` for one row, `t4.*` for the whole of table 四. */
  key?: string;
  message: string;
  source: Source;
  /** The splits that fit the digits (values per cell), when there are several; may be a first few only. */
  candidates?: number[][];
  /**
   * The identity rule (`t3/row-total`, `t4/block-sum` …) that no split of the row's digits satisfies: the
   * published table breaks it whatever the split, so that rule reports it as its error.
   */
  rule?: string;
}

export type Unit = '条' | '件' | '个' | '项' | '次' | '期' | '元' | '万元' | '%' | '篇' | '场' | '家' | '人' | '';

/** A number quoted in the prose. */
export interface Figure {
  /** What is counted, in the report's own words (e.g. 信息公开指南, 政府信息公开申请). */
  label: string;
  value: number;
  raw: string;
  unit: string;
  /** The sentence the figure stands in; over 200 characters, an excerpt around the figure (… where cut). */
  sentence: string;
  /** Set when `sentence` is an excerpt: the whole sentence's length in characters … */
  sentenceLength?: number;
  /** … and where it starts (the sentence is there in the document; figures do not each carry a copy). */
  sentenceSource?: Source;
  source: Source;
  /** Index (in the figures array) of the stated total this figure is a part of. */
  partOf?: number;
  /**
   * On a total that has parts: how their list is written. `marked` after 其中 / 包括 / 含 / 分别为 / a
   * colon, or before 共; `open` closed by 等 (examples, not all the parts); `unmarked` categories listed
   * right after the total with no marker; `later` after 其中 in a later sentence (not the next one).
   */
  breakdown?: 'marked' | 'open' | 'unmarked' | 'later';
}

// ---------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------

export type Severity = 'error' | 'warning' | 'info';
export type FindingKind = 'fail' | 'review';

/** A contributing cell listed in a finding (Arelle-style). */
export interface CellRef {
  key: string;
  value: number | null;
  raw: string;
  source: Source;
}

/** A finding as the JSON contract gives it. */
export interface Finding {
  ruleId: RuleId;
  /** The rule's entry in docs/rules.md (filled in by the reporters and the CLI: json, sarif `helpUri`). */
  url?: string;
  severity: Severity;
  kind: FindingKind;
  message: string;
  source: Source;
  expected?: number | string;
  actual?: number | string;
  cells?: CellRef[];
  /** A likely fix, never applied. */
  hint?: string;
  /** Other places involved (the other report of a pair, the figures of a sum). */
  related?: { message: string; source: Source }[];
  /** With an audit store (`--db`, docs/store.md): the same defect keeps this id from run to run. */
  fingerprint?: string;
  /** With an audit store: against the last stored run of the same report (SARIF's baselineState). */
  baselineState?: BaselineState;
  /** With an audit store: an officer's judgement of this fingerprint; `dismissed` = suppressed. */
  review?: FindingReview;
}

export type BaselineState = 'new' | 'unchanged' | 'updated' | 'absent';

export interface FindingReview {
  state: 'confirmed' | 'dismissed';
  reason: string | null;
  /** Who decided, and when (ISO time). */
  by: string | null;
  at: string;
}

/** What `audit()` returns: the JSON contract's Report. */
export interface Report {
  file: string;
  format: Format;
  template: TemplateVersion;
  meta: Meta;
  sections: Section[];
  /** Cells read, by key (`t3.new_received.total` …): a misspelt key does not compile. */
  facts: ReportFacts;
  figures: Figure[];
  findings: Finding[];
}

/** A report's facts: every key a template can give (FactKey), each present only when the cell was read. */
export type ReportFacts = { [K in FactKey]?: Fact };
