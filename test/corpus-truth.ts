/**
 * The corpus truth and the reviewed mapping of its hand-found inconsistencies to rules, shared by the
 * corpus acceptance test (test/corpus-acceptance.test.ts) and the evaluation (`npm run eval`,
 * scripts/eval.ts; see docs/eval.md), so both judge a report by the same rows.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TEMPLATES } from '../src/templates/index.js';
import type { Finding, Report, SectionId } from '../src/index.js';
import { SECTION_NAMES } from '../src/rules/section/util.js';

export const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
export const HAVE_CORPUS = existsSync(`${CORPUS}truth`);

/** Corpus files that have a truth file, sorted. */
export const corpusFiles = (): string[] =>
  HAVE_CORPUS ? readdirSync(CORPUS).filter((f) => existsSync(`${CORPUS}truth/${f}.json`)).sort() : [];

export const readTruth = (name: string): Truth => JSON.parse(readFileSync(`${CORPUS}truth/${name}.json`, 'utf8')) as Truth;

// ---------------------------------------------------------------------------------------------
// The mapping: truth entry → rule. Reviewed by hand; every entry of every truth file must match
// exactly one row (file + a distinguishing substring of `rule detail`), so a new truth entry fails
// the test until someone maps it.
// ---------------------------------------------------------------------------------------------

export type Expect =
  /** A per-report rule must report it; `message` picks the finding among that rule's. */
  | { rule: string; message: RegExp; needs?: string[] }
  /** Cross-file: the batch runner's business (cross-year/*, batch/*), not one report's. */
  | { batch: string }
  /** No per-report rule checks this (typos, plausibility, pre-2019 statistics tables …). */
  | { none: string }
  /** Not a finding: the audit must tolerate it (e.g. a misspelt heading still found). */
  | { tolerate: SectionId };

export interface Row {
  files: string[];
  entry: string;
  expect: Expect;
}

const PINGTAN_2023 = ['2023-pingtan-1.html', '2023-pingtan-1.txt'];
const GWHBGS_2025 = ['2025-pingtan-gwhbgs-1.html', '2025-pingtan-gwhbgs-1.txt'];

