/**
 * Prose figures against the tables (spec X.PROSE_T3 / X.PROSE_T4): counts quoted in the text must
 * agree with the cells they name; qualitative claims (均获维持, 全部办结, 未发生行政复议) must agree
 * with the pending/corrected cells and totals. An ambiguous mapping is a review, not an error.
 */
import type { CellRef, Facts, Figure } from '../../model.js';
import { TEMPLATES, t3Key, t4Key } from '../../templates/index.js';
import { sourceOf } from '../../util/source.js';
import { cellRef } from '../sum.js';
import type { AuditDocument, Rule, RuleContext } from '../types.js';

interface Target {
  name: string;
  /** Row keys of table 三 (their 总计 column is summed) or full fact keys (t2, t4). */
  t3Rows?: string[];
  keys?: string[];
  /** Other readings the words allow: the figure agreeing with any of them is no mismatch. */
  also?: { name: string; t3Rows: string[] }[];
}

function t3Leaves(doc: AuditDocument, group: string): string[] {
  const match = doc.tables.find((t) => t.id === 't3');
  const tpl = TEMPLATES[match?.template ?? (doc.template === '2019' ? '2019' : '2021')];
  return tpl.t3.rows.filter((r) => r.key === group || r.key.startsWith(`${group}.`)).map((r) => r.key);
}

/** The last sentence tested for 申请: figures of one sentence share it, and a sentence may be long. */
let lastSentence: { text: string; has: boolean } | undefined;

/** 申请 in label + sentence, without joining them (a long sentence would be copied for every figure). */
function mentionsRequest(label: string, sentence: string): boolean {
  if (/申请/u.test(label) || (label.endsWith('申') && sentence.startsWith('请'))) return true;
  if (lastSentence?.text !== sentence) lastSentence = { text: sentence, has: /申请/u.test(sentence) };
  return lastSentence.has;
}

/** Which table quantity a prose label names; most specific patterns first. */
function targetsOf(doc: AuditDocument, figure: Figure): Target[] {
  const label = figure.label.normalize('NFKC');
  const out: Target[] = [];
  if (/予以公开(及|和|、)部分公开/u.test(label)) out.push({ name: '予以公开及部分公开', t3Rows: ['results.granted', 'results.partially_granted'] });
  else if (/部分公开/u.test(label)) out.push({ name: '部分公开', t3Rows: ['results.partially_granted'] });
  // 公开答复 (an answer granting disclosure) is 予以公开; 部分公开答复 and 不予公开答复 are caught around it.
  else if (/予以公开|同意公开|(?:^|[^不予])公开答复/u.test(label)) out.push({ name: '予以公开', t3Rows: ['results.granted'] });
  if (/不予公开/u.test(label)) out.push({ name: '不予公开', t3Rows: t3Leaves(doc, 'results.withheld') });
  if (/无法提供/u.test(label)) out.push({ name: '无法提供', t3Rows: t3Leaves(doc, 'results.unable') });
  if (/不予处理/u.test(label)) out.push({ name: '不予处理', t3Rows: t3Leaves(doc, 'results.not_processed') });
  if (/其他处理/u.test(label)) out.push({ name: '其他处理', t3Rows: t3Leaves(doc, 'results.other') });
  if (out.length) return out;
  if (/上年.*结转|含上年/u.test(label)) return [{ name: '上年结转', t3Rows: ['carried_over'] }];
  if (/结转(到|至)?下|下一?年度|顺延/u.test(label)) return [{ name: '结转下年度', t3Rows: ['carried_forward'] }];
  if (/办结|答复|办理完/u.test(label)) return [{ name: '办理结果总计', t3Rows: ['results.total'] }];
  if (/受理|收到|新收/u.test(label) && mentionsRequest(label, figure.sentence)) {
    // 收到 N件 may count last year's carried-over applications too (收到 75 = 新收 74 + 上年结转 1).
    return [{ name: '本年新收', t3Rows: ['new_received'], also: [{ name: '本年新收与上年结转之和', t3Rows: ['new_received', 'carried_over'] }] }];
  }
  // Table 二 (2021 format): 现行有效 / 制发 规章 or 行政规范性文件.
  const t2 = doc.tables.find((t) => t.id === 't2');
  const t2Row = /规范性文件/u.test(label) ? 'normative_docs' : /规章/u.test(label) ? 'regulations' : null;
  if (t2Row && (t2?.template ?? doc.template) === '2021') {
    const what = t2Row === 'normative_docs' ? '行政规范性文件' : '规章';
    if (/现行有效/u.test(label)) return [{ name: `现行有效${what}`, keys: [`t2.${t2Row}.in_force`] }];
    if (/制发|制定/u.test(label) && !/废止|失效|现行/u.test(label)) return [{ name: `本年制发${what}`, keys: [`t2.${t2Row}.made`] }];
  }
  if (/复议/u.test(label) && !/诉讼/u.test(label)) return [{ name: '行政复议', keys: [t4Key('review', 'total')] }];
  if (/诉讼/u.test(label) && !/复议/u.test(label)) {
    return [{ name: '行政诉讼', keys: [t4Key('litigation_direct', 'total'), t4Key('litigation_after_review', 'total')] }];
  }
  return [];
}

