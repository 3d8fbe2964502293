/**
 * Tables T2/T3/T4 rebuilt from crawler text where the cells are run together without separators
 * (`（一）予以公开3000003` is 3,0,0,0,0,0,3). A row's digits are split into cells only when the split is
 * forced: by the digits alone, by the row's own 总计, or (T3) by the column identities among row-valid
 * candidates. Anything else becomes a problem with its candidates, never a guessed number.
 */
import type { Fact, Facts, Root, Source, TableId, TableMatch } from '../../model.js';
import { t2Key, t3Key, t4Key, TEMPLATES } from '../../templates/index.js';
import type { T3Row, TableTemplates, TemplateColumn } from '../../templates/types.js';
import { findAll, findIn, labelRegex, labelSource, type Hit } from './labels.js';
import { variantLabel } from '../tables/labels.js';
import { buildStream, childIndexAt, sourceAt, type Stream } from './stream.js';
import { splitRun, sum, tokenize, valuesOf, type CellType, type Piece, type Token } from './split.js';

export interface TextRunProblem {
  /** `t3.<row>` / `t2.<row>` for a whole row, `t4.*` for the whole of table 四 (its run is split as one). */
  key?: string;
  message: string;
  source: Source;
  /** The splits that fit the digits (values per cell), when there are several. */
  candidates?: number[][];
  /** The identity rule no split satisfies (see TableProblem.rule). */
  rule?: string;
}

export interface TextRunResult {
  facts: Facts;
  tables: TableMatch[];
  problems: TextRunProblem[];
}

export type TemplateSet = Readonly<Record<'2021' | '2019', TableTemplates>>;

export interface TextRunOptions {
  /** Only these tables (e.g. those without a real TableNode). Default: all three. */
  tables?: TableId[];
}

/** A cell read from a run, before the table is numbered. */
interface RunCell {
  key: string;
  piece: Piece;
  row: number;
  col: number;
}

interface RunProblem {
  key?: string;
  message: string;
  at: number;
  candidates?: number[][];
  /** The identity rule no split satisfies (see TableProblem.rule). */
  rule?: string;
}

/** One table found in the text (not yet numbered). */
interface Found {
  id: TableId;
  template: '2021' | '2019';
  /** Stream index where the table starts (its first label). */
  at: number;
  cells: RunCell[];
  expected: string[];
  problems: RunProblem[];
  confidence: number;
  notes: string[];
  /** Label-like text between rows that named no template row. */
  unmatched?: { text: string; at: number }[];
}

/** Max candidates listed in a problem. */
const MAX_LISTED = 10;
/** Max characters between one T3 row label and the next (a row's data plus group labels). */
const T3_WINDOW = 400;
/** A number directly followed by one of these is prose (2025年, 3件), not a cell. */
const PROSE_UNIT = /^[年月日号%％件条个项次万元]/;

const INT: CellType = 'int';
const listed = (candidates: Piece[][]): number[][] => candidates.slice(0, MAX_LISTED).map(valuesOf);
const digitsOf = (tokens: Token[]): string => tokens.map((token) => token.text).join(' ');

/** The [digits and whitespace] run starting at `from`, without a trailing number that belongs to the prose. */
function leadingRun(text: string, from: number, allowed = /[\d\s]/): { data: string; end: number } {
  let end = from;
  while (end < text.length && allowed.test(text[end]!)) end++;
  let data = text.slice(from, end);
  if (end < text.length && PROSE_UNIT.test(text.slice(end)) && /\d$/.test(data)) {
    data = data.replace(/\S+$/, '');
  }
  const trimmed = data.replace(/\s+$/, '');
  return { data: trimmed, end: from + trimmed.length };
}

// ---------------------------------------------------------------------------
// T3
// ---------------------------------------------------------------------------

interface T3Run {
  row: T3Row;
  index: number;
  label: Hit;
  data: string;
  clean: boolean;
  /** The printed label, when it is a variant of the template's (words inserted, dropped or replaced). */
  variant?: string;
}

/** Longest text between digits that is tried as a variant row label. */
const VARIANT_MAX = 80;
const ITEM = /^(\d+)[.．、]/u;

/**
 * Rows whose label is not printed verbatim (`2.其他法律和行政法规禁止公开`, `…行政机关不再受理`): between the
 * rows found around them, each stretch of text between digits is tried, in order, against the rows still
 * missing there (`variantLabel`: it must name one of them clearly). A label's item number is glued to
 * the digits before it (`00000002.其他…`); it is taken back only when it is the row's own number.
 * Fills `hits` and `variants`; returns the stretches that named no row (nearest candidates for problems).
 */
