// Linear behaviour (issue 10 item 3): for each shape a hostile or odd report can take, build the input at size n
// and 2n and time audit() on each (dist/: `npm run build` first), median of 3. t(2n)/t(n) near 2 is linear,
// near 4 quadratic. n is grown by doubling until two audits of size n both take over 150 ms (the median then stays above 100 ms) (or the size cap is hit),
// so the ratio is not drowned in the fixed cost of an audit. Markdown `[` is measured just below the 5,000 guard
// of src/ingest/markdown (above it brackets are read as text), so its n is fixed.
//
//   node bench/linear.mjs          all suspects (well under a minute on 2 cores)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { audit } from '../dist/index.js';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// The project's clean synthetic report (fixtures/text), each suspect put into the section its reader works on.
const base = readFileSync(fileURLToPath(new URL('../fixtures/text/clean-2023-department.txt', import.meta.url)), 'utf8');
/** The base report with `body` as lines just before the section heading that starts with `before`. */
const into = (before, body) => {
  const at = base.indexOf(`\n${before}`);
  return Buffer.from(`${base.slice(0, at)}\n${body}${base.slice(at)}`);
};
const digits = (n) => Array.from({ length: n }, (_, i) => '5416078923'[(i * 7 + (i >> 3)) % 10]).join('');

/** name, unit, starting n, cap on n, build(n) → [bytes, file name]. */
const suspects = [
  ['prose figures in one sentence', 'figures', 250, 400_000,
    (n) => [into('二、', `全年共受理申请${n}件，其中${Array.from({ length: n }, (_, i) => `第${i + 1}类${(i % 97) + 1}件`).join('，')}。`), 'prose.txt']],
  ['digit run (crawled table row)', 'digits', 2_000, 8_000_000,
    (n) => [into('四、', `本年新收政府信息公开申请数量 ${digits(n)}\n上年结转政府信息公开申请数量 ${digits(n)}`), 'digits.txt']],
  ['wide tab-separated row', 'cells', 500, 1_000_000,
    (n) => [into('五、', `行政复议\t${Array.from({ length: n }, (_, i) => String(i % 100)).join('\t')}`), 'tabs.txt']],
  ['wide HTML table row', 'cells', 500, 64_000, // 2n stays under maxCells (200,000 cells: file/too-large)
    (n) => [Buffer.from(`<html><head><meta charset="utf-8"><title>年度报告</title></head><body><h1>示例区财政局2022年政府信息公开工作年度报告</h1>` +
      `<h2>一、总体情况</h2><p>全年主动公开信息81条。</p><h2>四、政府信息公开行政复议、行政诉讼情况</h2><table><tr><td>行政复议</td>` +
      `${Array.from({ length: n }, (_, i) => `<td>${i % 100}</td>`).join('')}</tr></table><h2>六、其他需要报告的事项</h2><p>无。</p></body></html>`), 'row.html']],
  ['one long line of prose', 'sentences', 500, 2_000_000,
    (n) => [into('二、', `${Array.from({ length: n }, (_, i) => `本年度通过门户网站主动公开政府信息${(i % 900) + 10}条，其中规章${i % 7}件。`).join('')}`), 'line.txt']],
  ['Markdown paragraph of many lines with figures', 'lines', 1_000, 64_000,
    (n) => [Buffer.from(`# 示例区2022年政府信息公开工作年度报告\n\n## 一、总体情况\n\n${Array.from({ length: n }, (_, i) => `第${i}号：本机关当年收到意见建议${i % 90}条，均已办理。\n`).join('')}\n## 六、其他需要报告的事项\n\n无。\n`), 'lines.md']],
  ['Markdown with many [', 'brackets', 2_400, 2_400,
    (n) => [Buffer.from(`# 示例区2022年政府信息公开工作年度报告\n\n## 一、总体情况\n\n${Array.from({ length: n }, (_, i) => `[见附件${i % 10} `).join('')}\n\n## 六、其他需要报告的事项\n\n无。\n`), 'brackets.md']],
];

const time = async ([bytes, file]) => {
  const t = performance.now();
  await audit(bytes, { file });
  return performance.now() - t;
};
const started = performance.now();
await time(suspects[0][4](10)); // warm-up: module loading and JIT out of the first figure
console.log('| suspect | n | 2n | input KB (n / 2n) | t(n) ms | t(2n) ms | t(2n)/t(n) |\n|---|---|---|---|---|---|---|');
for (const [name, unit, start, cap, build] of suspects) {
  let n = start;
  while (n < cap && Math.min(await time(build(n)), await time(build(n))) < 150) n = Math.min(cap, n * 2);
  const small = build(n);
  const large = build(2 * n);
  const ts = [];
  const tl = [];
  for (let i = 0; i < 3; i++) {
    ts.push(await time(small));
    tl.push(await time(large));
  }
  const [a, b] = [median(ts), median(tl)];
  console.log(
    `| ${name} | ${n.toLocaleString('en')} ${unit} | ${(2 * n).toLocaleString('en')} | ` +
      `${Math.round(small[0].length / 1024)} / ${Math.round(large[0].length / 1024)} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(b / a).toFixed(2)} |`,
  );
}
console.log(`\nlinear: ${((performance.now() - started) / 1000).toFixed(1)} s in all (ratio near 2 linear, near 4 quadratic)`);