export const MAPPING: Row[] = [
  // 2013 地税局 (pre-2019: no statistical tables in the contract)
  { files: ['2013-pingtan-dishuiju-1.txt'], entry: '办结 171 exceeds 受理 117', expect: { none: 'prose-only plausibility (办结 > 受理), no table to check against' } },
  { files: ['2013-pingtan-dishuiju-1.txt'], entry: 'copy-paste residue', expect: { none: 'copied text from another agency; not checkable per report' } },
  // 2013 平潭县
  { files: ['2013-pingtanxian-1.txt'], entry: 'nine categories of the 1853 items', expect: { rule: 'prose/breakdown-sum', message: /1853[\s\S]*1700/ } },
  { files: ['2013-pingtanxian-1.txt'], entry: '网上申请 3, 信函申请 4', expect: { none: 'pre-2019 statistics table (附件1) is not read into contract facts' } },
  { files: ['2013-pingtanxian-1.txt'], entry: "'其中' rows need not be exhaustive", expect: { none: 'pre-2019 statistics table; the truth itself says 其中 rows need not be exhaustive' } },
  { files: ['2013-pingtanxian-1.txt'], entry: 'statistics period dates are empty', expect: { rule: 'meta/period', message: /统计期限/ } },
  // 2016
  { files: ['2016-pingtan-1.txt'], entry: 'cross-year cumulative', expect: { batch: 'cumulative series across 2016/2017 reports' } },
  { files: ['2016-pingtan-1.txt'], entry: 'copy-paste residue', expect: { none: 'stale year in a plan sentence, Word comment residue; not checkable reliably' } },
  // 2019 平潭
  { files: ['2019-pingtan-1.txt'], entry: '2599', expect: { rule: 'prose/breakdown-sum', message: /2599[\s\S]*2533/ } },
  // 2019 上海市人民政府办公厅 (issue 3 acceptance)
  { files: ['2019-shanghaishi-bgt-1.html'], entry: 'prose 予以公开及部分公开 258', expect: { rule: 'prose/table-mismatch', message: /予以公开及部分公开 258[\s\S]*275/ } },
  { files: ['2019-shanghaishi-bgt-1.html'], entry: 'prose 无法提供 265', expect: { rule: 'prose/table-mismatch', message: /无法提供 265[\s\S]*337/ } },
  { files: ['2019-shanghaishi-bgt-1.html'], entry: '258+35+265+158+0 = 716', expect: { rule: 'prose/breakdown-sum', message: /805[\s\S]*716/ } },
  { files: ['2019-shanghaishi-bgt-1.html'], entry: '258/805 = 32.0%', expect: { rule: 'prose/breakdown-sum', message: /33\.9%[\s\S]*32\.0%/ } },
  { files: ['2019-shanghaishi-bgt-1.html'], entry: '均获维持', expect: { rule: 'prose/table-mismatch', message: /均获维持[\s\S]*尚未审结 3/ } },
  { files: ['2019-shanghaishi-bgt-1.html'], entry: '总计 cell blank for all result rows', expect: { rule: 'table/total-omitted', message: /表三 总计列/ } },
  // 2020 平潭
  { files: ['2020-pingtan-1.txt'], entry: '自然人 column: 予以公开6', expect: { rule: 't3/results-sum', message: /自然人列[\s\S]*= 26[\s\S]*20/ } },
  { files: ['2020-pingtan-1.txt'], entry: '总计 column: 7+6+4+3+3+4', expect: { rule: 't3/results-sum', message: /总计列[\s\S]*= 27[\s\S]*21/ } },
  { files: ['2020-pingtan-1.txt'], entry: '2602', expect: { rule: 'prose/breakdown-sum', message: /2602[\s\S]*2603/ } },
  // 2022 平潭
  { files: ['2022-pingtan-1.txt'], entry: '行政法复议', expect: { tolerate: 'review_litigation' } },
  // 2023 洪泽区 (PDF)
  { files: ['2023-hongzequ-1.pdf'], entry: '行政复议 结果维持', expect: { rule: 't4/block-sum', message: /行政复议[\s\S]*= 11，但总计 0/ } },
  { files: ['2023-hongzequ-1.pdf'], entry: '复议后起诉 结果维持', expect: { rule: 't4/block-sum', message: /复议后起诉[\s\S]*= 5，但总计 0/ } },
  // 2023 平潭 (HTML and its crawler twin)
  { files: PINGTAN_2023, entry: '393', expect: { rule: 'prose/table-mismatch', message: /393[\s\S]*470/, needs: ['t2.normative_docs.in_force'] } },
  { files: PINGTAN_2023, entry: 'prose numbering', expect: { none: 'cosmetic list numbering (一是…三是…三是)' } },
  // 2023 财政金融局
  { files: ['2023-pingtan-caijinju-1.txt'], entry: 'split into 减税降费', expect: { rule: 'prose/breakdown-sum', message: /107[\s\S]*94/ } },
  { files: ['2023-pingtan-caijinju-1.txt'], entry: 'cross-report plausibility', expect: { batch: 'department fee equals the zone-wide total of another report' } },
  // 2024 经济发展局
  { files: ['2024-pingtan-jingfaju-1.txt'], entry: 'column: sum of result rows', expect: { rule: 't3/results-sum', message: /= 3，但（七）总计 0/ } },
  { files: ['2024-pingtan-jingfaju-1.txt'], entry: '本年新收 + 上年结转', expect: { rule: 't3/balance', message: /新收 3[\s\S]*= 0/ } },
  { files: ['2024-pingtan-jingfaju-1.txt'], entry: "counts applications in 条", expect: { none: 'cosmetic unit (条 for applications)' } },
  // 2024 自然资源与生态环境局
  { files: ['2024-pingtan-ziranziyuanju-1.txt'], entry: 'prose never mentions', expect: { rule: 'prose/table-mismatch', message: /行政复议 2 件，正文未提及/ } },
  { files: ['2024-pingtan-ziranziyuanju-1.txt'], entry: '顿号 for 句号', expect: { none: 'punctuation typo' } },
  // 2024 上海市科委 (garbled PDF→Markdown)
  { files: ['2024-shkewei-1.md'], entry: '2139', expect: { rule: 'prose/breakdown-sum', message: /2139[\s\S]*2160/ } },
  { files: ['2024-shkewei-1.md'], entry: "section numbering restarts", expect: { rule: 'section/duplicate-number', message: /一/ } },
  // 2025 财政金融局
  { files: ['2025-pingtan-caijinju-1.txt'], entry: '2024年制作、获取', expect: { rule: 'meta/period', message: /2024年制作、获取政府信息总数467条/ } },
  { files: ['2025-pingtan-caijinju-1.txt'], entry: 'cross-report plausibility', expect: { batch: 'fee ≈ the zone-wide total of another report' } },
  { files: ['2025-pingtan-caijinju-1.txt'], entry: '不子公开', expect: { none: 'typo' } },
  // 2025 管委会办公室 (HTML and its crawler twin)
  { files: GWHBGS_2025, entry: '34件', expect: { rule: 'prose/table-mismatch', message: /34[\s\S]*32/ } },
  // 2025 交通与建设局
  { files: ['2025-pingtan-jiaotongjiansheju-1.txt'], entry: 'prose never mentions', expect: { rule: 'prose/table-mismatch', message: /行政复议 9 件，正文未提及/ } },
  { files: ['2025-pingtan-jiaotongjiansheju-1.txt'], entry: '截止2025年1月21日', expect: { none: 'a date that is plausible in itself; meaning needs reading' } },
  { files: ['2025-pingtan-jiaotongjiansheju-1.txt'], entry: '托在', expect: { none: 'typo' } },
  { files: ['2025-pingtan-jiaotongjiansheju-1.txt'], entry: '109号', expect: { none: 'typo (unbalanced bracket)' } },
  // 2025 经济发展局
  { files: ['2025-pingtan-jingfaju-1.txt'], entry: 'column: sum of result rows', expect: { rule: 't3/results-sum', message: /= 4，但（七）总计 0/ } },
  { files: ['2025-pingtan-jingfaju-1.txt'], entry: '本年新收 + 上年结转', expect: { rule: 't3/balance', message: /新收 4[\s\S]*= 0/ } },
  { files: ['2025-pingtan-jingfaju-1.txt'], entry: '行政复议 结果维持', expect: { rule: 't4/block-sum', message: /行政复议[\s\S]*= 1，但总计 0/ } },
  { files: ['2025-pingtan-jingfaju-1.txt'], entry: 'prose vs table 4', expect: { rule: 'prose/table-mismatch', message: /行政复议 1 件，正文未提及/ } },
  { files: ['2025-pingtan-jingfaju-1.txt'], entry: 'cross-year (现行有效件数)', expect: { batch: '现行有效件数 against the 2024 report' } },
  // 2025 社会事业局
  { files: ['2025-pingtan-shehuishiyeju-1.txt'], entry: 'prose never mentions', expect: { rule: 'prose/table-mismatch', message: /行政复议 3 件，正文未提及|行政诉讼 8 件，正文未提及/ } },
  { files: ['2025-pingtan-shehuishiyeju-1.txt'], entry: '本年制发 7 but 现行有效 0', expect: { none: 'plausibility of table 二 (made 7, in force 0) — no identity is broken' } },
  { files: ['2025-pingtan-shehuishiyeju-1.txt'], entry: '3241654万次', expect: { none: 'unit plausibility of a reading count' } },
  { files: ['2025-pingtan-shehuishiyeju-1.txt'], entry: '行政法复议', expect: { tolerate: 'review_litigation' } },
  // 2025 行政审批局
  { files: ['2025-pingtan-shenpiju-1.txt'], entry: 'lacks the 规章 row', expect: { rule: 'table/unreadable', message: /规章/ } },
];