function recoverT3Variants(text: string, rows: T3Row[], hits: (Hit | null)[], variants: Map<number, string>, noise: RegExp): { text: string; at: number }[] {
  const unmatched: { text: string; at: number }[] = [];
  let r = 0;
  while (r < rows.length) {
    if (hits[r]) {
      r++;
      continue;
    }
    let q = r;
    while (q < rows.length && !hits[q]) q++;
    const before = [...hits.slice(0, r)].reverse().find((hit) => hit !== null);
    const after = q < rows.length ? hits[q]! : null;
    if (before) {
      const from = before.end;
      const to = after ? after.start : Math.min(text.length, from + T3_WINDOW);
      // Group labels are not rows: blank them out (same length, so indexes hold).
      const region = text.slice(from, to).replace(new RegExp(noise.source, 'g'), (m) => '\u0000'.repeat(m.length));
      let open = rows.slice(r, q).map((row, i) => ({ key: row.key, label: row.label, aliases: row.aliases, index: r + i }));
      for (const stretch of region.matchAll(/[^\d\u0000]+/gu)) {
        const printed = stretch[0].trim();
        if (!/\p{Script=Han}.*\p{Script=Han}/u.test(printed) || printed.length > VARIANT_MAX) continue;
        let start = from + stretch.index + (stretch[0].length - stretch[0].trimStart().length);
        const end = start + printed.length;
        const found = variantLabel(printed, open);
        if (!found) {
          unmatched.push({ text: printed, at: start });
          continue;
        }
        // `.其他法律…` after `…00000002`: the 2 is the label's number, not a cell, if it is this row's number.
        if (/^[.．、]/u.test(printed)) {
          const number = ITEM.exec(found.item.label)?.[1];
          if (!number || text.slice(start - number.length, start) !== number) {
            unmatched.push({ text: printed, at: start });
            continue;
          }
          start -= number.length;
        }
        hits[found.item.index] = { start, end };
        variants.set(found.item.index, text.slice(start, end));
        open = open.filter((row) => row.index > found.item.index);
      }
    }
    r = q;
  }
  return unmatched;
}

function rowLabels(row: { label: string; aliases?: string[] }): string[] {
  return [row.label, ...(row.aliases ?? [])];
}

/** The rows of T3 located from one anchor: each row label searched in order after the previous one. */
function locateT3From(text: string, tpl: TableTemplates, patterns: T3Patterns, anchor: number): T3Located {
  const rows = tpl.t3.rows;
  const { noise } = patterns;
  const hits: (Hit | null)[] = [];
  let cursor = anchor;
  for (let r = 0; r < rows.length; r++) {
    const hit = findIn(patterns.rows[r]!, text, cursor, cursor + T3_WINDOW);
    hits.push(hit);
    if (hit) cursor = hit.end;
  }
  const variants = new Map<number, string>();
  const found = hits.filter((hit) => hit !== null).length;
  // Only for a chain that is a table (most rows found verbatim), not for every stray anchor.
  const unmatched = found >= 3 && found < rows.length ? recoverT3Variants(text, rows, hits, variants, noise) : [];
  const runs: T3Run[] = [];
  hits.forEach((hit, index) => {
    if (!hit) return;
    const next = hits.slice(index + 1).find((other) => other !== null);
    let data: string;
    let clean: boolean;
    if (next) {
      const between = text.slice(hit.end, next.start);
      // Group labels （三）不予公开 … stand between rows; a row's data is what comes before them.
      const cut = findIn(noise, between, 0);
      data = cut ? between.slice(0, cut.start) : between;
      const rest = cut ? between.slice(cut.start).replace(new RegExp(noise.source, 'g'), '') : '';
      data = data.replace(/\s+$/, '');
      clean = /^[\d\s]*$/.test(data) && /^\s*$/.test(rest) && /\d/.test(data);
    } else {
      data = leadingRun(text, hit.end).data;
      clean = /\d/.test(data);
    }
    const variant = variants.get(index);
    runs.push({ row: rows[index]!, index, label: hit, data, clean, ...(variant ? { variant } : {}) });
  });
  return { runs, unmatched };
}

