import type { TableTemplates } from '../templates/types.js';
import { headerGroups } from '../templates/index.js';
import type { Fact, Finding, Report, Severity } from '../model.js';
import { tableLayouts } from './layout.js';
import { placeText } from './location.js';
import { dropControls } from './sanitize.js';
import type { Reporter, ReporterOptions, Write } from './types.js';

/** Document text as inert HTML text: markup characters escaped, control characters dropped. */
const esc = (value: unknown): string =>
  dropControls(String(value ?? '')).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const SECTION_NAMES: Record<string, string> = {
  overview: '一、总体情况', proactive: '二、主动公开政府信息情况', requests: '三、收到和处理政府信息公开申请情况',
  review_litigation: '四、政府信息公开行政复议、行政诉讼情况', problems: '五、存在的主要问题及改进情况', other: '六、其他需要报告的事项',
};

const STYLE = `
body{font:14px/1.5 system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:0;color:#1d1d1f;background:#f6f7f9}
.layout{display:flex;flex-direction:column;gap:16px;padding:16px}
#summary{order:1}#details{order:2;display:flex;flex-direction:column;gap:16px}
h1{font-size:20px;margin:0 0 8px}h2{font-size:17px;margin:0 0 8px;word-break:break-all}h3{font-size:15px;margin:12px 0 6px}
.card{background:#fff;border:1px solid #dde;border-radius:6px;padding:12px 16px}
table{border-collapse:collapse;margin:4px 0}th,td{border:1px solid #ccd;padding:2px 6px;vertical-align:top}
th{background:#eef1f5;font-weight:600}#reports th{cursor:pointer;user-select:none;white-space:nowrap}
#reports th[aria-sort=ascending]::after{content:" ▲"}#reports th[aria-sort=descending]::after{content:" ▼"}
td.n{text-align:right;font-variant-numeric:tabular-nums}.err{color:#b00020;font-weight:600}.warn{color:#a15c00}.info{color:#0b57d0}
td.bad{font-weight:700}
td.sev-error{background:#ffd6d9;outline:2px solid #c0001a;outline-offset:-2px}td.sev-error::before{content:"✖ ";color:#c0001a;font-size:10px}
td.sev-warning{background:#ffe9b8;outline:2px dashed #a86500;outline-offset:-2px}td.sev-warning::before{content:"▲ ";color:#a86500;font-size:10px}
td.sev-info{background:#dbe8ff;outline:2px dotted #0b57d0;outline-offset:-2px}td.sev-info::before{content:"● ";color:#0b57d0;font-size:10px}
.legend span{display:inline-block;padding:0 8px;margin-right:6px;border:1px solid #ccd}.legend .sev-error{background:#ffd6d9;border:2px solid #c0001a}
.legend .sev-warning{background:#ffe9b8;border:2px dashed #a86500}.legend .sev-info{background:#dbe8ff;border:2px dotted #0b57d0}
td.blank{color:#999}.grid{display:flex;gap:16px;flex-wrap:wrap;align-items:flex-start}.grid>aside{flex:1;min-width:260px}
ul.findings{margin:0;padding-left:18px}ul.findings li{margin:2px 0}.rule{font-family:ui-monospace,monospace;color:#555;font-size:12px}
.missing{color:#999}.meta span{margin-right:16px}`;

/** Sorts the report table by a clicked column (numbers numerically, text by locale). */
const SCRIPT = `
document.querySelectorAll('#reports th').forEach(function(th,col){th.addEventListener('click',function(){
var tbody=th.closest('table').tBodies[0],dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
th.closest('tr').querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort')});
th.setAttribute('aria-sort',dir>0?'ascending':'descending');
var rows=Array.prototype.slice.call(tbody.rows);rows.sort(function(a,b){var x=a.cells[col].dataset.v||a.cells[col].textContent,y=b.cells[col].dataset.v||b.cells[col].textContent;
var nx=parseFloat(x),ny=parseFloat(y);if(!isNaN(nx)&&!isNaN(ny))return (nx-ny)*dir;return x.localeCompare(y,'zh')*dir});
rows.forEach(function(r){tbody.appendChild(r)})})});`;

interface Row { index: number; file: string; agency: string | null; year: number | null; template: string; counts: Record<string, number>; error: number; warning: number; info: number }

type Bad = Map<string, { worst: Severity; messages: string[] }>;
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
/** Records a finding on a cell; the cell keeps the worst severity. */
function mark(bad: Bad, key: string, severity: Severity, message: string): void {
  const entry = bad.get(key);
  if (!entry) bad.set(key, { worst: severity, messages: [message] });
  else {
    entry.messages.push(message);
    if (RANK[severity] > RANK[entry.worst]) entry.worst = severity;
  }
}

