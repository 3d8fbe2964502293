import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMarkdown } from '../src/ingest/markdown/index.js';
import { parseText } from '../src/ingest/text/index.js';
import { segment } from '../src/segment/index.js';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const have = existsSync(CORPUS + 'truth');
if (!have) console.log(`note: ${CORPUS} missing; corpus segmentation test skipped`);
const files = have ? readdirSync(CORPUS).filter((f) => /\.(txt|md)$/.test(f) && existsSync(`${CORPUS}truth/${f}.json`)) : [];

// The truth marks the typo 行政法复议 `equivalent` in 2025-pingtan-shehuishiyeju-1.txt and `true` here: we read
// both alike (equivalent: the heading is not the format's).
const SELF_CONTRADICTING = new Set(['2022-pingtan-1.txt review_litigation']);

(have ? test : test.skip)('every text and Markdown report: six sections, report year and template match the truth', () => {
  assert.ok(files.length >= 20, `only ${files.length} files`);
  const wrong: string[] = [];
  for (const file of files) {
    const truth = JSON.parse(readFileSync(`${CORPUS}truth/${file}.json`, 'utf8'));
    const text = readFileSync(CORPUS + file, 'utf8');
    const tree = file.endsWith('.md') ? parseMarkdown(text, { file }) : parseText(text, { file });
    const { sections, meta, template } = segment(tree);
    truth.sections.forEach((t: { present: boolean | string; heading_as_written: string | null }, i: number) => {
      const s = sections[i]!;
      if (s.present !== (t.present !== false)) wrong.push(`${file} ${s.id}: present ${s.present}, truth ${t.present}`);
      else if (t.present === 'content_only' && s.heading !== null) wrong.push(`${file} ${s.id}: heading ${s.heading}, truth has none`);
      else if (t.heading_as_written && s.heading?.replace(/\s/g, '') !== t.heading_as_written.replace(/\s/g, '')) {
        wrong.push(`${file} ${s.id}: heading ${s.heading}, truth ${t.heading_as_written}`);
      }
      // How it was recognised: the truth's true / "equivalent" / "content_only".
      const match = t.present === false ? undefined : t.present === true ? 'standard' : t.present;
      if (s.match !== match && !SELF_CONTRADICTING.has(`${file} ${s.id}`)) wrong.push(`${file} ${s.id}: match ${s.match}, truth ${match}`);
    });
    if (meta.year !== truth.report_year) wrong.push(`${file}: year ${meta.year}, truth ${truth.report_year}`);
    const want = String(truth.template).startsWith('pre') ? 'pre2019' : String(truth.template).slice(0, 4);
    if (template !== want) wrong.push(`${file}: template ${template}, truth ${truth.template}`);
    if (truth.publish_date && meta.publishedOn && meta.publishedOn !== truth.publish_date) wrong.push(`${file}: published ${meta.publishedOn}`);
  }
  assert.equal(wrong, []);
});

test.run();