interface Value {
  value: number;
  cells: CellRef[];
  notes: string[];
}

/** A row's 总计; when it is blank, the sum of its applicant cells (and say so). */
function rowTotal(facts: Facts, row: string): Value | null {
  const total = facts[t3Key(row, 'total')];
  if (!total) return null;
  if (total.kind !== 'blank') return { value: total.value ?? 0, cells: [cellRef(t3Key(row, 'total'), total)], notes: [] };
  const cols = TEMPLATES['2021'].t3.columns.filter((c) => c.key !== 'total');
  const cells = cols.map((c) => facts[t3Key(row, c.key)]).filter((f) => f !== undefined);
  const value = cells.reduce((s, f) => s + (f.value ?? 0), 0);
  return {
    value,
    cells: cols.flatMap((c) => (facts[t3Key(row, c.key)] ? [cellRef(t3Key(row, c.key), facts[t3Key(row, c.key)]!)] : [])),
    notes: value ? ['总计列空白，按各申请人列合计'] : [],
  };
}

function valueOf(doc: AuditDocument, target: Target): Value | null {
  const parts: Value[] = [];
  for (const row of target.t3Rows ?? []) {
    const v = rowTotal(doc.facts, row);
    if (!v) return null;
    parts.push(v);
  }
  for (const key of target.keys ?? []) {
    const f = doc.facts[key];
    if (!f || f.kind === 'blank') {
      if (!f) return null;
      parts.push({ value: 0, cells: [cellRef(key, f)], notes: ['空白按 0 计'] });
    } else parts.push({ value: f.value ?? 0, cells: [cellRef(key, f)], notes: [] });
  }
  if (!parts.length) return null;
  return {
    value: parts.reduce((s, p) => s + p.value, 0),
    cells: parts.flatMap((p) => p.cells),
    notes: [...new Set(parts.flatMap((p) => p.notes))],
  };
}

const COUNT_UNITS = new Set(['件', '个', '次', '项', '起', '宗', '']);
/** 条 counts information items as often as cases: it counts as a case unit where the label names 申请, 复议 or 诉讼. */
const CASE_LABEL_FOR_TIAO = /申请|复议|诉讼/u;