function cellHtml(facts: Record<string, Fact>, key: string, bad: Bad): string {
  const fact = facts[key];
  const hit = bad.get(key);
  const messages = hit?.messages;
  const classes = [hit ? `bad sev-${hit.worst}` : '', !fact || fact.kind === 'blank' ? 'blank' : ''].filter(Boolean).join(' ');
  const title = [key, ...(fact ? [placeText(fact.source)] : []), ...(messages ?? [])].join('\n');
  const text = !fact ? '' : fact.raw === '' ? '' : fact.raw;
  return `<td class="n${classes ? ` ${classes}` : ''}" data-key="${esc(key)}" title="${esc(title)}">${esc(text)}</td>`;
}

function t2Html(tpl: TableTemplates, facts: Record<string, Fact>, bad: Bad): string {
  let html = '<table class="t2"><caption>二、主动公开政府信息情况</caption>';
  for (const block of tpl.t2.blocks) {
    html += `<tr><th colspan="${block.columns.length + 1}">${esc(block.caption)}</th></tr>`;
    html += `<tr><th>信息内容</th>${block.columns.map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr>`;
    for (const row of block.rows) {
      html += `<tr><th>${esc(row.label)}</th>${block.columns.map((c) => cellHtml(facts, `t2.${row.key}.${c.key}`, bad)).join('')}</tr>`;
    }
  }
  return `${html}</table>`;
}

function t3Html(tpl: TableTemplates, facts: Record<string, Fact>, bad: Bad): string {
  const cols = tpl.t3.columns;
  let html = '<table class="t3"><caption>三、收到和处理政府信息公开申请情况</caption><tr><th rowspan="2">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>';
  // Header: natural person, then the 法人或其他组织 group, then 总计.
  html += headerGroups(cols).map((g) => (g.parent ? `<th colspan="${g.span}">${esc(g.label)}</th>` : `<th rowspan="2">${esc(g.label)}</th>`)).join('');
  html += `</tr><tr>${cols.filter((c) => c.parent).map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr>`;
  let group: string | undefined;
  for (const row of tpl.t3.rows) {
    if (row.group && row.group !== group) {
      const g = tpl.t3.groups.find((x) => x.key === row.group);
      if (g) html += `<tr><th colspan="${cols.length + 1}" style="text-align:left">${esc(g.label)}</th></tr>`;
    }
    group = row.group;
    html += `<tr><th style="text-align:left;padding-left:${6 + 12 * Math.max(0, row.level - 1)}px">${esc(row.label)}</th>${cols.map((c) => cellHtml(facts, `t3.${row.key}.${c.key}`, bad)).join('')}</tr>`;
  }
  return `${html}</table>`;
}

function t4Html(tpl: TableTemplates, facts: Record<string, Fact>, bad: Bad): string {
  let html = `<table class="t4"><caption>四、政府信息公开行政复议、行政诉讼情况</caption><tr><th></th>${tpl.t4.columns.map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr>`;
  for (const block of tpl.t4.blocks) {
    const parent = block.parent ? tpl.t4.blocks.find((b) => b.key === block.parent)?.label ?? block.parent : null;
    const label = parent ? `${parent}：${block.label}` : block.label;
    html += `<tr><th style="text-align:left">${esc(label)}</th>${tpl.t4.columns.map((c) => cellHtml(facts, `t4.${block.key}.${c.key}`, bad)).join('')}</tr>`;
  }
  return `${html}</table>`;
}

function findingsHtml(findings: Finding[]): string {
  if (!findings.length) return '<p>未发现问题 (no problems)</p>';
  return `<ul class="findings">${findings.map((f) => {
    const cls = f.severity === 'error' ? 'err' : f.severity === 'warning' ? 'warn' : 'info';
    const cells = f.cells?.length ? ` <span class="rule">[${f.cells.map((c) => esc(`${c.key}=${c.raw}`)).join(', ')}]</span>` : '';
    return `<li><span class="${cls}">${esc(f.severity)}</span> ${esc(f.message)}${cells} <span class="rule">${esc(f.ruleId)} · ${esc(placeText(f.source))}${f.kind === 'review' ? ' · 待核 review' : ''}</span></li>`;
  }).join('')}</ul>`;
}

/**
 * One self-contained HTML file. Report cards are streamed as they come; the sortable table of
 * reports (counts per rule) is written at the end and shown first by CSS order.
 */
