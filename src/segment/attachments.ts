/**
 * A page that holds only a title and a link to the report (a .doc, .pdf or .xls attachment): the
 * report body is absent, and the audit says so once instead of six missing sections and three
 * missing tables.
 */
import type { Attachment, Root, SectionSpan } from '../model.js';
import { ATTACHMENT_EXTENSIONS, attachmentExtension, resolveHref } from '../ingest/attachments.js';
import { sourceOf } from '../util/source.js';

const EXT = ATTACHMENT_EXTENSIONS.join('|');
/** `[名称.doc](url)` in Markdown. */
const MARKDOWN_LINK = /\[([^\]\n]{1,200})\]\(([^)\s]{1,1000})\)/g;
/** A file name or URL ending in an attachment type: `附件：青禾县…年度报告.doc`, `https://…/P0201.pdf`. */
const NAMED_FILE = new RegExp(`(?:https?://[^\\s<>"“”]{1,1000}?|[^\\s：:，,。；;<>《》"“”()（）\\[\\]]{1,120}?)\\.(?:${EXT})(?![A-Za-z0-9])`, 'gi');
/** More than this many Han characters of prose besides the links is a report, whatever its headings. */
const MAX_PROSE_HAN = 300;
/** Bounded look: an attachment-only page is short. */
const MAX_BLOCKS = 60;

const hanCount = (text: string): number => (text.match(/\p{Script=Han}/gu) ?? []).length;

/** Attachments named in the text (text, Markdown, or HTML text without a link), with their place. */
function namedInText(tree: Root): Attachment[] {
  const out: Attachment[] = [];
  const base = tree.data.metadata?.url ?? (/^https?:\/\//i.test(tree.data.file) ? tree.data.file : undefined);
  for (const node of tree.children.slice(0, MAX_BLOCKS)) {
    if (node.type === 'table') continue;
    const value = node.value.length > 5000 ? node.value.slice(0, 5000) : node.value;
    const taken: [number, number][] = [];
    for (const m of value.matchAll(MARKDOWN_LINK)) {
      const ext = attachmentExtension(m[2]!) ?? attachmentExtension(m[1]!);
      if (!ext) continue;
      taken.push([m.index, m.index + m[0].length]);
      const link: Attachment = { href: m[2]!, text: m[1]!, ext, inBody: true, source: sourceOf(tree, node, m.index) };
      const url = resolveHref(m[2]!, base);
      if (url) link.url = url;
      out.push(link);
    }
    for (const m of value.matchAll(NAMED_FILE)) {
      if (taken.some(([s, e]) => m.index >= s && m.index < e)) continue;
      const name = m[0];
      const link: Attachment = { href: name, text: name, ext: attachmentExtension(name)!, inBody: true, source: sourceOf(tree, node, m.index) };
      const url = /^https?:\/\//i.test(name) ? resolveHref(name, undefined) : undefined;
      if (url) link.url = url;
      out.push(link);
    }
  }
  return out;
}

/**
 * The attachments, when the tree holds no report of its own: no section found, no table with cells,
 * and hardly any prose besides the title and the links. Null when the report is here (a full
 * report that also links to attachments is audited as usual).
 */
export function reportInAttachment(tree: Root, sections: readonly SectionSpan[] = []): Attachment[] | null {
  if (sections.some((s) => s.present)) return null;
  if (tree.children.some((n) => n.type === 'table' && n.children.length > 0)) return null;
  if (tree.children.length > MAX_BLOCKS) return null;
  const links = tree.data.attachments?.length ? tree.data.attachments : namedInText(tree);
  if (!links.length) return null;
  let han = 0;
  for (const node of tree.children) if (node.type !== 'table') han += hanCount(node.value);
  for (const link of links) han -= hanCount(link.text);
  return han <= MAX_PROSE_HAN ? links : null;
}
