/**
 * Sum rules as data (Arelle-style calculation arcs): `Σ left = Σ right` over facts, with an
 * explicit blank policy. Blank is never silently 0: an identity that holds only when blanks are
 * read as 0 is reported as such; na (—, /) counts as 0 and is named in the message.
 */
import type { CellRef, Fact, Facts, Source } from '../model.js';
import type { AuditDocument, FindingInput, RuleContext } from './types.js';

export interface SumTerm {
  key: string;
  /** Short Chinese label for messages (新收, 自然人 …). */
  label: string;
}

export interface SumRule {
  /** What is being checked, for the message: `表三 总计列`. */
  scope: string;
  left: SumTerm[];
  right: SumTerm[];
  /** Keys that are stated totals: a blank total means the identity is not run (table/total-omitted says so). */
  totals: string[];
}

export type SumOutcome =
  | { status: 'skip'; reason: 'missing' | 'total-blank' | 'text' }
  | { status: 'ok'; cells: CellRef[]; naUsed: string[] }
  | { status: 'ok-if-blank-zero'; cells: CellRef[]; blanks: string[]; naUsed: string[]; message: string }
  | {
      status: 'fail';
      cells: CellRef[];
      blanks: string[];
      naUsed: string[];
      left: number;
      right: number;
      /** True when blanks could still make it hold (blanks as unknown, not 0). */
      couldHold: boolean;
      message: string;
      source: Source;
    };

export const cellRef = (key: string, fact: Fact): CellRef => ({ key, value: fact.value, raw: fact.raw, source: fact.source });

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** `新收 12 + 上年结转 1 = 13` (blank shown as 空白, na as its raw text). */
function side(terms: SumTerm[], facts: Facts, total: number): string {
  // Long sums (21 result rows) list only the cells that carry a number.
  const shownTerms = terms.length > 7 ? terms.filter((t) => (facts[t.key]!.value ?? 0) !== 0) : terms;
  const rest = terms.length - shownTerms.length;
  const parts = shownTerms.map((t) => {
    const f = facts[t.key]!;
    const shown = f.kind === 'blank' ? '空白' : f.kind === 'na' ? `${f.raw}(按0计)` : f.raw.trim();
    return `${t.label} ${shown}`;
  });
  if (rest) parts.push(`其余 ${rest} 项为 0 或空白`);
  return terms.length === 1 ? parts[0]! : `${parts.join(' + ')} = ${total}`;
}

export function evaluateSum(rule: SumRule, facts: Facts): SumOutcome {
  const all = [...rule.left, ...rule.right];
  for (const t of all) if (!facts[t.key]) return { status: 'skip', reason: 'missing' };
  for (const key of rule.totals) if (facts[key]!.kind === 'blank') return { status: 'skip', reason: 'total-blank' };
  if (all.some((t) => facts[t.key]!.kind === 'text')) return { status: 'skip', reason: 'text' };
  const cells = all.map((t) => cellRef(t.key, facts[t.key]!));
  const blanks = all.filter((t) => facts[t.key]!.kind === 'blank').map((t) => t.label);
  const naUsed = all.filter((t) => facts[t.key]!.kind === 'na').map((t) => t.label);
  const sum = (terms: SumTerm[]): number => round(terms.reduce((s, t) => s + (facts[t.key]!.value ?? 0), 0));
  const left = sum(rule.left);
  const right = sum(rule.right);
  const text = `${rule.scope}：${side(rule.left, facts, left)}，但${side(rule.right, facts, right)}`;
  const naNote = naUsed.length ? `（${naUsed.join('、')} 为“不适用”符号，按 0 计）` : '';
  if (left === right) {
    if (blanks.length) {
      return {
        status: 'ok-if-blank-zero',
        cells,
        blanks,
        naUsed,
        message: `${rule.scope}：仅在空白单元格（${blanks.join('、')}）按 0 计时成立${naNote}`,
      };
    }
    return { status: 'ok', cells, naUsed };
  }
  // Blanks as unknown non-negative numbers: the identity could still hold if the smaller side has a blank.
  const smaller = left < right ? rule.left : rule.right;
  const couldHold = smaller.some((t) => facts[t.key]!.kind === 'blank');
  const blankNote = blanks.length ? `（空白单元格 ${blanks.join('、')} 按 0 计${couldHold ? '；若空白表示未填写，则无法判断' : ''}）` : '';
  const sourceKey = rule.totals[0] ?? rule.right[0]!.key;
  return {
    status: 'fail',
    cells,
    blanks,
    naUsed,
    left,
    right,
    couldHold,
    message: `${text}${blankNote}${naNote}`,
    source: facts[sourceKey]!.source,
  };
}

/**
 * The finding for a failed sum: `expected` is the computed side (left), `actual` the stated one
 * (right). It drops to a warning when blanks, read as unknown, could still make the sum hold.
 */
export function sumFailure(outcome: Extract<SumOutcome, { status: 'fail' }>, message = outcome.message): FindingInput {
  return {
    message,
    source: outcome.source,
    severity: outcome.couldHold ? 'warning' : undefined,
    expected: outcome.left,
    actual: outcome.right,
    cells: outcome.cells,
  };
}

/**
 * The rows (or table 四) whose digits no split makes satisfy rule `ruleId`'s identity: the published
 * table breaks it whatever the split (TableProblem.rule). Reported as that rule's error, at the digits.
 */
export function reportImpossibleRuns(doc: AuditDocument, ctx: RuleContext, ruleId: string): void {
  for (const match of doc.tables) {
    for (const problem of match.problems ?? []) {
      if (problem.rule === ruleId) ctx.report({ message: problem.message, source: problem.source, hint: '请对照原表核对本行数字；无论哪种拆法，本行的勾稽关系都不成立' });
    }
  }
}
