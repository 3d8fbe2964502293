/**
 * .docx → report tree, read from the package's XML (fflate for the zip, saxes for the XML), not through
 * an HTML conversion: measured against mammoth → HTML → the HTML reader (docs/api.md "Word files"),
 * this keeps every paragraph's number as its position and is several times faster; both expand
 * gridSpan and vMerge. Headings as in the HTML reader: a short numbered line (一、 （一） 1.) or a
 * paragraph in a `heading N` style; the title, date and agency from the document properties
 * (docProps/core.xml, docProps/custom.xml — LibreOffice keeps an HTML page's <meta> there) and the
 * labelled lines (发布日期：…) as for a web page.
 */
import { load } from 'cheerio';
import { AuditError } from '../../errors.js';
import type { BlockNode, Position, Root, RootData, TableNode } from '../../model.js';
import { pageMetadata, scanPage } from '../html/body.js';
import { buildGrid, readDocument, readStyles, type Pending } from './document.js';
import { listEntries, readEntry, ZipError, type ZipEntry } from './zip.js';

export interface DocxOptions {
  file: string;
  /** Cap on the uncompressed size of each part read and of all of them together (bytes). */
  maxBytes: number;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' } as const)[c as '&']};`);

/** Text of the simple elements of a properties part: dc:title, and custom `<property name>` values. */
function readProperties(xml: string | undefined, custom: boolean): Map<string, string> {
  const out = new Map<string, string>();
  if (!xml) return out;
  const $ = load(xml, { xml: true });
  if (custom) {
    $('property').each((_, el) => {
      const name = (el as { attribs: Record<string, string> }).attribs['name'];
      const value = $(el).text().trim();
      if (name && value) out.set(name, value);
    });
  } else {
    const title = $('dc\\:title').first().text().trim();
    if (title) out.set('title', title);
  }
  return out;
}

function docxError(file: string, error: unknown): AuditError {
  if (error instanceof ZipError) {
    if (error.problem === 'too-large') return new AuditError('too-large', file, `Word 文档解压后过大，未读取 (Word file inflates past the size limit): ${file}: ${error.message}`, { cause: error });
    return new AuditError('word-broken', file, `Word 文档已损坏或不完整 (Word file is truncated or corrupt): ${file}: ${error.message}`, { cause: error });
  }
  return new AuditError('word-broken', file, `Word 文档已损坏，无法读取 (Word file is corrupt): ${file}: ${(error as Error).message}`, { cause: error });
}

/** Reads a .docx. Throws AuditError ('word-broken' for a truncated or corrupt package, 'too-large' for one over the size limit). */
export function parseDocx(bytes: Uint8Array, options: DocxOptions): Root {
  const { file, maxBytes } = options;
  let parts: Map<string, string>;
  try {
    const entries = listEntries(bytes);
    const byName = new Map<string, ZipEntry>(entries.map((e) => [e.name.replace(/^\//, ''), e]));
    const main = byName.get('word/document.xml');
    if (!main) throw new ZipError('corrupt', '压缩包中没有 word/document.xml (no word/document.xml in the package)');
    const wanted = ['word/document.xml', 'word/styles.xml', 'docProps/core.xml', 'docProps/custom.xml'].filter((n) => byName.has(n));
    let declared = 0;
    for (const name of wanted) declared += byName.get(name)!.size;
    if (declared > maxBytes) throw new ZipError('too-large', `解压后共 ${declared} 字节，超过上限 ${maxBytes} 字节（疑似 zip 炸弹）(declared uncompressed size over the limit: zip bomb?)`);
    const decoder = new TextDecoder('utf-8');
    parts = new Map();
    for (const name of wanted) parts.set(name, decoder.decode(readEntry(bytes, byName.get(name)!, maxBytes)));
  } catch (error) {
    throw docxError(file, error);
  }

  let read: ReturnType<typeof readDocument>;
  try {
    const styles = parts.has('word/styles.xml') ? readStyles(parts.get('word/styles.xml')!) : new Map<string, number>();
    read = readDocument(parts.get('word/document.xml')!, styles);
  } catch (error) {
    throw docxError(file, error);
  }
  const text = read.lines.join('\n');
  const lineStart: number[] = [];
  let offset = 0;
  for (const line of read.lines) {
    lineStart.push(offset);
    offset += line.length + 1;
  }
  const position = (place?: { para: number; start: number; end: number }): Position | undefined => {
    if (!place) return undefined;
    const base = lineStart[place.para]!;
    return {
      start: { line: place.para + 1, column: place.start + 1, offset: base + place.start },
      end: { line: place.para + 1, column: place.end + 1, offset: base + place.end },
    };
  };

  const children: BlockNode[] = [];
  // Table numbers in document order (a nested table right after the one holding it), known before the
  // grids are built so that a cell can name the tables nested in it.
  const indexes = new Map<Pending, number>();
  for (const block of read.blocks) if (block.type === 'table') indexes.set(block, indexes.size + 1);
  const toNode = (block: Pending): BlockNode => {
    if (block.type === 'table') {
      const data: TableNode['data'] = { index: indexes.get(block)!, origin: 'docx' };
      if (block.caption) data.caption = block.caption;
      if (block.image) data.image = true;
      const node: TableNode = { type: 'table', children: block.image ? [] : buildGrid(block.rows, position, (t) => indexes.get(t) ?? 0), data };
      const first = node.children[0]?.position ?? position(block.place);
      const last = node.children.at(-1)?.position;
      if (first) node.position = { start: first.start, end: (last ?? first).end };
      return node;
    }
    const pos = position(block.place)!;
    return block.type === 'heading'
      ? { type: 'heading', depth: block.depth!, value: block.value, position: pos, data: { verbatim: true } }
      : { type: 'paragraph', value: block.value, position: pos, data: { verbatim: true } };
  };
  for (const block of read.blocks) children.push(toNode(block));

  // Metadata as for a web page: the properties play the part of <title>/<meta>, the first heading-styled
  // paragraph that of <h1>, the text that of the page (labelled dates and agencies).
  const core = readProperties(parts.get('docProps/core.xml'), false);
  const custom = readProperties(parts.get('docProps/custom.xml'), true);
  const firstHeading = children.slice(0, 5).find((b) => b.type === 'heading' && b.depth === 1 && /报告/.test(b.value));
  let shadow = '<html><head>';
  if (core.get('title')) shadow += `<title>${escapeHtml(core.get('title')!)}</title>`;
  for (const [name, value] of custom) shadow += `<meta name="${escapeHtml(name)}" content="${escapeHtml(value)}">`;
  shadow += '</head><body>';
  if (firstHeading && firstHeading.type !== 'table') shadow += `<h1>${escapeHtml(firstHeading.value)}</h1>`;
  shadow += '</body></html>';
  const metadata: NonNullable<RootData['metadata']> = pageMetadata(scanPage(load(shadow).root()[0]!), shadow + '\n' + escapeHtml(text));
  if (!metadata.title) {
    const first = children.slice(0, 3).find((b) => b.type !== 'table' && /报告/.test(b.value) && b.value.length <= 80);
    if (first && first.type !== 'table') metadata.title = first.value;
  }

  const root: Root = { type: 'root', children, data: { file, format: 'docx', text, metadata } };
  if (!children.some((b) => b.type !== 'table' || b.children.length > 0)) {
    root.data.problems = [{ ruleId: 'file/not-machine-readable', message: 'Word 文档中没有可读取的文字或表格（可能只有图片）', source: { file } }];
  }
  return root;
}