/**
 * Findings checked by hand to be real defects of the published report that its truth file does not
 * list, each with a one-line justification. Strict: a false alarm is never listed here (fix the
 * rule instead); a row names its file, rule and a distinguishing part of the message.
 */
export const EXTRA_TRUE: { files: string[]; rule: string; message: RegExp; why: string }[] = [];

/** Rule families whose failing findings must be explained by the truth (no false alarms). */
export const CHECKED = /^(t3\/|t4\/|table\/total-omitted|table\/cell-invalid|prose\/)/;

// ---------------------------------------------------------------------------------------------
// Truth
// ---------------------------------------------------------------------------------------------

export interface Truth {
  facts?: Record<string, number | string | null>;
  uncertain?: { cell?: string }[];
  inconsistencies_found_by_hand?: { rule: string; detail: string }[];
  /** The six sections in canonical order: present true / "equivalent" / "content_only" / false. */
  sections?: { present: boolean | string }[];
  identity_checks_computed?: { rule: string; column?: string; part?: string; row?: string; computed?: number; stated?: number | null; computed_lhs?: number; computed_rhs?: number }[] | null;
}

/** Truth names that differ from the contract keys (2019 procurement, see docs/json.md); derived values skipped. */
const RENAME: Record<string, string> = {
  't2.central_procurement.items': 't2.central_procurement.procurement_items',
  't2.central_procurement.amount': 't2.central_procurement.procurement_amount',
};
const DERIVED = /\.(amount_yuan|raw)$/u;

