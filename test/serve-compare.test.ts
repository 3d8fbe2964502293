// The workbench's comparison with last year: table 三's carry-over cells side by side and the
// sections found copied (cross-year/copied-text) shown both years with the copied span marked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Summary } from '../src/batch/types.js';
import type { Finding, Report } from '../src/model.js';
import { createWorkbench } from '../src/serve/server.js';
import { openStore } from '../src/store/index.js';

const TEXT_2023 = '本机关坚持以公开为常态、不公开为例外，<b>持续</b>推进决策、执行、管理、服务、结果公开。';
const TEXT_2024 = '2024年，本机关坚持以公开为常态、不公开为例外，<b>持续</b>推进决策、执行、管理、服务、结果公开。';

function report(file: string, year: number, carried: Record<string, string>, findings: Finding[]): Report {
  const facts: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(carried)) facts[key] = { value: raw === '' ? null : Number(raw), raw, kind: raw === '' ? 'blank' : 'number', source: { file, table: 2, row: 5, col: 9 } };
  return {
    file, format: 'text', template: '2021',
    meta: { title: `示例县人民政府${year}年政府信息公开工作年度报告`, agency: '示例县人民政府', year, period: null, signedOn: null, publishedOn: `${year + 1}-01-20` } as unknown as Report['meta'],
    sections: [], facts: facts as Report['facts'], figures: [], findings,
  };
}
const summary = (r: Report, text: string): Summary => ({
  file: r.file, agency: r.meta.agency, year: r.meta.year, template: '2021', contentHash: null, factsHash: null,
  carriedOver: {}, carriedForward: {}, t2: {}, texts: [{ section: 'overview', text, source: { file: r.file, line: 3, column: 1, offset: 40 } }],
});

test('last year side by side: carry-over per column, copied section with the span marked, all escaped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-cmp-'));
  const store = await openStore(join(dir, 's.sqlite'));
  try {
    const r23 = report('a-2023.txt', 2023, { 't3.carried_forward.total': '3', 't3.carried_forward.natural_person': '2' }, []);
    const copied: Finding = {
      ruleId: 'cross-year/copied-text', severity: 'warning', kind: 'review', source: { file: 'a-2024.txt', line: 3, column: 1, offset: 40 },
      message: '“一、总体情况”有 95% 的内容与本机关 2023 年的报告（a-2023.txt）相同，例如：“坚持以公开为常态、不公开为例外，<b>持续</b>推进决策”',
      related: [{ message: '相同内容所在的报告：a-2023.txt', source: { file: 'a-2023.txt', line: 3, column: 1 } }],
      fingerprint: '1'.repeat(32), baselineState: 'new',
    };
    const r24 = report('a-2024.txt', 2024, { 't3.carried_over.total': '3', 't3.carried_over.natural_person': '1' }, [copied]);
    const runId = await store.beginRun({ toolVersion: 't', options: {}, inputs: [] });
    const ids = await store.addReports(runId, 't', [
      { pos: 0, report: r23, summary: summary(r23, TEXT_2023), sha256: 'a', failed: false },
      { pos: 1, report: r24, summary: summary(r24, TEXT_2024), sha256: 'b', failed: false },
    ]);
    await store.finishRun(runId, 'done', [], ids);
    const { app } = createWorkbench(store);
    const html = await (await app.request(`/report/${ids.get(1)}`)).text();
    assert.match(html, /与上一年比较：<a href="\/report\/\d+">示例县人民政府 2023<\/a>/);
    assert.match(html, /<th class="rl">总计<\/th><td class="n">3<\/td><td class="n">3<\/td><td>✔ 一致<\/td>/);
    assert.match(html, /<th class="rl">自然人<\/th><td class="n">1<\/td><td class="n">2<\/td><td><span class="c-error">✖ 不一致<\/span><\/td>/);
    assert.match(html, /照抄的文字：一、总体情况/);
    const marks = html.match(/<mark>[^<]*<\/mark>/g) ?? [];
    assert.is(marks.length, 2, 'the span marked in both years');
    assert.match(marks[0]!, /坚持以公开为常态、不公开为例外，&lt;b&gt;持续&lt;\/b&gt;推进决策/);
    assert.not.match(html, /<b>持续/, 'document markup escaped');
    const first = await (await app.request(`/report/${ids.get(0)}`)).text();
    assert.not.match(first, /与上一年比较/, 'no comparison without last year');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
