import type { Meta, Root, SectionSpan, TemplateVersion } from '../model.js';
import { findMeta } from './meta.js';
import { findSections } from './sections.js';
import { detectTemplate } from './version.js';

export interface Segmented {
  /** The six sections in canonical order, found or not. */
  sections: SectionSpan[];
  meta: Meta;
  /** Document-level template version (spec §5.4). */
  template: TemplateVersion;
}

/** Report tree → the six sections, the metadata and the template version. */
export function segment(tree: Root): Segmented {
  const sections = findSections(tree);
  const meta = findMeta(tree);
  const template = detectTemplate(tree, meta);
  return { sections, meta, template };
}