export function htmlReporter(write: Write, options: ReporterOptions = {}): Reporter {
  const rows: Row[] = [];
  const byFile = new Map<string, Row>();
  return {
    start() {
      write(`<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">`);
      write(`<title>政府信息公开工作年度报告审核结果 (xxgk-audit)</title><style>${STYLE}</style></head>\n<body><div class="layout">\n<div id="details">\n`);
    },
    report(report: Report) {
      const index = rows.length;
      const row: Row = { index, file: report.file, agency: report.meta.agency, year: report.meta.year, template: report.template, counts: {}, error: 0, warning: 0, info: 0 };
      rows.push(row);
      if (!byFile.has(report.file)) byFile.set(report.file, row);
      const bad: Bad = new Map();
      for (const f of report.findings) {
        row[f.severity]++;
        row.counts[f.ruleId] = (row.counts[f.ruleId] ?? 0) + 1;
        if (f.review?.state === 'dismissed') continue;
        for (const c of f.cells ?? []) if (c.source.file === report.file) mark(bad, c.key, f.severity, `${f.ruleId}: ${f.message}`);
      }
      const m = report.meta;
      let html = `<section class="card report" id="r${index}" data-file="${esc(report.file)}"><h2>${esc(report.file)}</h2>`;
      html += `<div class="meta"><span>机关：${esc(m.agency ?? '—')}</span><span>年度：${esc(m.year ?? '—')}</span><span>模板：${esc(report.template)}</span><span>格式：${esc(report.format)}</span>${m.signedOn ? `<span>落款：${esc(m.signedOn)}</span>` : ''}</div>`;
      html += `<div class="grid"><div>`;
      if (report.sections.length) {
        html += '<h3>章节 (sections)</h3><table class="sections"><tr><th>章节</th><th>报告中的标题</th><th>状态</th></tr>';
        for (const s of report.sections) {
          const state = !s.present ? '<span class="err">缺失</span>' : s.empty ? '<span class="warn">无内容</span>' : '有';
          html += `<tr><td>${esc(SECTION_NAMES[s.id] ?? s.id)}</td><td>${esc(s.heading ?? '')}</td><td>${state}</td></tr>`;
        }
        html += '</table>';
      }
      if (Object.keys(report.facts).length) {
        // Each table in the layout it actually uses: a 2021 report with the 2019 one-row （六）其他处理 keeps those cells.
        const layouts = tableLayouts(report.facts, report.template);
        const versions = layouts.mixed ? `表二 ${layouts.t2.version} 格式，表三 ${layouts.t3.version} 格式` : `${layouts.t2.version} 模板`;
        html += `<h3>表格 (tables, ${versions})</h3><p class="legend">图例：<span class="sev-error">✖ 错误</span><span class="sev-warning">▲ 警告</span><span class="sev-info">● 提示</span></p>`;
        html += `${t2Html(layouts.t2, report.facts, bad)}${t3Html(layouts.t3, report.facts, bad)}${t4Html(layouts.t4, report.facts, bad)}`;
      }
      html += `</div><aside><h3>发现的问题 (findings)</h3>${findingsHtml(report.findings)}</aside></div></section>\n`;
      write(html);
    },
    finish(cross: Finding[], info = {}) {
      const highlights: [number, string, string, string][] = [];
      for (const f of cross) {
        const row = byFile.get(f.source.file);
        if (!row) continue;
        row[f.severity]++;
        row.counts[f.ruleId] = (row.counts[f.ruleId] ?? 0) + 1;
        if (f.review?.state === 'dismissed') continue;
        for (const c of f.cells ?? []) if (c.source.file === f.source.file) highlights.push([row.index, c.key, `${f.ruleId}: ${f.message}`, f.severity]);
      }
      write('</div>\n<div id="summary" class="card">');
      write(`<h1>政府信息公开工作年度报告审核结果</h1><p>${rows.length} 份报告${info.aborted ? '（已中止，结果不完整）' : ''}${options.timestamp ? ` · ${esc(options.timestamp)}` : ''} · xxgk-audit ${esc(options.version ?? '')}</p>`);
      const ruleIds = [...new Set(rows.flatMap((r) => Object.keys(r.counts)))].sort();
      write(`<table id="reports"><thead><tr><th>#</th><th>文件</th><th>机关</th><th>年度</th><th>模板</th><th>错误</th><th>警告</th><th>提示</th>${ruleIds.map((id) => `<th class="rule">${esc(id)}</th>`).join('')}</tr></thead><tbody>`);
      for (const r of rows) {
        write(`<tr><td class="n">${r.index + 1}</td><td><a href="#r${r.index}">${esc(r.file)}</a></td><td>${esc(r.agency ?? '')}</td><td class="n">${esc(r.year ?? '')}</td><td>${esc(r.template)}</td>`
          + `<td class="n${r.error ? ' err' : ''}">${r.error}</td><td class="n${r.warning ? ' warn' : ''}">${r.warning}</td><td class="n">${r.info}</td>`
          + `${ruleIds.map((id) => `<td class="n">${r.counts[id] ?? ''}</td>`).join('')}</tr>`);
      }
      write('</tbody></table>');
      if (cross.length) write(`<h3>跨报告检查 (cross-report)</h3>${findingsHtml(cross)}`);
      write('</div>\n</div>\n');
      write(`<script>${SCRIPT}\nvar H=${JSON.stringify(highlights).replace(/</g, '\\u003c')};H.forEach(function(h){var td=document.querySelector('#r'+h[0]+' td[data-key="'+CSS.escape(h[1])+'"]');if(td){var R={error:3,warning:2,info:1},cur=(td.className.match(/sev-(\\w+)/)||[])[1];td.classList.add('bad');if(!cur||R[h[3]]>R[cur]){if(cur)td.classList.remove('sev-'+cur);td.classList.add('sev-'+h[3])}td.title+='\\n'+h[2]}});</script>\n</body></html>\n`);
    },
  };
}
