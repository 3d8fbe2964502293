import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { batchRules } from '../src/batch/rules/index.js';
import { rules } from '../src/index.js';

const docs = readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8');

test('docs/rules.md has an entry for every rule, with its default severity and kind', () => {
  const missing: string[] = [];
  for (const rule of [...rules, ...batchRules]) {
    const heading = new RegExp(`^### .*\`${rule.id.replace('/', '\\/')}\`[^\\n]*\\(${rule.severity}, ${rule.kind}`, 'm');
    if (!heading.test(docs)) missing.push(`${rule.id} (${rule.severity}, ${rule.kind})`);
  }
  assert.equal(missing, []);
});

test.run();