function checkFigures(doc: AuditDocument, ctx: RuleContext): Set<string> {
  const mentioned = new Set<string>();
  for (const figure of doc.figures) {
    if (!COUNT_UNITS.has(figure.unit) && !(figure.unit === '条' && CASE_LABEL_FOR_TIAO.test(figure.label))) continue;
    const targets = targetsOf(doc, figure);
    if (targets.some((t) => t.name === '行政复议')) mentioned.add('review');
    if (targets.some((t) => t.name === '行政诉讼')) mentioned.add('litigation');
    if (!targets.length) continue;
    if (targets.length > 1) {
      ctx.report({
        message: `正文“${figure.raw}”（${figure.label}）可对应表中多项（${targets.map((t) => t.name).join('、')}），无法确定核对对象`,
        source: figure.source,
        kind: 'review',
        severity: 'info',
      });
      continue;
    }
    const target = targets[0]!;
    const v = valueOf(doc, target);
    if (!v || v.value === figure.value) continue;
    if (target.also?.some((other) => valueOf(doc, other)?.value === figure.value)) continue;
    const where = target.keys ? (target.keys[0]!.startsWith('t2.') ? '表二' : '表四') : '表三';
    // `区政府办代表区政府受理…17件`: an office counting what it handled, maybe not the whole table's scope.
    const scope = /代表[^，,。；;]{1,15}?(?:受理|收到|办理|答复|办结)/u.exec(figure.label);
    let hint: string | undefined;
    // A figure equal to a single row or the 自然人 cell hints at what the writer copied.
    for (const row of target.t3Rows ?? []) {
      const rt = rowTotal(doc.facts, row);
      const np = doc.facts[t3Key(row, 'natural_person')]?.value;
      if (target.t3Rows!.length > 1 && rt?.value === figure.value) hint = `正文数字与其中一行（${row}）相同，可能只引用了一项`;
      else if (np === figure.value) hint = `正文数字与该行“自然人”列相同（${np}），可能只引用了自然人一列`;
    }
    ctx.report({
      message: `正文称${target.name} ${figure.value} ${figure.unit || '件'}，但${where}${target.name}为 ${v.value}${v.notes.length ? `（${v.notes.join('；')}）` : ''}${scope ? '（正文所述为某一机关代为办理的数量，统计范围可能与表格不同，请核对）' : ''}：“${figure.sentence.slice(0, 80)}”`,
      source: figure.source,
      ...(scope ? { kind: 'review' as const, severity: 'info' as const } : {}),
      expected: v.value,
      actual: figure.value,
      cells: v.cells,
      hint,
      related: v.cells.slice(0, 1).map((c) => ({ message: `${where}单元格 ${c.key}`, source: c.source })),
    });
  }
  lastSentence = undefined;
  return mentioned;
}

/** No application received, said in words; the clause must not go on to what the applications led to. */
const NO_REQUESTS = /(?:未|没有)(?:收到|受理|接到)(?:过)?(?:任何)?(?:(?:政府)?信息公开|依申请公开(?:政府信息)?)?申请(?![^，。；;]*(?:复议|诉讼|引起|提起|投诉))/u;

