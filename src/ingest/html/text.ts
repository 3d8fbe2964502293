/** Text helpers shared by the HTML reader: whitespace, CJK, element classes. */
import type { AnyNode, Element } from 'domhandler';

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const SPACES = /[\s\u00a0\u3000]+/g;
// A space between two CJK characters is layout (a source line break in Word HTML, a <br> or two <p>s
// in one cell), not content: Chinese text has no spaces between words.
const CJK_GAP = /(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])\s+(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu;

/** Collapse whitespace (`&nbsp;`, ideographic space, newlines) to single spaces and trim; drop spaces between CJK. */
export function normaliseText(raw: string): string {
  let text = raw.replace(ZERO_WIDTH, '').replace(SPACES, ' ').trim();
  if (text.includes(' ')) text = text.replace(CJK_GAP, '');
  return text;
}

/** Number of Han characters (BMP ideographs): the measure of "content" used to find the report body. */
export function hanCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff)) n++;
  }
  return n;
}

/** Elements whose content is never report text. */
export const SKIP_ELEMENTS = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'button', 'input', 'select', 'textarea',
  'option', 'svg', 'canvas', 'map', 'head', 'meta', 'link', 'title', 'nav', 'audio', 'video', 'frame', 'frameset',
]);

/** Elements that start a new block of text. Anything else is inline. */
export const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'section', 'article', 'main', 'aside', 'header', 'footer', 'blockquote', 'center', 'ul', 'ol', 'li', 'dl', 'dt',
  'dd', 'pre', 'address', 'figure', 'figcaption', 'form', 'fieldset', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'body', 'html',
  'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'caption', 'details', 'summary', 'legend', 'menu', 'hgroup',
]);

// Class or id words of site chrome: share widgets, breadcrumbs, menus, related links, print/close buttons, QR codes.
const NOISE_WORDS =
  /(?:^|[\s_-])(?:share|bdshare|bdsharebuttonbox|fenxiang|breadcrumbs?|crumbs?|location|position|dqwz|nav|navbar|menu|footer|foot|header|head|topbar|sidebar|related|relevant|xgxx|xgwz|xglj|links?|prev|next|prevnext|pre_next|sxp|print|dayin|qrcode|ewm|ewm_tu|toolbar|fontsize|zihao|guanbi|close|search|login|copyright|banner)(?:[\s_-]|$)/i;

/** Class/id that marks site chrome (the caller still checks the element holds little text). */
export function looksLikeChrome(el: Element): boolean {
  if (el.name === 'header' || el.name === 'footer' || el.name === 'aside') return true;
  const words = `${el.attribs['class'] ?? ''} ${el.attribs['id'] ?? ''}`;
  return words.trim() !== '' && NOISE_WORDS.test(words);
}

/** `display:none` and friends: content a reader never sees. */
export function isHidden(el: Element): boolean {
  const style = el.attribs['style'];
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all/i.test(style)) return true;
  return 'hidden' in el.attribs;
}

export function isBoldElement(el: Element): boolean {
  if (el.name === 'b' || el.name === 'strong') return true;
  const style = el.attribs['style'];
  return style !== undefined && /font-weight\s*:\s*(bold|bolder|[6-9]00)/i.test(style);
}

/** Lines that are navigation or page furniture even inside the body. */
export const FURNITURE_LINE =
  /^(?:[【[]?\s*)?(?:上一篇|下一篇|上一条|下一条|上一页|下一页|打印本页|打印|关闭窗口|关闭|分享到|扫一扫|返回顶部|字号|【大|【中|【小)(?:\s*[】\]：:]|$)/;

export function startOffset(node: AnyNode): number | undefined {
  return node.sourceCodeLocation?.startOffset;
}

export function endOffset(node: AnyNode): number | undefined {
  return node.sourceCodeLocation?.endOffset;
}

/** An `<img>` too small to be a table (icons, spacers, bullets). */
export function isTinyImage(el: Element): boolean {
  const size = (name: 'width' | 'height'): number | null => {
    const attr = el.attribs[name];
    const fromStyle = el.attribs['style'] ? new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*(\\d+)px`, 'i').exec(el.attribs['style']) : null;
    const value = attr ?? fromStyle?.[1];
    const n = value !== undefined ? Number.parseInt(value, 10) : Number.NaN;
    return Number.isFinite(n) ? n : null;
  };
  const w = size('width');
  const h = size('height');
  return (w !== null && w < 60) || (h !== null && h < 40);
}
