import type { Meta, Root, SectionSpan, TemplateVersion } from '../model.js';

export interface Segmented {
  /** The six sections in canonical order, found or not. */
  sections: SectionSpan[];
  meta: Meta;
  /** Document-level template version (spec §5.4). */
  template: TemplateVersion;
}

/** Placeholder until the segmenter lands. */
export function segment(tree: Root): Segmented {
  void tree;
  return {
    sections: [],
    meta: { title: null, agency: null, year: null, period: { from: null, to: null }, signedOn: null, publishedOn: null },
    template: 'unknown',
  };
}