interface T3Located {
  runs: T3Run[];
  /** Label-like text between the rows that named no row. */
  unmatched: { text: string; at: number }[];
}

/** The label patterns of T3, built once per text rather than once per anchor. */
interface T3Patterns {
  rows: RegExp[];
  noise: RegExp;
}

function locateT3(stream: Stream, tpl: TableTemplates): T3Located {
  const rows = tpl.t3.rows;
  const patterns: T3Patterns = {
    rows: rows.map((row) => labelRegex(rowLabels(row))),
    noise: labelRegex([...tpl.t3.groups.map((group) => group.label), '三、本年度办理结果']),
  };
  let best: T3Located = { runs: [], unmatched: [] };
  const score = (located: T3Located): number => located.runs.filter((run) => run.clean).length;
  for (let r = 0; r < Math.min(2, rows.length); r++) {
    for (const hit of findAll(patterns.rows[r]!, stream.text)) {
      const located = locateT3From(stream.text, tpl, patterns, hit.start);
      if (score(located) > score(best)) best = located;
      // Every row clean: no later anchor can score higher (a tie keeps the first).
      if (score(best) === rows.length) break;
    }
    if (best.runs.length > 0) break;
  }
  return best;
}

interface T3RowState {
  run: T3Run;
  dataStart: number;
  tokens: Token[];
  /** Candidates that satisfy the row identity (or the only possible split). */
  options: Piece[][];
  resolved: Piece[] | null;
}

/** Column identities T3.BALANCE and T3.RESULTS_SUM as lists of (row key, sign) per identity. */
function t3Identities(tpl: TableTemplates): { id: string; terms: [string, number][] }[] {
  const keys = new Set(tpl.t3.rows.map((row) => row.key));
  const leaves = tpl.t3.rows.map((row) => row.key).filter((key) => key.startsWith('results.') && key !== 'results.total');
  const out: { id: string; terms: [string, number][] }[] = [];
  if (['new_received', 'carried_over', 'results.total', 'carried_forward'].every((key) => keys.has(key))) {
    out.push({ id: 'T3.BALANCE', terms: [['new_received', 1], ['carried_over', 1], ['results.total', -1], ['carried_forward', -1]] });
  }
  if (keys.has('results.total')) {
    out.push({ id: 'T3.RESULTS_SUM', terms: [['results.total', -1], ...leaves.map((key): [string, number] => [key, 1])] });
  }
  return out;
}

/**
 * Chooses among row-valid candidates of ambiguous rows with the column identities: a combination is taken
 * only when it is the one combination under which every identity column touching those rows holds.
 */
function disambiguateT3(states: Map<string, T3RowState>, tpl: TableTemplates): void {
  const ambiguous = [...states.values()].filter((state) => !state.resolved && state.options.length > 1);
  if (ambiguous.length === 0) return;
  const combos = ambiguous.reduce((acc, state) => acc * state.options.length, 1);
  if (combos > 20000) return;
  const identities = t3Identities(tpl).filter((identity) =>
    identity.terms.every(([key]) => {
      const state = states.get(key);
      return state && (state.resolved || state.options.length > 1);
    }) && identity.terms.some(([key]) => ambiguous.includes(states.get(key)!)),
  );
  if (identities.length === 0) return;
  const winners: number[][] = [];
  const choice = new Array<number>(ambiguous.length).fill(0);
  const valueAt = (key: string, col: number): number => {
    const state = states.get(key)!;
    const pieces = state.resolved ?? state.options[choice[ambiguous.indexOf(state)]!]!;
    return pieces[col]!.value;
  };
  const check = (): boolean =>
    identities.every((identity) => {
      for (let col = 0; col < 7; col++) {
        if (identity.terms.reduce((acc, [key, sign]) => acc + sign * valueAt(key, col), 0) !== 0) return false;
      }
      return true;
    });
  const walk = (depth: number): void => {
    if (winners.length > 1) return;
    if (depth === ambiguous.length) {
      if (check()) winners.push(choice.slice());
      return;
    }
    for (let i = 0; i < ambiguous[depth]!.options.length; i++) {
      choice[depth] = i;
      walk(depth + 1);
    }
  };
  walk(0);
  if (winners.length !== 1) return;
  ambiguous.forEach((state, i) => {
    state.resolved = state.options[winners[0]![i]!]!;
  });
}

/**
 * Splits of a row that fit no split of its own identity but agree with the column identities (T3.BALANCE,
 * T3.RESULTS_SUM over the rows already read) in every column but one: the one place the report is wrong.
 * Empty when no identity touching the row has all its other rows read.
 */
