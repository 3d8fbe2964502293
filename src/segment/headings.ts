/**
 * Heading candidates in any report tree (text, Markdown, HTML, PDF): numbered headings, and
 * paragraphs that begin with a numbered section title (HTML and PDF readers often leave them there).
 */
import type { Root, SectionId } from '../model.js';
import { classifyTitle, findTopHeadings, sectionNumberValue, splitNumberedTitle, type TitleMatch } from '../ingest/text/headings.js';

export interface HeadingCandidate {
  /** Index in root.children. */
  index: number;
  /** The heading as written (number + title). */
  text: string;
  written: string | null;
  number: number | null;
  /** 1 = top level (一、), 2 = （一）. */
  depth: number;
  title: string;
  match: TitleMatch | null;
  /** The node is a paragraph that starts with the heading and goes on with content. */
  inline: boolean;
}

/** Every top-level (and sub-level) numbered heading in document order. */
export function headingCandidates(tree: Root): HeadingCandidate[] {
  const out: HeadingCandidate[] = [];
  tree.children.forEach((node, index) => {
    if (node.type === 'heading') {
      const split = splitNumberedTitle(node.value);
      if (split.depth === 1) {
        out.push({ index, text: node.value.trim(), written: split.written, number: split.number, depth: 1, title: split.title, match: classifyTitle(split.title), inline: false });
      } else if (split.depth === 2) {
        out.push({ index, text: node.value.trim(), written: split.written, number: split.number, depth: 2, title: split.title, match: null, inline: false });
      } else {
        // A number without its 、 (`## 一总体情况`): a heading when the rest is a known section title.
        const bare = /^([一二三四五六七八九十]{1,2})[ \u3000]*(?=\p{Script=Han})/u.exec(split.title);
        const bareMatch = bare ? classifyTitle(split.title.slice(bare[0].length)) : null;
        const number = bare ? sectionNumberValue(bare[1]!) : null;
        if (bare && bareMatch && number !== null && bareMatch.score >= 1) {
          out.push({ index, text: node.value.trim(), written: bare[1]!, number, depth: 1, title: split.title.slice(bare[0].length), match: bareMatch, inline: false });
          return;
        }
        // Unnumbered headings count only when they are a section title word for word (HTML <h2>总体情况</h2>).
        const match = classifyTitle(split.title);
        if (match?.score === 3) out.push({ index, text: node.value.trim(), written: null, number: null, depth: 1, title: split.title, match, inline: false });
      }
    } else if (node.type === 'paragraph') {
      const head = node.value.slice(0, 80).replace(/^[\s\u3000*]+/, '');
      const hit = findTopHeadings(head)[0];
      // A paragraph that is only a numbered title we do not know still closes the section before it
      // (as the same line does in text); one that goes on with prose must name a section.
      if (hit && hit.start === 0 && (hit.match || !/[^\s\u3000*]/.test(head.slice(hit.end)) && node.value.length <= 80)) {
        const text = head.slice(0, hit.end);
        // Anything but white space after the heading makes it inline (tested, not copied: a paragraph may be huge).
        const lead = /^[\s\u3000*]*/.exec(node.value)![0].length;
        const inline = /[^\s\u3000*]/.test(node.value.slice(lead + hit.end));
        out.push({ index, text, written: hit.written, number: hit.number, depth: 1, title: hit.title, match: hit.match, inline });
      }
    }
  });
  return out;
}

export const SECTION_NUMBER: Record<SectionId, number> = {
  overview: 1, proactive: 2, requests: 3, review_litigation: 4, problems: 5, other: 6,
};
