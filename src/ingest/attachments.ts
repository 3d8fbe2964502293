/**
 * Attachments a report page links to or names (`附件：…年度报告.doc`): kept in `root.data.attachments`
 * so that a page holding only a title and a link can be reported as such, and so that the attachment
 * can be fetched later. Nothing here fetches anything.
 */
import type { Attachment } from '../model.js';

/** File types a report or its tables are published as. */
export const ATTACHMENT_EXTENSIONS = ['doc', 'docx', 'wps', 'pdf', 'ofd', 'xls', 'xlsx', 'et', 'zip', 'rar', '7z'] as const;
const EXTENSION = new RegExp(`\\.(${ATTACHMENT_EXTENSIONS.join('|')})$`, 'i');

/** The attachment type of an href (its path, not its query) or of a file name, lower case; null if none. */
export function attachmentExtension(hrefOrName: string): string | null {
  let path = hrefOrName.trim();
  const cut = path.search(/[?#]/);
  if (cut >= 0) path = path.slice(0, cut);
  const m = EXTENSION.exec(path);
  return m ? m[1]!.toLowerCase() : null;
}

/**
 * `href` resolved against the page's URL, when that is known and the result is http(s); a
 * `javascript:` or `mailto:` link, or a relative link without a base, gives undefined.
 */
export function resolveHref(href: string, base: string | undefined): string | undefined {
  try {
    const url = base ? new URL(href, base) : new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export type { Attachment };
