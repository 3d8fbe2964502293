/**
 * Report metadata: title, agency, report year, statistical period, signature date, publication
 * date and the format notice cited (spec §1.4). Looks only at bounded stretches of text.
 */
import type { Meta, Root } from '../model.js';

const TITLE = /([^\s，。、《》“”:：]{0,40}?)(\d{4})年度?([^\s，。《》“”]{0,30}?)(?:政府信息公开|政务信息公开|信息公开|政务公开)[^，。；\s]{0,12}?报告/;

const YEAR_NIAN = /\d{4}年/;

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Text of the first blocks (the title is there), squeezed of white space so wrapped titles join. */
function opening(tree: Root): string {
  let out = '';
  for (const node of tree.children) {
    if (node.type === 'table') break;
    out += node.value.slice(0, 400) + '\n';
    if (out.length > 1200) break;
  }
  return out;
}

export interface TitleInfo {
  title: string;
  year: number;
  agency: string | null;
}

/** The report title, its year and the agency named in it. */
export function parseTitle(raw: string): TitleInfo | null {
  const text = raw.replace(/[ \t\u3000]+/g, '');
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // A title wrapped over two lines (Markdown from PDF) is joined with the next line.
    for (const candidate of [lines[i]!, lines[i]! + (lines[i + 1] ?? '')]) {
      // TITLE needs a 4-digit year before 年 and ends in 报告: test those cheaply before the lazy scan.
      if (!candidate.includes('报告') || !YEAR_NIAN.test(candidate)) continue;
      const m = TITLE.exec(candidate);
      if (!m) continue;
      const year = Number(m[2]);
      if (year < 2000 || year > 2100) continue;
      const before = m[1]!.replace(/^.*(当前位置|首页|>)/, '').replace(/^(关于)/, '');
      const after = m[3]!.replace(/^(关于)/, '');
      const agency = before || after.replace(/(的|工作|度)$/, '') || null;
      return { title: m[0], year, agency: agency && agency.length >= 2 ? agency : null };
    }
  }
  return null;
}

const AGENCY_TAIL = /(局|委|办|办公室|政府|中心|院|厅|会|部|所|站|队|署|处|区|县|市|省|镇|乡|街道|馆|司)$/;
const SIGNATURE = /([^\s。；，,：:！？]{2,40}?)[\s\u3000]*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[\s\u3000]*$/;
const DATE_ONLY = /^[\s\u3000]*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[\s\u3000]*$/;
/** Both patterns end in 日: a cheap test first, as a long text is searched from its last block back. */
const ENDS_WITH_DAY = /日\s*$/;

/** The signature block: `茂名市茂南区财政局 2023年1月16日`, at the end of a paragraph or on two lines. */
export function findSignature(tree: Root): { agency: string; date: string; index: number; offset: number } | null {
  const nodes = tree.children;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (node.type !== 'paragraph') continue;
    const tail = node.value.slice(-80);
    if (!ENDS_WITH_DAY.test(tail)) continue;
    const only = DATE_ONLY.exec(tail.length === node.value.length ? tail : '');
    if (only) {
      const prev = nodes[i - 1];
      const name = prev?.type === 'paragraph' ? prev.value.trim() : '';
      const date = iso(Number(only[1]), Number(only[2]), Number(only[3]));
      if (date && name.length <= 40 && AGENCY_TAIL.test(name)) return { agency: name, date, index: i, offset: node.value.length - tail.length + only[0].search(/\d/) };
      continue;
    }
    const m = SIGNATURE.exec(tail);
    if (m && AGENCY_TAIL.test(m[1]!)) {
      const date = iso(Number(m[2]), Number(m[3]), Number(m[4]));
      if (date) return { agency: m[1]!, date, index: i, offset: node.value.length - tail.length + m.index + m[0].search(/\d{4}\s*年/) };
    }
  }
  return null;
}

const PERIOD = /统计(?:期限|时限|周期|时间|区间|期间|范围)?[^。；\d]{0,16}?(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const NOTICE = /国办公开办函\s*[〔\[［(（]\s*(\d{4})\s*[〕\]］)）]\s*(\d+)\s*号/;

/** Finds a pattern in the prose, block by block (bounded: the first 400 blocks). */
function firstMatch(tree: Root, pattern: RegExp): RegExpExecArray | null {
  let seen = 0;
  for (const node of tree.children) {
    if (node.type === 'table') continue;
    const m = pattern.exec(node.value.length > 200_000 ? node.value.slice(0, 200_000) : node.value);
    if (m) return m;
    if (++seen > 400) break;
  }
  return null;
}

/** `本年度报告中所列数据…2024年度`, `本报告…（2024年度）`: the report naming its own year in a sentence. */
const REPORT_SENTENCE_YEAR = /本(?:年度)?报告[^。；《》]{0,40}?(\d{4})\s*年度/;

/**
 * The report year when no title names it, in this order of trust (each is a statement of the report
 * about itself, the last an inference): the statistical period when both dates lie in one year; a
 * sentence of the report naming its year (本报告…2024年度); the signature's year − 1 (reports are
 * signed in the first months of the following year).
 */
function yearFromBody(tree: Root, period: Meta['period'], signature: { date: string } | null): { year: number; from: NonNullable<Meta['yearSource']> } | null {
  const from = period.from ? Number(period.from.slice(0, 4)) : null;
  const to = period.to ? Number(period.to.slice(0, 4)) : null;
  if (to !== null && (from === null || from === to)) return { year: to, from: 'period' };
  const sentence = firstMatch(tree, REPORT_SENTENCE_YEAR);
  if (sentence) {
    const year = Number(sentence[1]);
    if (year >= 2000 && year <= 2100) return { year, from: 'report-sentence' };
  }
  if (signature) return { year: Number(signature.date.slice(0, 4)) - 1, from: 'signature' };
  return null;
}

export function findMeta(tree: Root): Meta {
  const metadata = tree.data.metadata ?? {};
  const fromMetadata = metadata.title ? parseTitle(metadata.title) : null;
  const fromBody = parseTitle(opening(tree));
  const title = fromMetadata ?? fromBody;
  const signature = findSignature(tree);

  const period: Meta['period'] = { from: null, to: null };
  const p = firstMatch(tree, PERIOD);
  if (p) {
    const y1 = Number(p[1]);
    period.from = iso(y1, Number(p[2]), Number(p[3]));
    period.to = iso(p[4] ? Number(p[4]) : y1, Number(p[5]), Number(p[6]));
  }
  const n = firstMatch(tree, NOTICE);
  const agency = title?.agency ?? signature?.agency ?? metadata.agency ?? null;
  const inferred = title ? null : yearFromBody(tree, period, signature);
  const meta: Meta = {
    title: metadata.title ?? title?.title ?? null,
    agency,
    year: title?.year ?? inferred?.year ?? null,
    period,
    signedOn: signature?.date ?? null,
    publishedOn: metadata.publishedOn ?? null,
    notice: n ? `国办公开办函〔${n[1]}〕${n[2]}号` : null,
  };
  if (title) meta.yearSource = 'title';
  else if (inferred) meta.yearSource = inferred.from;
  return meta;
}
