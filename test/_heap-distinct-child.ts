// Child of test/heap.test.ts, run as `node --expose-gc --import tsx test/_heap-distinct-child.ts <report> <count>`:
// audits <count> distinct documents of about 1 MB each, every one the given report with a filler section of its
// own, and prints the heap used after a warm-up and after the rest (after full collections) as one JSON line.
// Distinct documents matter: a cache keyed by text cut out of a document keeps the whole document alive, and
// the same file audited again hits the same keys, so repeating corpus files does not show it.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { audit } from '../src/index.js';
import { settledHeap as settle } from './_heap-settle.js';

const [path, countText] = process.argv.slice(2) as [string, string];
const count = Number(countText);
const report = readFileSync(path, 'utf8');
const format = extname(path) === '.md' ? 'markdown' : 'text';

/** The report with about 500,000 characters of prose after it and an extra table, different in every document: a
 *  character of its own in every sentence and cell (cells too, as the caches are keyed by cell text; no digits,
 *  which would only make the document slower to read). */
const documentNumber = (n: number): string => {
  const own = String.fromCharCode(0x4e00 + n);
  const sentence = `本机关收到的${own}类意见建议均已按规定办理并答复。`;
  const paragraph = `${sentence.repeat(80)}\n\n`;
  const row = (i: number) => `| 第${own}类第${'一二三四五六七八九十'[i]}项意见建议的办理情况 | 已按规定办理并答复${own}类意见 |\n`;
  const table = `| 意见建议类别与事项名称（${own}） | 办理情况与答复说明（${own}） |\n| --- | --- |\n${Array.from({ length: 10 }, (_, i) => row(i)).join('')}`;
  return `${report}\n\n${table}\n${paragraph.repeat(Math.ceil(500_000 / paragraph.length))}`;
};

let facts = 0;
const run = async (from: number, to: number) => {
  for (let n = from; n < to; n++) {
    const result = await audit(documentNumber(n), { format, file: `distinct-${n}${extname(path)}` });
    facts += Object.keys(result.facts).length;
  }
};
await run(0, 5);
const before = await settle();
await run(5, 5 + count);
const after = await settle();
console.log(JSON.stringify({ audits: 5 + count, before, after, facts, chars: documentNumber(0).length }));