function plausibleSplits(key: string, candidates: Piece[][], states: Map<string, T3RowState>, tpl: TableTemplates): Piece[][] {
  const identities = t3Identities(tpl).filter(
    (identity) => identity.terms.some(([k]) => k === key) && identity.terms.every(([k]) => k === key || states.get(k)?.resolved),
  );
  if (identities.length === 0) return [];
  const width = tpl.t3.columns.length;
  return candidates.filter((pieces) => {
    let held = 0;
    for (let col = 0; col < width; col++) {
      const holds = identities.every(
        (identity) => identity.terms.reduce((acc, [k, sign]) => acc + sign * (k === key ? pieces[col]! : states.get(k)!.resolved![col]!).value, 0) === 0,
      );
      if (holds) held++;
    }
    return held >= width - 1;
  });
}

function extractT3(stream: Stream, templates: TemplateSet): Found | null {
  const attempts = (['2021', '2019'] as const).map((version) => ({ version, ...locateT3(stream, templates[version]) }));
  const clean = (runs: T3Run[]): number => runs.filter((run) => run.clean).length;
  attempts.sort((a, b) => clean(b.runs) - clean(a.runs));
  const { version, runs, unmatched } = attempts[0]!;
  // Two labels could be chance; a table has most of its rows.
  if (clean(runs) < 3) return null;
  const tpl = templates[version];
  const columns = tpl.t3.columns;
  const types = columns.map(() => INT);
  const problems: RunProblem[] = [];
  const notes: string[] = [];
  const states = new Map<string, T3RowState>();
  const impossible: { run: T3Run; dataStart: number; tokens: Token[]; candidates: Piece[][] }[] = [];
  for (const run of runs) {
    const dataStart = run.label.end + (stream.text.slice(run.label.end).length - stream.text.slice(run.label.end).trimStart().length);
    const label = run.row.label;
    if (!run.clean) {
      // Name the text that stands in the way: a label we did not recognise is the usual cause.
      const stray = /[^\d\s]+/u.exec(run.data.replace(/^[\d\s]+/u, ''))?.[0] ?? /[^\d\s]\S*/u.exec(stream.text.slice(run.label.end, run.label.end + 60))?.[0];
      problems.push({
        key: `t3.${run.row.key}`,
        at: run.label.start,
        message: stray
          ? `表三“${label}”一行的数字之后是未能识别的文字“${stray.slice(0, 40)}”，无法确定本行的数字到哪里为止，未读取本行。`
          : `表三“${label}”一行之后不是连写的数字，无法读取本行。`,
      });
      continue;
    }
    const tokens = tokenize(run.data, run.label.end);
    const { candidates, truncated } = splitRun(tokens, types, 6);
    const digits = digitsOf(tokens);
    if (candidates.length === 0 || truncated) {
      problems.push({ key: `t3.${run.row.key}`, at: dataStart, message: `表三“${label}”一行的数字“${digits}”无法拆成${columns.length}个单元格，未读取本行。` });
      continue;
    }
    const rowValid = candidates.filter((pieces) => sum(valuesOf(pieces).slice(0, 6)) === pieces[6]!.value);
    if (rowValid.length === 0 && candidates.length > 1) {
      // Inconsistent whatever the split: decided after the other rows (the columns may still pick one).
      impossible.push({ run, dataStart, tokens, candidates });
      continue;
    }
    // The only possible split is taken even when the row's own 总计 is wrong: the rules flag that.
    const options = rowValid.length > 0 ? rowValid : candidates;
    states.set(run.row.key, { run, dataStart, tokens, options, resolved: options.length === 1 ? options[0]! : null });
  }
  disambiguateT3(states, tpl);
  for (const row of impossible) {
    const plausible = plausibleSplits(row.run.row.key, row.candidates, states, tpl);
    const digits = digitsOf(row.tokens);
    const label = row.run.row.label;
    if (plausible.length === 1) {
      // Every column but one agrees with the rows around it under this split, and under no other: read it;
      // t3/row-total (and the column rules) report the inconsistency the report carries.
      states.set(row.run.row.key, { run: row.run, dataStart: row.dataStart, tokens: row.tokens, options: plausible, resolved: plausible[0]! });
      notes.push(`表三“${label}”一行的数字“${digits}”没有一种拆法能使本行合计成立，按唯一与各列勾稽关系相符的拆法 ${valuesOf(plausible[0]!).join('|')} 读取`);
      continue;
    }
    const gap = (pieces: Piece[]): number => Math.abs(sum(valuesOf(pieces).slice(0, 6)) - pieces[6]!.value);
    const closest = Math.min(...row.candidates.map(gap));
    const shown = listed(row.candidates.filter((pieces) => gap(pieces) === closest));
    problems.push({
      key: `t3.${row.run.row.key}`,
      at: row.dataStart,
      rule: 't3/row-total',
      message:
        `表三“${label}”一行的数字“${digits}”无论怎样拆成${columns.length}个单元格，自然人与五类法人或其他组织之和都不等于总计，` +
        `报告所列本行本身不一致（${row.candidates.length}种拆法无一成立${plausible.length > 1 ? `，${plausible.length}种与各列勾稽关系大体相符` : ''}）；未读取本行。` +
        `最接近的拆法：${shown.slice(0, 6).map((values) => values.join('|')).join('、')}`,
      candidates: shown,
    });
  }
  const cells: RunCell[] = [];
  for (const state of states.values()) {
    const { run } = state;
    if (!state.resolved) {
      problems.push({
        key: `t3.${run.row.key}`,
        at: state.dataStart,
        message: `表三“${run.row.label}”一行的数字“${digitsOf(state.tokens)}”有${state.options.length}种拆法都满足本行合计，列间勾稽关系也不能确定唯一一种，未读取本行。`,
        candidates: listed(state.options),
      });
      continue;
    }
    state.resolved.forEach((piece, j) => {
      cells.push({ key: t3Key(run.row.key, columns[j]!.key), piece, row: 4 + run.index, col: 4 + j });
    });
  }
  const expected = tpl.t3.rows.flatMap((row) => columns.map((column) => t3Key(row.key, column.key)));
  const variants = runs.filter((run) => run.variant).map((run) => `行标签「${run.variant}」与模板「${run.row.label}」措辞不同，按字符相似度读作该行`);
  return {
    id: 't3',
    template: version,
    at: runs[0]!.label.start,
    cells,
    expected,
    problems,
    confidence: runs.filter((run) => run.clean).length / tpl.t3.rows.length,
    notes: ['由连写数字拆分而来 (text-runs)', ...variants, ...notes],
    unmatched,
  };
}