/** The truth's own table-3 names (in `uncertain`) → contract keys. */
const OLD_T3_ROWS: Record<string, string> = {
  new_received: 'new_received', carried_over_from_last_year: 'carried_over', granted: 'results.granted',
  partially_granted: 'results.partially_granted', total_processed: 'results.total', carried_forward_to_next_year: 'carried_forward',
};
const OLD_T3_COLS: Record<string, string> = {
  natural_person: 'natural_person', commercial_enterprise: 'org_commercial', research_institution: 'org_research',
  social_welfare_org: 'org_social_welfare', legal_service_org: 'org_legal_service', other_org: 'org_other', total: 'total',
};

export function uncertainKeys(truth: Truth): Set<string> {
  const out = new Set<string>();
  for (const u of truth.uncertain ?? []) {
    const cell = u.cell ?? '';
    if (/^t[234]\./u.test(cell)) out.add(cell);
    const m = /^table3\.(\w+)\.(\w+)$/u.exec(cell);
    if (m) {
      const row = OLD_T3_ROWS[m[1]!];
      const col = OLD_T3_COLS[m[2]!];
      if (!row || !col) throw new Error(`uncertain cell ${cell}: add its name to OLD_T3_ROWS/OLD_T3_COLS`);
      out.add(`t3.${row}.${col}`);
    }
    // Anything else names no single cell (e.g. "table3 value-only rows") and is compared as usual.
  }
  return out;
}

/** The printed labels (template label and aliases) of the row a fact key belongs to. */
function rowLabels(key: string): string[] {
  const parts = key.split('.');
  const table = parts[0];
  const row = parts.slice(1, -1).join('.');
  const out: string[] = [];
  for (const tpl of Object.values(TEMPLATES)) {
    if (table === 't2') for (const b of tpl.t2.blocks) for (const r of b.rows) if (r.key === row) out.push(r.label, ...(r.aliases ?? []));
    if (table === 't3') for (const r of tpl.t3.rows) if (r.key === row) out.push(r.label, ...(r.aliases ?? []));
    if (table === 't4') for (const b of tpl.t4.blocks) if (b.key === row) out.push(b.label);
  }
  return [...new Set(out)];
}

const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');

/** A `table/unreadable` review finding that names the row of `key`. */
export function unreadableNames(report: Report, key: string): Finding | undefined {
  const labels = rowLabels(key).map(norm);
  const tableName = { t2: '表二', t3: '表三', t4: '表四' }[key.slice(0, 2)]!;
  return report.findings.find((f) => {
    if (f.ruleId !== 'table/unreadable' || f.kind !== 'review') return false;
    const message = norm(f.message);
    if (!message.includes(tableName)) return false;
    // Table 四 is split as one run: a finding about the whole table names every one of its cells.
    if (key.startsWith('t4.') && /表四的数字/u.test(message)) return true;
    return labels.some((label) => message.includes(`“${label}”`) || message.includes(` ${label} `));
  });
}

// ---------------------------------------------------------------------------------------------
// Identity checks computed by the truth's script → expected findings
// ---------------------------------------------------------------------------------------------

const COLUMN_NAMES: Record<string, string> = { natural_person: '自然人', total: '总计' };
const PART_NAMES: Record<string, string> = { administrative_review: '行政复议', litigation_direct: '直接起诉', litigation_after_review: '复议后起诉' };

