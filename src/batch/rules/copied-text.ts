import type { Finding } from '../../model.js';
import type { Summary } from '../types.js';
import { agencyKey, type CrossRuleMeta } from './util.js';

export const copiedTextRule: CrossRuleMeta = {
  id: 'cross-year/copied-text',
  severity: 'warning',
  kind: 'review',
  description: "Sections 一, 五 or 六 largely identical to the same agency's previous report or to another agency's report in the batch.",
};

const SECTION_NAMES = { overview: '一、总体情况', problems: '五、存在的主要问题及改进情况', other: '六、其他需要报告的事项' } as const;

/** Word shingle length; 5 jieba words is about a short clause. */
const K = 5;
/**
 * Below this many shingles a section is too short to call copied. 六 is often just the standard
 * sentence on 信息处理费 that the format asks every agency to write, so it needs a real paragraph.
 */
const MIN_SHINGLES: Record<string, number> = { overview: 15, problems: 15, other: 50 };
/** Share of this section's shingles found in the other one. */
const CONTAINMENT = 0.8;
/** Shingles shared by more sections than this are boilerplate of the format, not evidence. */
const MAX_POSTING = 400;

interface JiebaLike { cut(text: string, hmm?: boolean): string[] }
let jieba: JiebaLike | null = null;

/** Loaded on first use only: a single-report run never pays for the dictionary. */
async function getJieba(): Promise<JiebaLike> {
  if (!jieba) {
    const { Jieba } = await import('@node-rs/jieba');
    const { dict } = await import('@node-rs/jieba/dict.js');
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

const WORDLIKE = /[\p{L}\p{N}]/u;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

interface Doc {
  report: number;
  summary: Summary;
  agency: string | null;
  section: keyof typeof SECTION_NAMES;
  text: string;
  source: Finding['source'];
  /** Shingle hashes in text order, and the text offsets each shingle spans. */
  shingles: Uint32Array;
  starts: Uint32Array;
  ends: Uint32Array;
  set: Set<number>;
}

async function toDoc(report: number, summary: Summary, entry: Summary['texts'][number]): Promise<Doc> {
  const cutter = await getJieba();
  const words: { word: string; start: number; end: number }[] = [];
  let offset = 0;
  // cut() returns the text split into pieces whose concatenation is the input, so offsets add up.
  for (const piece of cutter.cut(entry.text, true)) {
    if (WORDLIKE.test(piece)) words.push({ word: piece, start: offset, end: offset + piece.length });
    offset += piece.length;
  }
  const n = Math.max(0, words.length - K + 1);
  const shingles = new Uint32Array(n);
  const starts = new Uint32Array(n);
  const ends = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    shingles[i] = fnv1a(words.slice(i, i + K).map((w) => w.word).join('\u0001'));
    starts[i] = words[i]!.start;
    ends[i] = words[i + K - 1]!.end;
  }
  return {
    report, summary, agency: agencyKey(summary.agency), section: entry.section, text: entry.text, source: entry.source,
    shingles, starts, ends, set: new Set(shingles),
  };
}

/** The longest run of consecutive shingles of `a` that `b` also has, as a quote from `a`. */
function copiedSpan(a: Doc, b: Doc): string {
  let best = [0, -1];
  let start = -1;
  for (let i = 0; i <= a.shingles.length; i++) {
    const inB = i < a.shingles.length && b.set.has(a.shingles[i]!);
    if (inB && start < 0) start = i;
    if (!inB && start >= 0) {
      if (i - 1 - start > best[1]! - best[0]!) best = [start, i - 1];
      start = -1;
    }
  }
  if (best[1]! < best[0]!) return '';
  const quote = a.text.slice(a.starts[best[0]!]!, a.ends[best[1]!]!).replace(/\s+/g, ' ');
  return quote.length > 120 ? `${quote.slice(0, 120)}…` : quote;
}

/**
 * Pairs a section with the same section of (a) the same agency's previous year or (b) another
 * agency's report, through an inverted index of word shingles so a big batch is not O(n²).
 * The later report (by year, then by input order) gets the finding.
 */
export async function checkCopiedText(summaries: readonly Summary[], isDuplicatePair: (a: Summary, b: Summary) => boolean): Promise<Finding[]> {
  // One report has nothing to be copied from: no need to load jieba and its dictionary.
  if (summaries.length < 2) return [];
  const docs: Doc[] = [];
  for (const [report, summary] of summaries.entries()) {
    for (const entry of summary.texts) {
      const doc = await toDoc(report, summary, entry);
      if (doc.set.size >= (MIN_SHINGLES[doc.section] ?? 15)) docs.push(doc);
    }
  }
  const postings = new Map<number, number[]>();
  for (const [id, doc] of docs.entries()) {
    for (const hash of doc.set) {
      let list = postings.get(hash);
      if (!list) postings.set(hash, (list = []));
      if (list.length <= MAX_POSTING) list.push(id);
    }
  }
  const findings: Finding[] = [];
  for (const [id, doc] of docs.entries()) {
    const overlap = new Map<number, number>();
    for (const hash of doc.set) {
      const list = postings.get(hash)!;
      if (list.length > MAX_POSTING) continue;
      for (const other of list) if (other !== id) overlap.set(other, (overlap.get(other) ?? 0) + 1);
    }
    let best: { other: Doc; containment: number; jaccard: number } | null = null;
    for (const [otherId, shared] of overlap) {
      const other = docs[otherId]!;
      if (other.section !== doc.section || other.report === doc.report) continue;
      const sameAgency = doc.agency !== null && doc.agency === other.agency;
      const a = doc.summary;
      const b = other.summary;
      if (sameAgency) {
        if (a.year == null || b.year !== a.year - 1) continue;
      } else {
        // Another agency: flag the later one only (later year, or later in the input at the same year).
        const later = (a.year ?? 0) > (b.year ?? 0) || ((a.year ?? 0) === (b.year ?? 0) && doc.report > other.report);
        if (!later) continue;
      }
      if (isDuplicatePair(a, b)) continue;
      const containment = shared / doc.set.size;
      if (containment < CONTAINMENT) continue;
      const jaccard = shared / (doc.set.size + other.set.size - shared);
      if (!best || containment > best.containment || (containment === best.containment && other.report < best.other.report)) {
        best = { other, containment, jaccard };
      }
    }
    if (!best) continue;
    const other = best.other;
    const who = doc.agency !== null && doc.agency === other.agency ? `本机关 ${other.summary.year} 年的报告` : `${other.summary.agency ?? '另一机关'}的报告`;
    const percent = Math.round(best.containment * 100);
    findings.push({
      ruleId: copiedTextRule.id,
      severity: copiedTextRule.severity,
      kind: copiedTextRule.kind,
      message: `“${SECTION_NAMES[doc.section]}”有 ${percent}% 的内容与${who}（${other.summary.file}）相同，例如：“${copiedSpan(doc, other)}”`,
      source: doc.source,
      expected: `相似度 < ${Math.round(CONTAINMENT * 100)}%`,
      actual: `${percent}% (Jaccard ${best.jaccard.toFixed(2)})`,
      related: [{ message: `相同内容所在的报告：${other.summary.file}`, source: other.source }],
    });
  }
  return findings;
}
