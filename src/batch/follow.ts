/**
 * `--follow-attachments` (`followAttachments`): a fetched page that holds only a title and a link to the
 * report (`file/attachment-only`) is replaced by the linked file, fetched with the same cache, limits and
 * safety as the page (http/https only, size and time limits, redirect policy), and never from an address
 * class the page itself could not reach (a public page cannot send us to 127.0.0.1). The page's URL,
 * title and 发布日期 are kept: the audit of the attachment carries them in `meta.page`.
 */
import { parseHtml } from '../ingest/html/index.js';
import { decode, detectFormat } from '../ingest/index.js';
import type { Attachment, PageOfAttachment } from '../model.js';
import { reportInAttachment } from '../segment/attachments.js';
import { segment } from '../segment/index.js';
import { fetchReport, type Fetched, type FetchOptions } from './fetch.js';

/** Attachment types we can audit (a spreadsheet or an archive is not a report we read). */
const FOLLOWED = new Set(['docx', 'doc', 'pdf', 'wps', 'ofd']);

/** The attachment to audit instead of the page, or null when the page holds its report (or links to nothing we read). */
export function attachmentToFollow(page: Fetched): { link: Attachment & { url: string }; page: Omit<PageOfAttachment, 'attachment'> } | null {
  if (detectFormat(page.bytes, page.url) !== 'html') return null;
  const decoded = decode(page.bytes, { declared: page.charset, html: true });
  const tree = parseHtml(decoded.text, { file: page.url });
  const links = reportInAttachment(tree, segment(tree).sections);
  const link = links?.find((l): l is Attachment & { url: string } => l.url !== undefined && FOLLOWED.has(l.ext));
  if (!link) return null;
  const meta = tree.data.metadata ?? {};
  return { link, page: { url: page.url, title: meta.title ?? null, publishedOn: meta.publishedOn ?? null } };
}

/** Fetch the attachment under the page's address policy. Throws AuditError('fetch') as fetchReport does. */
export function fetchAttachment(url: string, pageUrl: string, options: FetchOptions): Promise<Fetched> {
  return fetchReport(url, { ...options, linkedFrom: pageUrl });
}
