// Child of test/heap.test.ts, run as `node --expose-gc --import tsx test/_heap-child.ts <corpus dir>`: audits
// 20 reports to warm up, then 200 more through audit() in this one process, and prints the heap used after each
// phase (after full collections) as one JSON line. Reports are dropped as soon as they are read, as a server would.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { audit } from '../src/index.js';
import { settledHeap as settle } from './_heap-settle.js';

const dir = process.argv[2]!;
const files = readdirSync(dir).sort();
const byFormat = (ext: string) => files.filter((f) => f.endsWith(ext) && !/^README/i.test(f)).map((f) => join(dir, f));
const rotations = [byFormat('.html'), byFormat('.md'), byFormat('.txt')].filter((l) => l.length > 0);
const pdfs = byFormat('.pdf');
/** The i-th input: html, md, txt in turn, and a PDF every 25th from the 6th (PDFs are slow; the warm-up must load
 *  pdf.js once, its modules and fonts are about 65 MB of heap that stays and is not a leak). */
const input = (i: number): string => {
  if (pdfs.length && i % 25 === 5) return pdfs[Math.floor(i / 25) % pdfs.length]!;
  const list = rotations[i % rotations.length]!;
  return list[Math.floor(i / rotations.length) % list.length]!;
};

let i = 0;
const formats: Record<string, number> = {};
let figures = 0;
const run = async (count: number) => {
  for (const end = i + count; i < end; i++) {
    const report = await audit({ path: input(i) });
    formats[report.format] = (formats[report.format] ?? 0) + 1;
    figures += report.figures.length;
  }
};
await run(20);
const before = await settle();
await run(200);
const after = await settle();
console.log(JSON.stringify({ audits: i, before, after, formats, figures }));
