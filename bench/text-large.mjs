// Times audit() on large text reports (built in a temp dir) against dist/: every stage must stay linear.
// Run `npm run build` first. Two shapes per size: many lines, and the whole body on one huge line
// (crawler copies). Prints milliseconds per stage, for the full audit, and the throughput in MB/s.
//
//   node bench/text-large.mjs            5 MB and 50 MB (about a minute on 2 cores)
//   MB=5 node bench/text-large.mjs       one size (MB=1,5,20 for several)
//   SKIP_AUDIT=1 node bench/text-large.mjs   the text stages only
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit } from '../dist/index.js';
import { parseText } from '../dist/ingest/text/index.js';
import { segment } from '../dist/segment/index.js';
import { extract } from '../dist/extract/index.js';

const SIZES = String(process.env.MB ?? '5,50').split(',').map(Number).filter((mb) => mb > 0);

const head = '示例区财政局2022年政府信息公开工作年度报告\n一、总体情况\n';
// Prose with numbers, sub-headings, enumerations and heading-like fragments, and run-together digits.
const block = [
  '（一）主动公开方面 2022年度通过目录系统发布信息81条,其中信息公开指南1条、办事指南1条、组织机构信息3条。一是加强领导，二是完善制度。',
  '一、本年新收政府信息公开申请数量 713000074二、上年结转政府信息公开申请数量 1000001 三、本年度办理结果 （一）予以公开 210000021',
  '我们的做法：一、加强领导 二、完善制度 三、强化监督 四、注重实效 五、持续改进 六、公开透明。' + '政务公开'.repeat(40),
].join('\n') + '\n';
const tail = '二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n';

/** The report text of about `mb` megabytes (UTF-8). */
function build(mb) {
  const bytes = mb * 1024 * 1024;
  const parts = [head];
  let size = Buffer.byteLength(head);
  const blockBytes = Buffer.byteLength(block);
  while (size + blockBytes < bytes) {
    parts.push(block);
    size += blockBytes;
  }
  parts.push(tail);
  return parts.join('');
}

const ms = (since) => Math.round(performance.now() - since);

const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-'));
try {
  for (const mb of SIZES) {
    const text = build(mb);
    const shapes = [
      ['lines', text],
      ['one-line', text.replace(/\n/g, ' ')],
    ];
    for (const [shape, content] of shapes) {
      const path = join(dir, `${shape}-${mb}.txt`);
      writeFileSync(path, content);
      const size = statSync(path).size / 1024 / 1024;
      // The stages one by one on the same text, then the whole audit (reading, decoding and the rules too).
      const source = readFileSync(path, 'utf8');
      let t = performance.now();
      const tree = parseText(source, { file: path });
      const parseMs = ms(t);
      t = performance.now();
      const segmented = segment(tree);
      const segmentMs = ms(t);
      t = performance.now();
      const extracted = extract(tree, segmented);
      const extractMs = ms(t);
      console.log(
        `text-large ${shape} ${size.toFixed(1)} MB stages: parseText ${parseMs} ms, segment ${segmentMs} ms, extract ${extractMs} ms ` +
          `(${tree.children.length} nodes, ${extracted.figures.length} figures)`,
      );
      if (!process.env.SKIP_AUDIT) {
        t = performance.now();
        const report = await audit({ path });
        const auditMs = ms(t);
        console.log(
          `text-large ${shape} ${size.toFixed(1)} MB audit: ${auditMs} ms, ${(size / (auditMs / 1000)).toFixed(1)} MB/s ` +
            `(${report.figures.length} figures, ${report.findings.length} findings)`,
        );
      }
      rmSync(path, { force: true });
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
