/** Attachment links of a page (`<a href="….doc">`), with their place in the HTML source. */
import type { Element } from 'domhandler';
import type { Attachment } from '../../model.js';
import { pointAt } from '../../util/source.js';
import { attachmentExtension, resolveHref } from '../attachments.js';
import { isChrome, type PageScan } from './body.js';
import { textOf } from './table.js';
import { normaliseText } from './text.js';

/** A page links to a handful of files; a hostile page may hold thousands of links. */
const MAX_ATTACHMENTS = 50;

function within(el: Element, ancestor: Element): boolean {
  for (let p = el.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

function inChrome(el: Element, scan: PageScan): boolean {
  for (let p: Element | null = el; p && p.type === 'tag'; p = p.parent as Element | null) if (isChrome(p, scan.weights)) return true;
  return false;
}

/**
 * Links to attachments (.doc, .docx, .pdf, .xls, .xlsx, .wps, .ofd, archives) told by the href's path,
 * the link text or its title. Those inside the report body; when the body links to none, those
 * elsewhere on the page outside the site chrome (menus, sidebars, footers), marked `inBody: false`.
 * `base` (the page URL) resolves relative links.
 */
export function attachmentLinks(scan: PageScan, body: Element, html: string, file: string, base: string | undefined): Attachment[] {
  const inBody: Attachment[] = [];
  const outside: Attachment[] = [];
  for (const el of scan.elements) {
    if (el.name !== 'a') continue;
    const href = el.attribs['href']?.trim();
    if (!href || /^(javascript|mailto|tel):/i.test(href)) continue;
    const text = normaliseText(textOf(el));
    const title = el.attribs['title'] ?? '';
    const ext = attachmentExtension(href) ?? attachmentExtension(text) ?? attachmentExtension(title);
    if (!ext) continue;
    const isIn = within(el, body);
    if (!isIn && (outside.length >= MAX_ATTACHMENTS || inChrome(el, scan))) continue;
    if (isIn && inChrome(el, scan)) continue;
    const offset = el.sourceCodeLocation?.startOffset;
    const source = offset !== undefined ? { file, ...pointAt(html, offset) } : { file };
    const link: Attachment = { href, text: text || title.trim() || href, ext, inBody: isIn, source };
    const url = resolveHref(href, base);
    if (url) link.url = url;
    (isIn ? inBody : outside).push(link);
    if (inBody.length >= MAX_ATTACHMENTS) break;
  }
  return inBody.length ? inBody : outside;
}
