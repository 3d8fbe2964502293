/**
 * Where each rule is documented: its entry in docs/rules.md on the project's repository
 * (`<repository>/blob/main/docs/rules.md#<anchor>`), the anchor being GitHub's slug of the entry's
 * heading. The repository comes from package.json (`homepage` or `repository`), so the links follow
 * the package; docs/rules.md ships with it and is read once, on the first call.
 */
import { readFileSync } from 'node:fs';
import type { RuleId } from './rule-ids.js';
import { packageFile } from './util/package-root.js';

/** Used when package.json names no repository. */
export const DEFAULT_REPOSITORY = 'https://github.com/xxgk-audit/xxgk-audit';

let cache: { base: string; anchors: Map<string, string>; entries: Map<string, string> } | null = null;

/** GitHub's heading anchor (as github-slugger): lower case, punctuation dropped, spaces → hyphens. */
export function githubSlug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

function repository(): string {
  try {
    const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { homepage?: string; repository?: string | { url?: string } };
    const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    const fromRepo = repo
      ?.replace(/^git\+/, '')
      .replace(/^github:/, 'https://github.com/')
      .replace(/^git@github\.com:/, 'https://github.com/')
      .replace(/\.git$/, '');
    if (fromRepo && /^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(fromRepo)) return fromRepo;
    const home = pkg.homepage?.replace(/#.*$/, '').replace(/\/$/, '');
    if (home && /^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(home)) return home;
  } catch {
    // no package.json: the default
  }
  return DEFAULT_REPOSITORY;
}

function load(): NonNullable<typeof cache> {
  if (cache) return cache;
  const anchors = new Map<string, string>();
  const entries = new Map<string, string>();
  let text = '';
  try {
    text = readFileSync(packageFile('docs/rules.md'), 'utf8');
  } catch {
    // not shipped: links without anchors
  }
  text = text.replace(/<!--[\s\S]*?-->/g, '');
  const seen = new Map<string, number>();
  for (const part of text.split(/^(?=#{1,6} )/m)) {
    const heading = /^#{1,6} (.*)$/m.exec(part)?.[1]?.trim();
    if (!heading) continue;
    let slug = githubSlug(heading);
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    if (n) slug = `${slug}-${n}`;
    const id = /^### `([^`]+)`/.exec(part)?.[1];
    if (id && !anchors.has(id)) { anchors.set(id, slug); entries.set(id, part.trim()); }
  }
  cache = { base: `${repository()}/blob/main/docs/rules.md`, anchors, entries };
  return cache;
}

/** The URL of the rule's entry in docs/rules.md. */
export function ruleUrl(id: RuleId | string): string {
  const { base, anchors } = load();
  const anchor = anchors.get(id);
  // A heading with Chinese in it gives a slug that must be percent-encoded to be a valid URI.
  return anchor ? `${base}#${encodeURIComponent(anchor)}` : base;
}

/** The rule's entry in docs/rules.md (Markdown, from its `###` heading), when there is one. */
export function ruleEntry(id: RuleId | string): string | undefined {
  return load().entries.get(id);
}
