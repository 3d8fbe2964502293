// Fuzz inputs: mutations of the corpus reports (and the project's own fixtures) per format, and
// generated adversarial documents. Everything is derived from a fast-check seed, so an input is
// rebuilt from its seed alone (`npm run fuzz -- --replay text:123456`): nothing is stored or copied.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import iconv from 'iconv-lite';

export type FuzzFormat = 'text' | 'html' | 'markdown' | 'pdf';
export const FUZZ_FORMATS: readonly FuzzFormat[] = ['text', 'html', 'markdown', 'pdf'];

export interface FuzzInput {
  /** File name the library sees (its extension may be wrong on purpose). */
  name: string;
  bytes: Uint8Array;
  /** What was done, for the report of a failure. */
  description: string;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = join(root, '..', 'shared', 'corpus');
const EXTENSIONS: Record<FuzzFormat, string[]> = { text: ['.txt'], html: ['.html'], markdown: ['.md'], pdf: ['.pdf'] };
/** Seed files: the shared corpus and the project's fixtures; PDFs over 600 KB are left out to keep a run short. */
const FIXTURE_DIRS: Record<FuzzFormat, string[]> = {
  text: ['fixtures/batch', 'fixtures/cross', 'fixtures/tables', 'fixtures/acceptance'],
  html: ['fixtures/html'], markdown: ['fixtures/markdown', 'fixtures/acceptance'], pdf: ['fixtures/pdf'],
};

export interface SeedFile { name: string; bytes: Uint8Array }

const seedCache = new Map<FuzzFormat, SeedFile[]>();

function listDir(dir: string, exts: string[]): string[] {
  try {
    return readdirSync(dir).filter((f) => exts.includes(extname(f).toLowerCase()) && !/^README/i.test(f)).sort().map((f) => join(dir, f));
  } catch {
    return [];
  }
}

export function seedFiles(format: FuzzFormat): SeedFile[] {
  const cached = seedCache.get(format);
  if (cached) return cached;
  const exts = EXTENSIONS[format];
  const paths = [...listDir(corpus, exts), ...FIXTURE_DIRS[format].flatMap((d) => listDir(join(root, d), exts))];
  const files = paths.map((p) => ({ name: basename(p), bytes: new Uint8Array(readFileSync(p)) })).filter((f) => f.bytes.length > 0 && f.bytes.length <= 600_000);
  seedCache.set(format, files);
  return files;
}

// --- Mutations ---------------------------------------------------------------------------------

const enc = new TextEncoder();
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};
const at = (bytes: Uint8Array, fraction: number): number => Math.min(bytes.length, Math.floor(fraction * bytes.length));
const insert = (bytes: Uint8Array, fraction: number, piece: Uint8Array): Uint8Array => {
  const i = at(bytes, fraction);
  return concat(bytes.subarray(0, i), piece, bytes.subarray(i));
};

/** A mutation, as data: fast-check generates these; `apply` is a pure function of it and the bytes. */
export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; positions: number[]; values: number[] }
  | { kind: 'duplicate'; from: number; length: number; to: number; times: number }
  | { kind: 'delete'; from: number; length: number }
  | { kind: 'invalid-utf8'; at: number; sequence: number }
  | { kind: 'gbk-splice'; from: number; length: number }
  | { kind: 'huge-number'; at: number; digits: number; style: number }
  | { kind: 'digit-run'; at: number; length: number; separator: number }
  | { kind: 'wide-row'; at: number; cells: number; cell: number }
  | { kind: 'deep-nesting'; at: number; depth: number; style: number }
  | { kind: 'huge-span'; at: number; span: number }
  | { kind: 'entity'; at: number; digits: number }
  | { kind: 'long-line'; at: number; length: number }
  | { kind: 'pdf-object'; which: number; how: number }
  | { kind: 'pdf-stream'; positions: number[] }
  | { kind: 'pdf-bomb'; megabytes: number }
  | { kind: 'pdf-xref'; how: number };