/** Qualitative claims in the prose against table 四 / 三. */
function checkClaims(doc: AuditDocument, ctx: RuleContext, mentioned: Set<string>): void {
  const f = doc.facts;
  const sum = (keys: string[]) => keys.reduce((s, k) => s + (f[k]?.value ?? 0), 0);
  const blocks = ['review', 'litigation_direct', 'litigation_after_review'];
  const pending = sum(blocks.map((b) => t4Key(b, 'pending')));
  const corrected = sum(blocks.map((b) => t4Key(b, 'corrected')));
  // Cases in a block: its 总计, or the sum of its parts when the 总计 is wrong (printed 0 with a case in 结果纠正).
  const cases = (block: string): number =>
    Math.max(sum([t4Key(block, 'total')]), sum(['upheld', 'corrected', 'other', 'pending'].map((c) => t4Key(block, c))));
  const reviews = cases('review');
  const suits = cases('litigation_direct') + cases('litigation_after_review');
  const hasT4 = blocks.some((b) => f[t4Key(b, 'total')]);
  let talksAbout = false;
  for (const node of doc.tree.children) {
    if (node.type !== 'paragraph') continue;
    const text = node.value.normalize('NFKC');
    if (/复议|诉讼/u.test(text)) talksAbout = true;
    const cells = (keys: string[]) => keys.filter((k) => f[k]).map((k) => cellRef(k, f[k]!));
    if (hasT4 && /复议|诉讼/u.test(text) && /(均|全部|都)(获|被|予以)?维持|无败诉|零败诉|未出现败诉/u.test(text) && (pending > 0 || corrected > 0)) {
      const parts = [pending ? `尚未审结 ${pending} 件` : '', corrected ? `结果纠正 ${corrected} 件` : ''].filter(Boolean).join('、');
      ctx.report({
        message: `正文称复议、诉讼案件均获维持（或无败诉），但表四显示${parts}：“${text.slice(0, 80)}”`,
        source: sourceOf(doc.tree, node),
        cells: cells(blocks.flatMap((b) => [t4Key(b, 'corrected'), t4Key(b, 'pending')])),
      });
    }
    if (hasT4 && /未(发生|出现|收到|有)[^。；]{0,12}行政复议|无行政复议/u.test(text) && reviews > 0) {
      ctx.report({ message: `正文称未发生行政复议，但表四显示行政复议 ${reviews} 件`, source: sourceOf(doc.tree, node), cells: cells([t4Key('review', 'total')]) });
    }
    if (hasT4 && /未(发生|出现|有)[^。；]{0,12}(行政)?诉讼|无行政诉讼/u.test(text) && suits > 0) {
      ctx.report({ message: `正文称未发生行政诉讼，但表四显示行政诉讼 ${suits} 件`, source: sourceOf(doc.tree, node), cells: cells([t4Key('litigation_direct', 'total'), t4Key('litigation_after_review', 'total')]) });
    }
    // `本年度未收到政府信息公开申请` is a count of 0 in words (not `未收到因…申请引起的行政复议`).
    const received = f[t3Key('new_received', 'total')];
    if (received && (received.value ?? 0) > 0 && NO_REQUESTS.test(text)) {
      ctx.report({
        message: `正文称未收到政府信息公开申请，但表三本年新收为 ${received.value}：“${NO_REQUESTS.exec(text)![0]}”`,
        source: sourceOf(doc.tree, node),
        expected: received.value ?? 0,
        actual: 0,
        cells: [cellRef(t3Key('new_received', 'total'), received)],
      });
    }
    const forward = f[t3Key('carried_forward', 'total')];
    if (forward && (forward.value ?? 0) > 0 && /(全部|均已|已全部)(按时)?办结/u.test(text) && /申请/u.test(text)) {
      ctx.report({ message: `正文称申请已全部办结，但表三结转下年度继续办理为 ${forward.value}`, source: sourceOf(doc.tree, node), cells: [cellRef(t3Key('carried_forward', 'total'), forward)] });
    }
  }
  // Without any figures the prose extractor did not run: no basis for "never mentioned".
  if (!hasT4 || !talksAbout || !doc.figures.length) return;
  for (const [what, count, key] of [['review', reviews, '行政复议'], ['litigation', suits, '行政诉讼']] as const) {
    if (count > 0 && !mentioned.has(what)) {
      ctx.report({
        message: `表四显示${key} ${count} 件，正文未提及其数量`,
        source: f[t4Key(what === 'review' ? 'review' : 'litigation_direct', 'total')]!.source,
        kind: 'review',
        severity: 'info',
      });
    }
  }
}

export const proseTableMismatch: Rule = {
  id: 'prose/table-mismatch',
  severity: 'warning',
  kind: 'fail',
  description: 'A figure or claim in the prose disagrees with the table cell it names.',
  check(doc, ctx) {
    const mentioned = checkFigures(doc, ctx);
    checkClaims(doc, ctx, mentioned);
  },
};
