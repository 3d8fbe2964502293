// Times audit() on a 50 MB text report (built in a temp dir) against dist/: parseText and the
// segmenter must stay linear. Run `npm run build` first. Prints milliseconds.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { audit } from '../dist/index.js';
import { parseText } from '../dist/ingest/text.js';
import { segment } from '../dist/segment/index.js';
import { extractFigures } from '../dist/extract/prose.js';

const MB = Number(process.env.MB ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-'));
const file = join(dir, 'large.txt');
try {
  const head = '示例区财政局2022年政府信息公开工作年度报告\n一、总体情况\n';
  // Prose with numbers, sub-headings, enumerations and heading-like fragments, and run-together digits.
  const block = [
    '（一）主动公开方面 2022年度通过目录系统发布信息81条,其中信息公开指南1条、办事指南1条、组织机构信息3条。一是加强领导，二是完善制度。',
    '一、本年新收政府信息公开申请数量 713000074二、上年结转政府信息公开申请数量 1000001 三、本年度办理结果 （一）予以公开 210000021',
    '我们的做法：一、加强领导 二、完善制度 三、强化监督 四、注重实效 五、持续改进 六、公开透明。' + '政务公开'.repeat(40),
  ].join('\n') + '\n';
  const tail = '二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n';
  const bytes = MB * 1024 * 1024;
  const parts = [head];
  let size = Buffer.byteLength(head);
  const blockBytes = Buffer.byteLength(block);
  while (size + blockBytes < bytes) {
    parts.push(block);
    size += blockBytes;
  }
  parts.push(tail);
  writeFileSync(file, parts.join(''));
  // One line of a single huge paragraph as well: crawler copies put the whole body on one line.
  const oneLine = join(dir, 'one-line.txt');
  writeFileSync(oneLine, parts.join('').replace(/\n/g, ' '));
  for (const path of [file, oneLine]) {
    // The text stages alone (ingest → segment → prose figures), then the whole audit.
    const text = readFileSync(path, 'utf8');
    let t = performance.now();
    const tree = parseText(text, { file: path });
    const parseMs = Math.round(performance.now() - t);
    t = performance.now();
    const segmented = segment(tree);
    const segmentMs = Math.round(performance.now() - t);
    t = performance.now();
    const figures = extractFigures(tree, segmented);
    const figuresMs = Math.round(performance.now() - t);
    console.log(`text-large stages ${path.endsWith('one-line.txt') ? 'one-line' : 'lines'}: parseText ${parseMs} ms, segment ${segmentMs} ms, figures ${figuresMs} ms (${tree.children.length} nodes, ${figures.length} figures)`);
    if (process.env.SKIP_AUDIT) continue;
    const started = performance.now();
    const report = await audit({ path });
    const ms = Math.round(performance.now() - started);
    const mb = (statSync(path).size / 1024 / 1024).toFixed(1);
    console.log(`text-large ${path.endsWith('one-line.txt') ? 'one-line' : 'lines'}: ${mb} MB, ${ms} ms, ${report.figures.length} figures, ${report.findings.length} findings`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