// ---------------------------------------------------------------------------
// T4
// ---------------------------------------------------------------------------

/** Table 四's header words; spaces may stand inside a word (`结果 纠正其他 结果尚未 审结`), 其它 for 其他. */
const T4_HEADER = new RegExp(
  `\\s*(?:${['结果维持', '结果纠正', '其他结果', '其它结果', '尚未审结', '总计', '合计', '未经复议直接起诉', '复议后起诉', '行政复议', '行政诉讼'].map(labelSource).join('|')})(?:\\s*[（(](?:单位[:：])?件[）)])?`,
  'y',
);

/**
 * The column headers run from `from`: where it ends and how many headers it holds. Runs are remembered by
 * start position, so a text repeating the headers (one chain seen from many 复议后起诉) is walked once.
 */
function headerRun(text: string, from: number, memo: Map<number, { end: number; headers: number }>): { end: number; headers: number } {
  const path: number[] = [];
  let pos = from;
  let tail: { end: number; headers: number };
  for (;;) {
    const known = memo.get(pos);
    if (known) {
      tail = known;
      break;
    }
    T4_HEADER.lastIndex = pos;
    const match = T4_HEADER.exec(text);
    if (!match) {
      tail = { end: pos, headers: 0 };
      break;
    }
    path.push(pos);
    pos += match[0].length;
  }
  for (let i = path.length - 1; i >= 0; i--) memo.set(path[i]!, { end: tail.end, headers: tail.headers + path.length - i });
  return memo.get(from) ?? tail;
}

/** Where table 四 is in the text; or, when its labels are there but the header run breaks off, where and at what. */
type T4Located = { at: number; data: string; dataStart: number } | { at: number; stuck: string };