export function identityExpectations(truth: Truth): { what: string; rule: string; message: RegExp }[] {
  const out: { what: string; rule: string; message: RegExp }[] = [];
  const checks = truth.identity_checks_computed ?? [];
  // A 总计 column left blank: the truth's script sums it as 0; we report the omission instead.
  const blankTotals = checks.some((c) => /= total/u.test(c.rule) && c.stated === null);
  for (const c of checks) {
    const what = `${c.rule} ${c.column ?? c.part ?? c.row ?? ''}`;
    if (/sum of result rows/u.test(c.rule) && c.column === 'total' && c.computed === 0 && blankTotals) {
      out.push({ what, rule: 'table/total-omitted', message: /表三 总计列/u });
    } else if (/sum of result rows/u.test(c.rule) && c.stated !== c.computed) {
      out.push({ what, rule: 't3/results-sum', message: new RegExp(`${COLUMN_NAMES[c.column!] ?? c.column}列`, 'u') });
    } else if (/本年新收 \+ 上年结转/u.test(c.rule) && c.computed_lhs !== c.computed_rhs) {
      out.push({ what, rule: 't3/balance', message: new RegExp(`${COLUMN_NAMES[c.column!] ?? c.column}列`, 'u') });
    } else if (/结果维持\+结果纠正/u.test(c.rule) && c.stated !== c.computed) {
      out.push({ what, rule: 't4/block-sum', message: new RegExp(PART_NAMES[c.part!] ?? c.part!, 'u') });
    } else if (/natural_person \+ 5 legal-person columns = total/u.test(c.rule) && c.stated === null) {
      out.push({ what, rule: 'table/total-omitted', message: /表三 总计列/u });
    } else if (/= total/u.test(c.rule) && c.stated !== null && c.stated !== c.computed) {
      out.push({ what, rule: 't3/row-total', message: /./u });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Per file
// ---------------------------------------------------------------------------------------------

/** What became of one hand-found inconsistency. */
export interface HandEntry {
  text: string;
  /** The rule the mapping names (`tolerate`: the section rules; batch/none: none). */
  rule: string | null;
  status: 'reported' | 'blocked' | 'missed' | 'batch' | 'none' | 'tolerated' | 'unmapped';
}

export interface Judgement {
  summary: string;
  factProblems: string[];
  missed: string[];
  unmapped: string[];
  falseAlarms: string[];
  consistentTableErrors: string[];
  /** Every hand-found entry, in truth order, with its fate. */
  hand: HandEntry[];
  /** Findings the truth expects (hand entries mapped to a rule, failed identity checks). */
  claims: { rule: string; message: RegExp }[];
  /** Cells the truth's reader was not sure of: a finding about one is neither right nor wrong. */
  uncertain: Set<string>;
}

/** The truth accounts for this finding (a claim of its rule matches its message). */
export const explained = (j: Pick<Judgement, 'claims'>, f: Finding): boolean =>
  j.claims.some((c) => c.rule === f.ruleId && c.message.test(f.message));

/** A finding of this file that EXTRA_TRUE records as a real defect the truth does not list. */
export const extraTrue = (name: string, f: Finding): boolean =>
  EXTRA_TRUE.some((x) => x.files.includes(name) && x.rule === f.ruleId && x.message.test(f.message));

/** The finding is about a cell the truth's reader was not sure of. */
export const aboutUncertainCell = (j: Pick<Judgement, 'uncertain'>, f: Finding): boolean =>
  (f.cells ?? []).some((c) => j.uncertain.has(c.key));

/** Judges one audited report against its truth (facts, hand-found inconsistencies, false alarms). */
export function judge(name: string, truth: Truth, report: Report): Judgement {
  const uncertain = uncertainKeys(truth);

  // (a) facts
  let right = 0;
  let skipped = 0;
  let unreadable = 0;
  const factProblems: string[] = [];
  for (const [truthKey, want] of Object.entries(truth.facts ?? {})) {
    if (DERIVED.test(truthKey)) continue;
    const key = RENAME[truthKey] ?? truthKey;
    if (uncertain.has(key)) {
      skipped++;
      continue;
    }
    const fact = report.facts[key];
    if (!fact) {
      if (unreadableNames(report, key)) unreadable++;
      else factProblems.push(`${key}: truth ${JSON.stringify(want)}, not read and no table/unreadable finding names its row`);
      continue;
    }
    const got = typeof want === 'string' ? fact.raw : fact.value;
    if (got === want) right++;
    else factProblems.push(`${key}: truth ${JSON.stringify(want)}, read ${JSON.stringify(fact.raw)} (${fact.kind})`);
  }

  // (b) inconsistencies
  const claims: { rule: string; message: RegExp }[] = [];
  const missed: string[] = [];
  const unmapped: string[] = [];
  const hand: HandEntry[] = [];
  let tableInconsistency = false;
  for (const entry of truth.inconsistencies_found_by_hand ?? []) {
    const text = `${entry.rule} ${entry.detail}`;
    const rows = MAPPING.filter((row) => row.files.includes(name) && text.includes(row.entry));
    if (rows.length !== 1) {
      unmapped.push(`${rows.length ? 'ambiguous' : 'unmapped'} truth entry: ${text.slice(0, 120)}`);
      hand.push({ text, rule: null, status: 'unmapped' });
      continue;
    }
    const expect = rows[0]!.expect;
    if ('batch' in expect) hand.push({ text, rule: null, status: 'batch' });
    else if ('none' in expect) hand.push({ text, rule: null, status: 'none' });
    else if ('tolerate' in expect) {
      const section = report.sections.find((s) => s.id === expect.tolerate);
      if (!section?.present) missed.push(`${text.slice(0, 80)} → section ${expect.tolerate} should still be found`);
      hand.push({ text, rule: 'section/missing', status: section?.present ? 'tolerated' : 'missed' });
    } else {
      if (/^(t3|t4|table)\//u.test(expect.rule)) tableInconsistency = true;
      claims.push(expect);
      const found = report.findings.find((f) => f.ruleId === expect.rule && expect.message.test(f.message));
      let status: HandEntry['status'] = 'reported';
      if (!found) {
        // The cells the check needs could not be read, and the user is told so: an honest gap.
        if (expect.needs?.length && expect.needs.every((key) => !report.facts[key] && unreadableNames(report, key))) status = 'blocked';
        else {
          status = 'missed';
          missed.push(`${text.slice(0, 100)} → expected ${expect.rule} ${expect.message}`);
        }
      }
      hand.push({ text, rule: expect.rule, status });
    }
  }
  // The truth's `sections`: a section it marks absent (or content only) makes section/missing true, one it marks
  // `equivalent` (found under another title) makes section/nonstandard-title true. Messages name the
  // section by its standard title.
  const SECTION_ORDER: SectionId[] = ['overview', 'proactive', 'requests', 'review_litigation', 'problems', 'other'];
  (truth.sections ?? []).forEach((t, i) => {
    const title = SECTION_NAMES[SECTION_ORDER[i]!];
    // Absent, or only its content without the heading (section/missing says so at warning level).
    if (t.present === false || t.present === 'content_only') claims.push({ rule: 'section/missing', message: new RegExp(`“${title}”`, 'u') });
    else if (t.present === 'equivalent') claims.push({ rule: 'section/nonstandard-title', message: new RegExp(`“${title}”`, 'u') });
  });
  // A misspelt heading the audit must read past (`tolerate`) is still not the format's title.
  for (const row of MAPPING) {
    if (row.files.includes(name) && 'tolerate' in row.expect) {
      claims.push({ rule: 'section/nonstandard-title', message: new RegExp(`“${SECTION_NAMES[row.expect.tolerate]}”`, 'u') });
    }
  }
  for (const id of identityExpectations(truth)) {
    tableInconsistency = true;
    claims.push(id);
    if (!report.findings.some((f) => f.ruleId === id.rule && id.message.test(f.message))) {
      missed.push(`identity check ${id.what} → expected ${id.rule} ${id.message}`);
    }
  }

  // (c) no error-level table finding on consistent tables; no failing finding the truth does not explain
  const consistentTableErrors = tableInconsistency
    ? []
    : report.findings.filter((f) => f.severity === 'error' && /^(t3|t4|table)\//u.test(f.ruleId)).map((f) => `${f.ruleId}: ${f.message}`);
  const j = { claims, uncertain };
  const falseAlarms = report.findings
    .filter((f) => CHECKED.test(f.ruleId) && f.kind === 'fail' && f.severity !== 'info')
    .filter((f) => !explained(j, f) && !extraTrue(name, f) && !aboutUncertainCell(j, f))
    .map((f) => `${f.ruleId} (${f.severity}): ${f.message.slice(0, 160)}`);

  // (d) summary
  const compared = right + unreadable + factProblems.length;
  const count = (status: HandEntry['status']) => hand.filter((h) => h.status === status).length;
  const summary =
    `${name}: facts ${right}/${compared} equal` +
    (unreadable ? `, ${unreadable} not read (row reported unreadable)` : '') +
    (skipped ? `, ${skipped} uncertain skipped` : '') +
    (factProblems.length ? `, ${factProblems.length} WRONG/UNEXPLAINED` : '') +
    `; inconsistencies ${hand.length}: ${count('reported')} reported` +
    (count('blocked') ? `, ${count('blocked')} blocked by unreadable cells` : '') +
    (count('tolerated') ? `, ${count('tolerated')} tolerated` : '') +
    (count('batch') ? `, ${count('batch')} batch` : '') +
    (count('none') ? `, ${count('none')} no rule` : '') +
    (missed.length ? `, ${missed.length} MISSED` : '') +
    `; false alarms ${falseAlarms.length + consistentTableErrors.length}`;
  return { summary, factProblems, missed, unmapped, falseAlarms, consistentTableErrors, hand, claims, uncertain };
}
