/** Finding the report body in a page full of site chrome, and the page metadata around it. */
import type { AnyNode, Document, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { textOf as textContent } from './table.js';
import type { RootData } from '../../model.js';
import { hanCount, isHidden, looksLikeChrome, normaliseText, SKIP_ELEMENTS } from './text.js';

/** Per element: Han characters of readable, non-link text, and whether it holds a table. */
export interface Weight {
  han: number;
  tables: number;
}

/** What one pass over the document collects. */
export interface PageScan {
  weights: Map<Element, Weight>;
  /** Elements in document order (pre-order), for container look-up without selector scans. */
  elements: Element[];
  metas: Element[];
  titles: Element[];
  h1s: Element[];
  canonical?: string;
  body?: Element;
}

/**
 * One linear pass over the document: content weight of every element. Link text counts nothing
 * (menus and related-link lists are links), hidden and script-like elements count nothing.
 */
export function scanPage(root: AnyNode): PageScan {
  const scan: PageScan = { weights: new Map(), elements: [], metas: [], titles: [], h1s: [] };
  const visit = (node: Element | Document, inLink: boolean): Weight => {
    const w: Weight = { han: 0, tables: 0 };
    for (const child of node.children) {
      if (isText(child)) {
        if (!inLink) w.han += hanCount(child.data);
      } else if (isTag(child)) {
        const name = child.name;
        if (name === 'meta') scan.metas.push(child);
        else if (name === 'title') scan.titles.push(child);
        else if (name === 'h1') scan.h1s.push(child);
        else if (name === 'body') scan.body ??= child;
        else if (name === 'link' && child.attribs['rel'] === 'canonical' && child.attribs['href']) scan.canonical ??= child.attribs['href'];
        if (name === 'head') {
          visit(child, true); // only to collect <meta>/<title>; head text is not content
          continue;
        }
        if (SKIP_ELEMENTS.has(name) || isHidden(child)) continue;
        scan.elements.push(child);
        const inner = visit(child, inLink || name === 'a');
        scan.weights.set(child, inner);
        w.han += inner.han;
        w.tables += inner.tables + (name === 'table' ? 1 : 0);
      }
    }
    return w;
  };
  visit(root as Document, false);
  return scan;
}

/** Site chrome that can be dropped: chrome-like class/id, little text, no table. */
export function isChrome(el: Element, weights: Map<Element, Weight>): boolean {
  if (!looksLikeChrome(el)) return false;
  const w = weights.get(el);
  return !w || (w.tables === 0 && w.han < 200);
}

// Containers that content management systems put the article body in, most specific first.
const KNOWN_CONTAINERS: { kind: 'class' | 'id' | 'tag'; name: string }[] = [
  { kind: 'class', name: 'TRS_Editor' },
  { kind: 'class', name: 'TRS_UEDITOR' },
  { kind: 'id', name: 'zoom' },
  { kind: 'id', name: 'Zoom' },
  { kind: 'class', name: 'Custom_UnionStyle' },
  { kind: 'id', name: 'UCAP-CONTENT' },
  { kind: 'class', name: 'article-content' },
  { kind: 'class', name: 'article_content' },
  { kind: 'class', name: 'pages_content' },
  { kind: 'id', name: 'con_content' },
  { kind: 'class', name: 'news_content' },
  { kind: 'class', name: 'content_text' },
  { kind: 'id', name: 'content' },
  { kind: 'tag', name: 'article' },
];

function containerRank(el: Element): number {
  const classes = el.attribs['class'] ? el.attribs['class'].split(/\s+/) : [];
  const id = el.attribs['id'];
  for (let i = 0; i < KNOWN_CONTAINERS.length; i++) {
    const known = KNOWN_CONTAINERS[i]!;
    if (known.kind === 'class' ? classes.includes(known.name) : known.kind === 'id' ? id === known.name : el.name === known.name) return i;
  }
  return -1;
}

/**
 * The element holding the report: a known CMS container when it holds most of the page's text,
 * else the text-density descent (from <body>, go into the child holding ≥ 70 % of the text while one does).
 */
export function findBody(scan: PageScan): { body: Element; how: string } {
  const { weights } = scan;
  const bodyEl = scan.body ?? scan.elements[0];
  if (!bodyEl) throw new Error('no element in the page');
  const total = weights.get(bodyEl)?.han ?? 0;
  // Best (most text) match per known container kind; the most specific kind that holds half the page wins.
  const best: { el: Element; han: number }[] = [];
  for (const el of scan.elements) {
    const rank = el.attribs['class'] || el.attribs['id'] || el.name === 'article' ? containerRank(el) : -1;
    if (rank < 0) continue;
    const han = weights.get(el)?.han ?? 0;
    if (!best[rank] || han > best[rank]!.han) best[rank] = { el, han };
  }
  for (let rank = 0; rank < KNOWN_CONTAINERS.length; rank++) {
    const found = best[rank];
    if (found && total > 0 && found.han >= 0.5 * total) return { body: found.el, how: KNOWN_CONTAINERS[rank]!.name };
  }
  let current = bodyEl;
  for (;;) {
    const own = weights.get(current)?.han ?? 0;
    let next: Element | undefined;
    let nextHan = -1;
    for (const child of current.children) {
      if (!isTag(child) || child.name === 'table') continue;
      const han = weights.get(child)?.han ?? 0;
      if (han > nextHan) {
        next = child;
        nextHan = han;
      }
    }
    if (!next || own === 0 || nextHan < 0.7 * own) break;
    current = next;
  }
  return { body: current, how: 'density' };
}

function isoDate(y: string, m: string, d: string): string | undefined {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DATE = String.raw`(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})`;

/** A date at the start of a meta value (`2024-03-08 15:34`, `2024年3月8日`). */
function dateIn(value: string): string | undefined {
  const match = new RegExp(DATE).exec(value);
  return match ? isoDate(match[1]!, match[2]!, match[3]!) : undefined;
}

const PUBDATE_META = ['pubdate', 'publishdate', 'firstpublishedtime', 'article:published_time', 'dc.date.issued', 'dcterms.issued', 'dc.date'];
const TITLE_META = ['articletitle', 'og:title', 'dc.title'];
const AGENCY_META = ['contentsource', 'dc.publisher', 'publisher'];
const URL_META = ['url', 'og:url'];

/** Page metadata: `<meta>` first, then labelled text in the page (发布日期：…, 发布机构：…). */
export function pageMetadata(scan: PageScan, html: string): NonNullable<RootData['metadata']> {
  const metas = new Map<string, string>();
  for (const el of scan.metas) {
    const attribs = el.attribs;
    const name = (attribs['name'] ?? attribs['property'] ?? attribs['itemprop'] ?? '').toLowerCase();
    const content = attribs['content'];
    if (name && content && content.trim() && !metas.has(name)) metas.set(name, content.trim());
  }
  const pick = (names: string[]): string | undefined => {
    for (const name of names) if (metas.get(name)) return metas.get(name);
    return undefined;
  };
  const metadata: NonNullable<RootData['metadata']> = {};

  const title = pick(TITLE_META);
  if (title) metadata.title = normaliseText(title);
  else {
    const h1 = scan.h1s[0] ? textContent(scan.h1s[0]) : '';
    const pageTitle = scan.titles[0] ? textContent(scan.titles[0]) : '';
    if (normaliseText(h1)) metadata.title = normaliseText(h1);
    // Portal titles read "报告名_栏目_网站": the first part is the report.
    else if (normaliseText(pageTitle)) metadata.title = normaliseText(pageTitle).split(/\s*[_|]\s*|\s+[-–—]\s+/)[0]!;
  }

  let published = dateIn(pick(PUBDATE_META) ?? '');
  if (!published) {
    // Labelled dates in the page, tags and &nbsp; allowed between label and date. 发布 wins over 成文.
    for (const label of ['发布日期', '发布时间', '公开日期', '发文日期', '成文日期']) {
      const match = new RegExp(`${label}\\s*[:：]?(?:\\s|&nbsp;|<[^>]{0,300}>)*${DATE}`).exec(html);
      if (match) {
        published = isoDate(match[1]!, match[2]!, match[3]!);
        if (published) break;
      }
    }
  }
  if (published) metadata.publishedOn = published;

  const agency = pick(AGENCY_META);
  if (agency) metadata.agency = normaliseText(agency);
  else {
    const match = /(?:发布机构|发文机关|发布单位)\s*[:：](?:\s|&nbsp;|<[^>]{0,300}>)*([^<\s&]{2,40})/.exec(html);
    if (match) metadata.agency = match[1]!;
  }

  const url = pick(URL_META) ?? scan.canonical;
  if (url) metadata.url = url;
  return metadata;
}