function locateT4(stream: Stream): T4Located | null {
  const { text } = stream;
  const runs = new Map<number, { end: number; headers: number }>();
  let stuck: { at: number; stuck: string } | null = null;
  for (const hit of findAll(labelRegex(['复议后起诉']), text)) {
    const before = text.slice(Math.max(0, hit.start - 300), hit.start);
    if (!/行政法?复议/.test(before)) continue;
    const { end: pos, headers } = headerRun(text, hit.end, runs);
    const at = before.search(/行政法?复议/) + Math.max(0, hit.start - 300);
    if (headers < 5) {
      // Some header words follow, then something we cannot read: the table is there, not missing.
      if (headers >= 1 && !stuck) stuck = { at, stuck: text.slice(pos, pos + 16).trim() };
      continue;
    }
    const dataStart = pos + (text.slice(pos).length - text.slice(pos).trimStart().length);
    const { data } = leadingRun(text, dataStart);
    if (!/\d/.test(data)) continue;
    return { at, data, dataStart };
  }
  return stuck;
}

function extractT4(stream: Stream, tpl: TableTemplates): Found | null {
  const located = locateT4(stream);
  if (!located) return null;
  const { blocks, columns } = tpl.t4;
  if ('stuck' in located) {
    const expected = blocks.flatMap((block) => columns.map((column) => t4Key(block.key, column.key)));
    return {
      id: 't4', template: tpl.version, at: located.at, cells: [], expected, confidence: 0, notes: ['由连写数字拆分而来 (text-runs)'],
      problems: [{ key: 't4.*', at: located.at, message: `表四的表头在“${located.stuck}”处无法与模板的列标题对应，未读取表四。` }],
    };
  }
  const width = columns.length;
  const totalIndex = columns.findIndex((column) => column.key === 'total');
  const tokens = tokenize(located.data, located.dataStart);
  const { candidates, truncated } = splitRun(tokens, new Array<CellType>(blocks.length * width).fill(INT), 5);
  const expected = blocks.flatMap((block) => columns.map((column) => t4Key(block.key, column.key)));
  const found: Found = { id: 't4', template: tpl.version, at: located.at, cells: [], expected, problems: [], confidence: 1, notes: ['由连写数字拆分而来 (text-runs)'] };
  const digits = digitsOf(tokens);
  if (candidates.length === 0 || truncated) {
    found.problems.push({ key: 't4.*', at: located.dataStart, message: `表四的数字“${digits}”无法拆成${blocks.length * width}个单元格，未读取表四。` });
    return found;
  }
  let chosen: Piece[] | null = null;
  if (candidates.length === 1) {
    // Forced by the digits (e.g. 15 digits for 15 cells): kept even when a block's 总计 is wrong.
    chosen = candidates[0]!;
  } else {
    const blockOk = (pieces: Piece[], b: number): boolean => {
      const values = valuesOf(pieces.slice(b * width, (b + 1) * width));
      const total = values[totalIndex]!;
      return sum(values) - total === total;
    };
    const score = (pieces: Piece[]): number => blocks.reduce((acc, _, b) => acc + (blockOk(pieces, b) ? 1 : 0), 0);
    const scored = candidates.map((pieces) => ({ pieces, score: score(pieces) }));
    const full = scored.filter((entry) => entry.score === blocks.length);
    if (full.length === 1) chosen = full[0]!.pieces;
    else {
      const best = Math.max(...scored.map((entry) => entry.score));
      const listedCandidates = full.length > 1 ? full.map((entry) => entry.pieces) : scored.filter((entry) => entry.score === best).map((entry) => entry.pieces);
      if (full.length > 1) {
        found.problems.push({
          key: 't4.*',
          at: located.dataStart,
          message: `表四的数字“${digits}”有${full.length}种拆法都满足各栏合计，无法确定各单元格的值，未读取表四。`,
          candidates: listed(listedCandidates),
        });
      } else {
        // Whatever the split, some block's parts do not add up to its 总计: the published table is inconsistent.
        // Closest first: the split whose blocks miss their totals by least is the likeliest reading.
        const miss = (pieces: Piece[]): number =>
          blocks.reduce((acc, _, b) => {
            const values = valuesOf(pieces.slice(b * width, (b + 1) * width));
            return acc + Math.abs(sum(values) - 2 * values[totalIndex]!);
          }, 0);
        const shown = listed([...listedCandidates].sort((a, b) => miss(a) - miss(b)));
        const broken = (values: number[]): string =>
          blocks
            .map((block, b) => ({ block, values: values.slice(b * width, (b + 1) * width) }))
            .filter(({ values: v }) => sum(v) - v[totalIndex]! !== v[totalIndex]!)
            .map(({ block, values: v }) => `${block.label} ${v.filter((_, i) => i !== totalIndex).join('+')}≠${v[totalIndex]}`)
            .join('，');
        found.problems.push({
          key: 't4.*',
          at: located.dataStart,
          rule: 't4/block-sum',
          message:
            `表四的数字“${digits}”无论怎样拆成${blocks.length * width}个单元格，都不能使三栏“结果维持+结果纠正+其他结果+尚未审结=总计”同时成立，` +
            `报告所列表四本身不一致（${candidates.length}种拆法无一成立）；未读取表四。` +
            `最接近的拆法：${shown.slice(0, 4).map((values) => `${values.join('|')}（${broken(values)}）`).join('、')}`,
          candidates: shown,
        });
      }
    }
  }
  if (chosen) {
    chosen.forEach((piece, i) => {
      const block = blocks[Math.floor(i / width)]!;
      const column = columns[i % width]!;
      found.cells.push({ key: t4Key(block.key, column.key), piece, row: 4, col: i + 1 });
    });
  }
  return found;
}