const INVALID_UTF8 = [[0xff], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe4, 0xbd], [0xfe, 0xff, 0x00], [0x00, 0x00]];
const HUGE_NUMBER_STYLES = [(d: string) => d, (d: string) => `${d}.${d}`, (d: string) => `-${d}`, (d: string) => `1e${d.length}`, (d: string) => `${d}%`, (d: string) => d.replace(/(\d{3})/g, '$1,')];
const SEPARATORS = ['', ' ', '、', '，', '\t', '|', '.'];
const CELLS = ['0', '1', '12345', '', '—', '/', 'x', '9'.repeat(20)];

/** Start offsets of `needle` (latin1) in `bytes`, at most `limit` of them. */
function find(bytes: Uint8Array, needle: string, limit = 10_000): number[] {
  const hay = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const found: number[] = [];
  for (let i = hay.indexOf(needle); i >= 0 && found.length < limit; i = hay.indexOf(needle, i + 1)) found.push(i);
  return found;
}

function nesting(format: FuzzFormat, depth: number, style: number): string {
  if (format === 'html' || format === 'pdf') {
    const tag = ['div', 'table', 'span', 'b', 'td'][style % 5]!;
    return `${`<${tag}>`.repeat(depth)}一、总体情况${`</${tag}>`.repeat(style % 2 ? 0 : depth)}`;
  }
  if (format === 'markdown') return [`${'>'.repeat(depth)} 引用`, '['.repeat(depth), `${'*'.repeat(depth)}一、总体情况`, `${'  '.repeat(Math.min(depth, 2000))}- 项`][style % 4]!;
  return [`${'（'.repeat(depth)}1${'）'.repeat(depth)}`, '('.repeat(depth), '一、'.repeat(depth)][style % 3]!;
}

function wideRow(format: FuzzFormat, cells: number, cell: string): string {
  if (format === 'html') return `<table><tr>${`<td>${cell}</td>`.repeat(cells)}</tr></table>`;
  if (format === 'markdown') return `\n|${' a |'.repeat(cells)}\n|${' --- |'.repeat(cells)}\n|${` ${cell} |`.repeat(cells)}\n`;
  return `\n${Array.from({ length: cells }, () => cell).join('\t')}\n`;
}

