import { existsSync, readFileSync } from 'node:fs';

let root: URL | undefined;

/**
 * A file of the package (`package.json`, `docs/rules.md`), found from this module's folder upwards to
 * the package.json named xxgk-audit: the same answer from src/, from dist/ and from the bundled
 * auditing threads in dist/workers/, where a module's own `import.meta.url` is the bundle's.
 */
export function packageFile(path: string): URL {
  if (!root) {
    let dir = new URL('.', import.meta.url);
    for (let up = 0; up < 4 && !root; up++, dir = new URL('..', dir)) {
      const pkg = new URL('package.json', dir);
      try {
        if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'xxgk-audit') root = dir;
      } catch {
        // unreadable: look further up
      }
    }
    root ??= new URL('../../', import.meta.url);
  }
  return new URL(path, root);
}