// ---------------------------------------------------------------------------
// T2
// ---------------------------------------------------------------------------

const cellType = (column: TemplateColumn): CellType => column.type ?? 'int';

/** Which template's T2 labels the text uses: count the distinct column and row labels after the first caption. */
function chooseT2(stream: Stream, templates: TemplateSet): { tpl: TableTemplates; start: number } | null {
  let best: { tpl: TableTemplates; start: number; score: number } | null = null;
  for (const version of ['2021', '2019'] as const) {
    const tpl = templates[version];
    const first = tpl.t2.blocks[0];
    if (!first) continue;
    const labels = new Set(tpl.t2.blocks.flatMap((block) => [...block.columns.map((column) => column.label), ...block.rows.map((row) => row.label)]));
    const patterns = [...labels].map((label) => labelRegex([label]));
    for (const hit of findAll(labelRegex([first.caption]), stream.text)) {
      const region = stream.text.slice(hit.start, hit.start + 1200);
      let score = 0;
      for (const pattern of patterns) if (findIn(pattern, region, 0)) score++;
      if (!best || score > best.score) best = { tpl, start: hit.start, score };
    }
  }
  return best && best.score > 0 ? best : null;
}

function extractT2(stream: Stream, templates: TemplateSet): Found | null {
  const chosen = chooseT2(stream, templates);
  if (!chosen) return null;
  const { tpl, start } = chosen;
  const { text } = stream;
  const found: Found = { id: 't2', template: tpl.version, at: start, cells: [], expected: [], problems: [], confidence: 0, notes: ['由连写数字拆分而来 (text-runs)'] };
  let cursor = start;
  let gridRow = 0;
  let rowsFound = 0;
  let rowsTotal = 0;
  const blocks = tpl.t2.blocks;
  const captions = blocks.map((block) => labelRegex([block.caption]));
  blocks.forEach((block, b) => {
    const caption = findIn(captions[b]!, text, cursor, cursor + 1500);
    gridRow += 2; // caption row and 信息内容 header row
    const rowNumbers = block.rows.map((_, r) => gridRow + r + 1);
    gridRow += block.rows.length;
    rowsTotal += block.rows.length;
    for (const row of block.rows) for (const column of block.columns) found.expected.push(t2Key(row.key, column.key));
    if (!caption) return;
    const nextCaption = b + 1 < blocks.length ? findIn(captions[b + 1]!, text, caption.end, caption.end + 1500) : null;
    const windowEnd = nextCaption ? nextCaption.start : Math.min(text.length, caption.end + 400);
    cursor = caption.end;
    const types = block.columns.map(cellType);
    const allowed = types.includes('money') ? /[\d\s.+\-元万]/ : /[\d\s.+\-]/;
    let rowCursor = caption.end;
    block.rows.forEach((row, r) => {
      const hit = findIn(labelRegex(rowLabels(row)), text, rowCursor, windowEnd);
      if (!hit) {
        // The block is there but this row is not: the report may have dropped it (a missing 规章 row).
        found.problems.push({ key: `t2.${row.key}`, at: caption.start, message: `表二“${row.label}”一行未找到（报告可能漏列此行），未读取本行。` });
        return;
      }
      rowsFound++;
      rowCursor = hit.end;
      const dataStart = hit.end + (text.slice(hit.end).length - text.slice(hit.end).trimStart().length);
      let { data } = leadingRun(text, dataStart, allowed);
      // An enumeration number of the following text (`0 1.门户网站`) is not a cell.
      data = data.replace(/\s+\d+[.．、]$/, '');
      const tokens = tokenize(data, dataStart);
      const digits = digitsOf(tokens);
      const label = row.label;
      if (tokens.length === 0) {
        found.problems.push({ key: `t2.${row.key}`, at: hit.start, message: `表二“${label}”一行之后没有数字，无法读取本行。` });
        return;
      }
      const { candidates, truncated } = splitRun(tokens, types, 9);
      if (candidates.length === 1 && !truncated) {
        candidates[0]!.forEach((piece, j) => {
          found.cells.push({ key: t2Key(row.key, block.columns[j]!.key), piece, row: rowNumbers[r]!, col: j + 2 });
        });
      } else if (candidates.length === 0) {
        found.problems.push({ key: `t2.${row.key}`, at: dataStart, message: `表二“${label}”一行的内容“${digits}”无法拆成${types.length}个单元格，未读取本行。` });
      } else {
        found.problems.push({
          key: `t2.${row.key}`,
          at: dataStart,
          message: `表二“${label}”一行的数字“${digits}”可拆成${truncated ? '多' : candidates.length}种不同的单元格组合，无法确定各单元格的值，未读取本行。`,
          candidates: listed(candidates),
        });
      }
    });
  });
  if (rowsFound === 0) return null;
  found.confidence = rowsFound / rowsTotal;
  return found;
}