export function applyMutation(bytes: Uint8Array, m: Mutation, format: FuzzFormat): Uint8Array {
  switch (m.kind) {
    case 'truncate': return bytes.slice(0, at(bytes, m.at));
    case 'flip': {
      const out = bytes.slice();
      m.positions.forEach((p, i) => { if (out.length) out[Math.floor(p * out.length) % out.length] = m.values[i]!; });
      return out;
    }
    case 'duplicate': {
      const from = at(bytes, m.from);
      const chunk = bytes.subarray(from, Math.min(bytes.length, from + m.length));
      return insert(bytes, m.to, concat(...Array.from({ length: m.times }, () => chunk)));
    }
    case 'delete': {
      const from = at(bytes, m.from);
      return concat(bytes.subarray(0, from), bytes.subarray(Math.min(bytes.length, from + m.length)));
    }
    case 'invalid-utf8': return insert(bytes, m.at, new Uint8Array(INVALID_UTF8[m.sequence % INVALID_UTF8.length]!));
    case 'gbk-splice': {
      // A stretch re-encoded as GBK inside an otherwise UTF-8 file (two editors, one page).
      const from = at(bytes, m.from);
      const end = Math.min(bytes.length, from + m.length);
      const text = Buffer.from(bytes.subarray(from, end)).toString('utf8');
      return concat(bytes.subarray(0, from), new Uint8Array(iconv.encode(text, 'gbk')), bytes.subarray(end));
    }
    case 'huge-number': return insert(bytes, m.at, enc.encode(HUGE_NUMBER_STYLES[m.style % HUGE_NUMBER_STYLES.length]!('9'.repeat(m.digits))));
    case 'digit-run': {
      const sep = SEPARATORS[m.separator % SEPARATORS.length]!;
      return insert(bytes, m.at, enc.encode(`共${Array.from({ length: m.length }, (_, i) => String(i % 1000)).join(sep)}件。`));
    }
    case 'wide-row': return insert(bytes, m.at, enc.encode(wideRow(format, m.cells, CELLS[m.cell % CELLS.length]!)));
    case 'deep-nesting': return insert(bytes, m.at, enc.encode(nesting(format, m.depth, m.style)));
    case 'huge-span': return insert(bytes, m.at, enc.encode(`<table><tr><td colspan="${m.span}" rowspan="${m.span}">1</td><td>2</td></tr><tr><td>3</td></tr></table>`));
    case 'entity': return insert(bytes, m.at, enc.encode(`&#${'9'.repeat(m.digits)};&#x${'F'.repeat(Math.min(m.digits, 40))};&${'a'.repeat(m.digits)};`));
    case 'long-line': return insert(bytes, m.at, enc.encode('政府信息公开'.repeat(m.length)));
    case 'pdf-object': {
      const objs = find(bytes, ' obj');
      if (!objs.length) return bytes;
      const i = objs[m.which % objs.length]!;
      const out = Buffer.from(bytes);
      const region = out.subarray(i, Math.min(out.length, i + 400)).toString('latin1');
      const edits: [RegExp, string][] = [
        [/\/Length \d+/, '/Length 99999999'], [/\/Length \d+/, '/Length 0'], [/\/Type\s*\/Page\b/, '/Type /Pagx'],
        [/\/Kids\s*\[[^\]]*\]/, '/Kids [1 0 R 1 0 R]'], [/\/Count \d+/, '/Count 999999'], [/endobj/, 'endobx'],
        [/\/Filter\s*\/FlateDecode/, '/Filter /LZWDecode'], [/\/MediaBox\s*\[[^\]]*\]/, '/MediaBox [0 0 1e308 -1e308]'],
        [/\/Font\s*<</, '/Font <</F1 9999 0 R '], [/\d+ 0 R/, '0 0 R'],
      ];
      const [pattern, replacement] = edits[m.how % edits.length]!;
      const edited = region.replace(pattern, replacement);
      return concat(out.subarray(0, i), Buffer.from(edited, 'latin1'), out.subarray(Math.min(out.length, i + 400)));
    }
    case 'pdf-stream': {
      const streams = find(bytes, 'stream');
      if (!streams.length) return bytes;
      const out = bytes.slice();
      for (const p of m.positions) {
        const s = streams[Math.floor(p * streams.length) % streams.length]! + 8;
        const span = 64 + Math.floor(p * 1000);
        const j = s + Math.floor(p * 997) % span;
        if (j < out.length) out[j] = out[j]! ^ 0x5a;
      }
      return out;
    }
    case 'pdf-bomb': {
      // A content stream that inflates to `megabytes` of spaces, appended as an incremental update to page 1's contents.
      const stream = deflateSync(Buffer.alloc(m.megabytes * 1024 * 1024, 0x20), { level: 9 });
      const pages = find(bytes, '/Type /Page', 1);
      const body = Buffer.concat([Buffer.from(`\n9999 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
      const patched = pages.length ? Buffer.from(bytes).toString('latin1').replace(/\/Contents\s+\d+ 0 R/, '/Contents 9999 0 R') : Buffer.from(bytes).toString('latin1');
      return concat(Buffer.from(patched, 'latin1'), body);
    }
    case 'pdf-xref': {
      const text = Buffer.from(bytes).toString('latin1');
      const edited = [
        text.replace(/startxref\s+\d+/, 'startxref 999999999'), text.replace(/xref/g, 'xrex'), text.replace(/trailer/g, 'trailex'),
        text.replace(/\/Root \d+ 0 R/, '/Root 99999 0 R'), text.replace(/%%EOF\s*$/, ''), text.replace(/\/Encrypt/g, '/Encrypx'),
      ][m.how % 6]!;
      return new Uint8Array(Buffer.from(edited, 'latin1'));
    }
  }
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

function mutationArb(format: FuzzFormat): fc.Arbitrary<Mutation> {
  const common: fc.Arbitrary<Mutation>[] = [
    fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
    fc.record({ kind: fc.constant('flip' as const), positions: fc.array(fraction, { minLength: 1, maxLength: 40 }), values: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 40, maxLength: 40 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), from: fraction, length: fc.integer({ min: 1, max: 20_000 }), to: fraction, times: fc.integer({ min: 1, max: 30 }) }),
    fc.record({ kind: fc.constant('delete' as const), from: fraction, length: fc.integer({ min: 1, max: 20_000 }) }),
  ];
  const textual: fc.Arbitrary<Mutation>[] = [
    fc.record({ kind: fc.constant('invalid-utf8' as const), at: fraction, sequence: fc.nat() }),
    fc.record({ kind: fc.constant('gbk-splice' as const), from: fraction, length: fc.integer({ min: 1, max: 5000 }) }),
    fc.record({ kind: fc.constant('huge-number' as const), at: fraction, digits: fc.integer({ min: 16, max: 2000 }), style: fc.nat() }),
    fc.record({ kind: fc.constant('digit-run' as const), at: fraction, length: fc.integer({ min: 10, max: 20_000 }), separator: fc.nat() }),
    fc.record({ kind: fc.constant('wide-row' as const), at: fraction, cells: fc.integer({ min: 10, max: 20_000 }), cell: fc.nat() }),
    fc.record({ kind: fc.constant('deep-nesting' as const), at: fraction, depth: fc.integer({ min: 10, max: 20_000 }), style: fc.nat() }),
    fc.record({ kind: fc.constant('long-line' as const), at: fraction, length: fc.integer({ min: 100, max: 50_000 }) }),
  ];
  const html: fc.Arbitrary<Mutation>[] = [
    fc.record({ kind: fc.constant('huge-span' as const), at: fraction, span: fc.integer({ min: 100, max: 100_000_000 }) }),
    fc.record({ kind: fc.constant('entity' as const), at: fraction, digits: fc.integer({ min: 5, max: 2000 }) }),
  ];
  const pdf: fc.Arbitrary<Mutation>[] = [
    fc.record({ kind: fc.constant('pdf-object' as const), which: fc.nat(), how: fc.nat() }),
    fc.record({ kind: fc.constant('pdf-stream' as const), positions: fc.array(fraction, { minLength: 1, maxLength: 20 }) }),
    fc.record({ kind: fc.constant('pdf-bomb' as const), megabytes: fc.integer({ min: 1, max: 32 }) }),
    fc.record({ kind: fc.constant('pdf-xref' as const), how: fc.nat() }),
  ];
  const pool = format === 'pdf' ? [...common, ...pdf, ...pdf] : format === 'html' ? [...common, ...textual, ...html] : [...common, ...textual];
  return fc.oneof(...pool);
}

// --- Generated adversarial documents ---------------------------------------------------------

const HEADINGS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
const ROW_LABELS = ['规章', '行政规范性文件', '行政许可', '行政处罚', '一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '（一）予以公开', '五、结转下年度继续办理', '维持', '纠正', '总计'];
const WORDS = ['全年', '主动公开', '政府信息', '条', '件', '其中', '收到申请', '办结', '结转', '行政复议', '诉讼', '万元', '%', '同比', '增长', '（', '）', '：', '；', '。'];

const number = fc.oneof(fc.nat({ max: 100_000 }).map(String), fc.constantFrom('0', '', '—', '/', '-', '无', '1,234', '１２', '3.5', '1e9', '-7'),
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 400 }));
const prose = fc.array(fc.oneof(fc.constantFrom(...WORDS), number, fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 200 }).map((w) => w.join(''));
const table = fc.record({
  columns: fc.integer({ min: 1, max: 12 }),
  rows: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...ROW_LABELS), fc.string({ maxLength: 10 })), fc.array(number, { maxLength: 14 })), { maxLength: 40 }),
});
const documentArb = fc.record({
  title: fc.oneof(fc.constant('某县某局2024年政府信息公开工作年度报告'), fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 30 })),
  blocks: fc.array(fc.oneof(
    fc.constantFrom(...HEADINGS).map((h) => ({ kind: 'heading' as const, text: h })),
    prose.map((text) => ({ kind: 'prose' as const, text })),
    table.map((t) => ({ kind: 'table' as const, ...t })),
  ), { maxLength: 30 }),
  signature: fc.oneof(fc.constant('某县某局\n2025年1月20日'), fc.string({ maxLength: 40 })),
});
type GeneratedDocument = typeof documentArb extends fc.Arbitrary<infer T> ? T : never;

const escHtml = (s: string): string => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

function renderDocument(doc: GeneratedDocument, format: FuzzFormat): string {
  const parts: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'heading' || b.kind === 'prose') {
      parts.push(format === 'html' ? `<p>${escHtml(b.text)}</p>` : format === 'markdown' && b.kind === 'heading' ? `## ${b.text}` : b.text);
      continue;
    }
    const rows = b.rows.map(([label, cells]) => [label, ...cells]);
    if (format === 'html') parts.push(`<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${escHtml(c)}</td>`).join('')}</tr>`).join('')}</table>`);
    else if (format === 'markdown') parts.push([`|${' 项 |'.repeat(b.columns)}`, `|${' --- |'.repeat(b.columns)}`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n'));
    else parts.push(rows.map((r) => r.join('\t')).join('\n'));
  }
  const body = parts.join('\n\n');
  if (format === 'html') return `<!doctype html><html><head><meta charset="utf-8"><title>${escHtml(doc.title)}</title></head><body><h1>${escHtml(doc.title)}</h1>\n${body}\n<p>${escHtml(doc.signature)}</p></body></html>`;
  if (format === 'markdown') return `# ${doc.title}\n\n${body}\n\n${doc.signature}\n`;
  return `${doc.title}\n\n${body}\n\n${doc.signature}\n`;
}

/** A minimal valid PDF with one page whose text is `lines` (Helvetica: non-ASCII become `?`, as in a broken font). */
function minimalPdf(lines: string[]): Uint8Array {
  const content = `BT /F1 10 Tf 40 800 Td 12 TL ${lines.map((l) => `(${l.replace(/[\\()]/g, '\\$&').replace(/[^\x20-\x7e]/g, '?')}) '`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

const WRONG_EXTENSIONS = ['.txt', '.html', '.md', '.pdf', '', '.PDF', '.htm'];

/** The fast-check arbitrary of fuzz inputs for one format: mostly mutated seed files, some generated documents. */
export function inputArb(format: FuzzFormat): fc.Arbitrary<FuzzInput> {
  const seeds = seedFiles(format);
  const ext = EXTENSIONS[format][0]!;
  const rename = fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...WRONG_EXTENSIONS) });
  const mutated = fc.record({ seed: fc.nat({ max: Math.max(0, seeds.length - 1) }), mutations: fc.array(mutationArb(format), { minLength: 1, maxLength: 4 }), rename })
    .map(({ seed, mutations, rename: newExt }): FuzzInput => {
      const file = seeds[seed]!;
      let bytes = file.bytes;
      for (const m of mutations) bytes = applyMutation(bytes, m, format);
      const name = newExt === null ? file.name : `${basename(file.name, extname(file.name))}${newExt}`;
      return { name: `fuzz-${name}`, bytes, description: `${file.name} ← ${mutations.map(describe).join(' → ')}${newExt === null ? '' : ` (renamed ${newExt || 'no extension'})`}` };
    });
  const generated = fc.record({ doc: documentArb, rename }).map(({ doc, rename: newExt }): FuzzInput => {
    const text = renderDocument(doc, format === 'pdf' ? 'text' : format);
    const bytes = format === 'pdf' ? minimalPdf(text.split('\n').slice(0, 80)) : enc.encode(text);
    return { name: `generated${newExt ?? ext}`, bytes, description: `generated ${format} document (${doc.blocks.length} blocks)${newExt === null ? '' : ` as ${newExt || 'no extension'}`}` };
  });
  return seeds.length ? fc.oneof({ weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: generated }) : generated;
}

function describe(m: Mutation): string {
  const rest = Object.entries(m).filter(([k]) => k !== 'kind').map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.length}]` : typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : v}`);
  return `${m.kind}(${rest.join(',')})`;
}

/** The input with this seed: the same bytes on every machine and run. */
export function inputFor(format: FuzzFormat, seed: number): FuzzInput {
  return fc.sample(inputArb(format), { seed, numRuns: 1 })[0]!;
}

/** The per-input seed of input `index` of a run seeded `runSeed` (a 31-bit mix, so inputs differ across formats). */
export function inputSeed(runSeed: number, format: FuzzFormat, index: number): number {
  let h = (runSeed ^ 0x9e3779b9) >>> 0;
  for (const c of `${format}:${index}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  return (h ^ (h >>> 12)) & 0x7fffffff;
}
