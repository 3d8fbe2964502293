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
  const meta = findMeta(tree);
  const template = detectTemplate(tree, meta);
  // Sections by place only in a national format (2019 on); the template does not depend on the sections.
  const national = template === '2019' || template === '2021' || (template === 'unknown' && (meta.year ?? 0) >= 2019);
  const sections = findSections(tree, { byPlace: national, format2019: template === '2019' });
  return { sections, meta, template };
}