// ---------------------------------------------------------------------------
// Entry
// ---------------------------------------------------------------------------

function factOf(piece: Piece, source: Source): Fact {
  return { value: piece.value, raw: piece.raw, kind: piece.value === 0 ? 'zero' : 'number', source };
}

/**
 * Finds T2, T3 and T4 written as run-together digits in the tree's paragraphs and headings and reads the
 * cells whose split is certain. Returns nothing for texts without the 2019/2021 tables (pre-2019 reports).
 */
export function extractTextRunTables(tree: Root, templates: TemplateSet = TEMPLATES, options: TextRunOptions = {}): TextRunResult {
  const result: TextRunResult = { facts: {}, tables: [], problems: [] };
  const stream = buildStream(tree);
  if (!/\d/.test(stream.text)) return result;
  const wanted = new Set<TableId>(options.tables ?? ['t2', 't3', 't4']);
  // All three are located even when fewer are wanted, so table numbers do not depend on the request.
  const t3 = extractT3(stream, templates);
  const found = [extractT2(stream, templates), t3, extractT4(stream, templates[t3?.template ?? '2021'])].filter(
    (table): table is Found => table !== null,
  );
  // Number tables in document order, counting the real TableNodes too.
  const anchors = [
    ...stream.tableChildIndexes.map((childIndex) => ({ childIndex, at: -1, found: null as Found | null })),
    ...found.map((table) => ({ childIndex: childIndexAt(stream, table.at), at: table.at, found: table as Found | null })),
  ].sort((a, b) => a.childIndex - b.childIndex || a.at - b.at);
  anchors.forEach((anchor, i) => {
    const table = anchor.found;
    if (!table || !wanted.has(table.id)) return;
    const tableIndex = i + 1;
    const keys: string[] = [];
    for (const cell of table.cells) {
      const source: Source = { ...sourceAt(tree, stream, cell.piece.start), table: tableIndex, row: cell.row, col: cell.col };
      result.facts[cell.key] = factOf(cell.piece, source);
      keys.push(cell.key);
    }
    for (const problem of table.problems) {
      const source: Source = { ...sourceAt(tree, stream, problem.at), table: tableIndex };
      result.problems.push({
        ...(problem.key ? { key: problem.key } : {}),
        message: problem.message,
        source,
        ...(problem.candidates ? { candidates: problem.candidates } : {}),
        ...(problem.rule ? { rule: problem.rule } : {}),
      });
    }
    const have = new Set(keys);
    result.tables.push({
      id: table.id,
      template: table.template,
      nodeIndex: -1,
      tableIndex,
      keys,
      missing: table.expected.filter((key) => !have.has(key)),
      confidence: table.confidence,
      notes: table.notes,
      ...(table.unmatched?.length
        ? { unmatched: table.unmatched.map((u) => ({ text: u.text, source: { ...sourceAt(tree, stream, u.at), table: tableIndex } })) }
        : {}),
    });
  });
  return result;
}
