/**
 * The workbench's pages, rendered on the server. Every text from a document or a file name goes
 * through `esc` (the pages carry no inline script or style: the CSP is `default-src 'self'`).
 */
import type { Fact, Figure, Finding, Report, Severity } from '../model.js';
import { placeText } from '../report/location.js';
import { tableLayouts } from '../report/layout.js';
import { dropControls } from '../report/sanitize.js';
import type { TableTemplates } from '../templates/types.js';
import { headerGroups } from '../templates/index.js';
import type { Page, ReportRow, StoredReport } from '../store/store.js';
import { RULE_NAMES, ruleName } from './rule-names.js';

export const esc = (value: unknown): string =>
  dropControls(String(value ?? '')).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const SEVERITY_NAMES: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const STATE_NAMES: Record<string, string> = { confirmed: '已确认', dismissed: '已忽略' };

const SECTION_NAMES: Record<string, string> = {
  overview: '一、总体情况', proactive: '二、主动公开政府信息情况', requests: '三、收到和处理政府信息公开申请情况',
  review_litigation: '四、政府信息公开行政复议、行政诉讼情况', problems: '五、存在的主要问题及改进情况', other: '六、其他需要报告的事项',
};

/** The overview's filters, as the URL holds them. */
export interface OverviewFilters {
  agency?: string;
  year?: number;
  rule?: string;
  severity?: Severity;
  /** new = new since the last run; unreviewed = not judged yet. */
  state?: 'new' | 'confirmed' | 'dismissed' | 'unreviewed';
  text?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  page?: number;
}

export const PAGE_SIZE = 50;

function layout(title: string, token: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="xxgk-token" content="${esc(token)}">
<title>${esc(title)}</title><link rel="stylesheet" href="/static/app.css"><script src="/static/app.js" defer></script></head>
<body>${body}</body></html>
`;
}

/** A query string of the filters with some changed (undefined = removed). */
export function filterQuery(f: OverviewFilters, change: Partial<Record<keyof OverviewFilters, string | number | undefined>> = {}): string {
  const merged: Record<string, unknown> = { ...f, ...change };
  const params = new URLSearchParams();
  for (const key of ['agency', 'year', 'rule', 'severity', 'state', 'text', 'sort', 'order', 'page'] as const) {
    const v = merged[key];
    if (v === undefined || v === null || v === '' || (key === 'page' && Number(v) <= 1)) continue;
    params.set(key, String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const COLUMNS: { key: string; label: string; num?: boolean }[] = [
  { key: 'agency', label: '机关' }, { key: 'year', label: '年度', num: true }, { key: 'template', label: '模板' },
  { key: 'publishedOn', label: '发布日期' }, { key: 'file', label: '文件' },
  { key: 'errors', label: '错误', num: true }, { key: 'warnings', label: '警告', num: true }, { key: 'infos', label: '提示', num: true },
  { key: 'unreviewed', label: '未审核', num: true }, { key: 'confirmed', label: '已确认', num: true }, { key: 'dismissed', label: '已忽略', num: true },
];

export function overviewPage(token: string, filters: OverviewFilters, page: Page<ReportRow>, years: number[], ms: number): string {
  const opt = (value: string, label: string, current: unknown): string =>
    `<option value="${esc(value)}"${String(current ?? '') === value ? ' selected' : ''}>${esc(label)}</option>`;
  const rules = Object.keys(RULE_NAMES).sort();
  let html = `<header class="bar"><h1>政府信息公开年度报告审核工作台</h1><span class="muted">xxgk-audit</span></header><main>`;
  html += `<form id="filters" method="get" action="/" class="filters">
<label>地区/机关 <input name="agency" value="${esc(filters.agency ?? '')}" placeholder="如 洪泽"></label>
<label>年度 <select name="year">${opt('', '全部', filters.year)}${years.map((y) => opt(String(y), String(y), filters.year)).join('')}</select></label>
<label>规则 <select name="rule">${opt('', '全部', filters.rule)}${rules.map((r) => opt(r, `${ruleName(r)} ${r}`, filters.rule)).join('')}</select></label>
<label>严重程度 <select name="severity">${opt('', '全部', filters.severity)}${(['error', 'warning', 'info'] as const).map((s) => opt(s, SEVERITY_NAMES[s], filters.severity)).join('')}</select></label>
<label>审核状态 <select name="state">${opt('', '全部', filters.state)}${opt('new', '新发现', filters.state)}${opt('unreviewed', '未审核', filters.state)}${opt('confirmed', '已确认', filters.state)}${opt('dismissed', '已忽略', filters.state)}</select></label>
<label>问题文字 <input name="text" value="${esc(filters.text ?? '')}" placeholder="搜索问题说明"></label>
${filters.sort ? `<input type="hidden" name="sort" value="${esc(filters.sort)}">` : ''}${filters.order ? `<input type="hidden" name="order" value="${esc(filters.order)}">` : ''}
<button type="submit">筛选</button> <a href="/">清除</a>
<span class="exports">导出当前筛选：<a id="export-xlsx" href="/export.xlsx${esc(filterQuery(filters, { page: undefined, sort: undefined, order: undefined }))}">Excel (xlsx)</a> · <a id="export-csv" href="/export.csv${esc(filterQuery(filters, { page: undefined, sort: undefined, order: undefined }))}">CSV</a></span>
</form>`;
  const pages = Math.max(1, Math.ceil(page.total / page.limit));
  const current = Math.floor(page.offset / page.limit) + 1;
  html += `<p class="muted" id="total">共 <b>${page.total}</b> 份报告 · 第 ${current}/${pages} 页 · 查询 ${ms} ms</p>`;
  html += '<table id="reports" class="overview"><thead><tr>';
  for (const c of COLUMNS) {
    const active = (filters.sort ?? 'agency') === c.key;
    const order = active && (filters.order ?? 'asc') === 'asc' ? 'desc' : 'asc';
    const aria = active ? ` aria-sort="${(filters.order ?? 'asc') === 'asc' ? 'ascending' : 'descending'}"` : '';
    html += `<th${aria}${c.num ? ' class="n"' : ''}><a href="/${esc(filterQuery(filters, { sort: c.key, order, page: undefined }))}">${esc(c.label)}</a></th>`;
  }
  html += '</tr></thead><tbody>';
  for (const r of page.rows) {
    html += `<tr data-report="${r.reportId}"><td class="agency"><a href="/report/${r.reportId}">${esc(r.agency ?? '（未识别机关）')}</a></td>`
      + `<td class="n">${esc(r.year ?? '—')}</td><td>${esc(r.template)}</td><td>${esc(r.publishedOn ?? '')}</td>`
      + `<td class="file" title="${esc(r.file)}">${esc(baseName(r.file))}</td>`
      + `<td class="n${r.errors ? ' c-error' : ''}">${r.errors}</td><td class="n${r.warnings ? ' c-warning' : ''}">${r.warnings}</td><td class="n${r.infos ? ' c-info' : ''}">${r.infos}</td>`
      + `<td class="n">${r.unreviewed}</td><td class="n">${r.confirmed}</td><td class="n">${r.dismissed}</td></tr>`;
  }
  if (!page.rows.length) html += `<tr><td colspan="${COLUMNS.length}" class="muted">没有符合条件的报告 (no reports match)</td></tr>`;
  html += '</tbody></table><nav class="pager">';
  if (current > 1) html += `<a rel="prev" href="/${esc(filterQuery(filters, { page: current - 1 }))}">上一页</a> `;
  if (current < pages) html += `<a rel="next" href="/${esc(filterQuery(filters, { page: current + 1 }))}">下一页</a>`;
  html += '</nav></main>';
  return layout('审核工作台 · xxgk-audit', token, html);
}

const baseName = (file: string): string => file.split(/[\\/]/).filter(Boolean).at(-1) ?? file;

/** Worst severity per cell key of this report, and the findings naming each cell. */
function cellFindings(report: Report): Map<string, { worst: Severity; ids: number[] }> {
  const map = new Map<string, { worst: Severity; ids: number[] }>();
  report.findings.forEach((f, i) => {
    if (f.review?.state === 'dismissed') return;
    for (const c of f.cells ?? []) {
      if (c.source.file !== report.file) continue;
      const entry = map.get(c.key);
      if (!entry) map.set(c.key, { worst: f.severity, ids: [i] });
      else {
        entry.ids.push(i);
        if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[entry.worst]) entry.worst = f.severity;
      }
    }
  });
  return map;
}

type Cells = Map<string, { worst: Severity; ids: number[] }>;

/** A cell as published: blank, 0, — and / each shown as they are (blank marked so it is visible). */
function cell(facts: Record<string, Fact>, key: string, bad: Cells): string {
  const fact = facts[key];
  const hit = bad.get(key);
  const classes = ['n'];
  if (hit) classes.push(`sev-${hit.worst}`);
  if (!fact) classes.push('unread');
  else if (fact.raw.trim() === '') classes.push('blank');
  const title = [key, fact ? placeText(fact.source) : '未读取 (not read)', ...(hit ? [`${SEVERITY_NAMES[hit.worst]}（${hit.ids.length} 个问题）`] : [])].join('\n');
  const text = !fact ? '' : fact.raw.trim() === '' ? '' : fact.raw;
  return `<td class="${classes.join(' ')}" data-key="${esc(key)}"${hit ? ` data-findings="${hit.ids.join(' ')}"` : ''} title="${esc(title)}">${esc(text)}</td>`;
}

export function t2Table(tpl: TableTemplates, facts: Record<string, Fact>, bad: Cells): string {
  let html = `<table class="t t2"><caption>表二 主动公开政府信息情况 <span class="muted">(${tpl.version} 格式)</span></caption>`;
  for (const block of tpl.t2.blocks) {
    html += `<tr><th colspan="${block.columns.length + 1}" class="block">${esc(block.caption)}</th></tr>`;
    html += `<tr><th>信息内容</th>${block.columns.map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr>`;
    for (const row of block.rows) html += `<tr><th class="rl">${esc(row.label)}</th>${block.columns.map((c) => cell(facts, `t2.${row.key}.${c.key}`, bad)).join('')}</tr>`;
  }
  return `${html}</table>`;
}

export function t3Table(tpl: TableTemplates, facts: Record<string, Fact>, bad: Cells): string {
  const cols = tpl.t3.columns;
  let html = `<table class="t t3"><caption>表三 收到和处理政府信息公开申请情况 <span class="muted">(${tpl.version} 格式)</span></caption><tr><th rowspan="3" class="note">${esc(tpl.t3.headerNote)}</th><th colspan="${cols.length}">${esc(tpl.t3.columnGroup)}</th></tr><tr>`;
  html += headerGroups(cols).map((g) => (g.parent ? `<th colspan="${g.span}">${esc(g.label)}</th>` : `<th rowspan="2">${esc(g.label)}</th>`)).join('');
  html += `</tr><tr>${cols.filter((c) => c.parent).map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr>`;
  let group: string | undefined;
  for (const row of tpl.t3.rows) {
    if (row.group && row.group !== group) {
      const g = tpl.t3.groups.find((x) => x.key === row.group);
      if (g) html += `<tr><th colspan="${cols.length + 1}" class="rl lv1">${esc(g.label)}</th></tr>`;
    }
    group = row.group;
    html += `<tr><th class="rl lv${Math.min(3, row.level)}">${esc(row.label)}</th>${cols.map((c) => cell(facts, `t3.${row.key}.${c.key}`, bad)).join('')}</tr>`;
  }
  return `${html}</table>`;
}

export function t4Table(tpl: TableTemplates, facts: Record<string, Fact>, bad: Cells): string {
  const n = tpl.t4.columns.length;
  const blocks = tpl.t4.blocks;
  // Header as the format draws it: 行政复议 over its five columns; 行政诉讼 over 未经复议直接起诉 and 复议后起诉.
  const groups: { label: string; children: typeof blocks }[] = [];
  for (const b of blocks) {
    const last = groups.at(-1);
    if (b.parent && last?.label === b.parent) last.children.push(b);
    else groups.push({ label: b.parent ?? b.label, children: b.parent ? [b] : [] });
  }
  let html = '<table class="t t4"><caption>表四 政府信息公开行政复议、行政诉讼情况</caption><tr>';
  html += groups.map((g) => (g.children.length ? `<th colspan="${g.children.length * n}">${esc(g.label)}</th>` : `<th colspan="${n}" rowspan="2">${esc(g.label)}</th>`)).join('');
  html += `</tr><tr>${groups.flatMap((g) => g.children).map((b) => `<th colspan="${n}">${esc(b.label)}</th>`).join('')}</tr><tr>`;
  html += blocks.map(() => tpl.t4.columns.map((c) => `<th class="vert">${esc(c.label)}</th>`).join('')).join('');
  html += `</tr><tr>${blocks.map((b) => tpl.t4.columns.map((c) => cell(facts, `t4.${b.key}.${c.key}`, bad)).join('')).join('')}</tr></table>`;
  return html;
}

/** The prose figure a prose finding is about: its sentence with the figure marked. */
function proseSentence(report: Report, f: Finding): string {
  if (!f.ruleId.startsWith('prose/')) return '';
  const at = f.source;
  const figure: Figure | undefined =
    report.figures.find((g) => g.source.offset !== undefined && g.source.offset === at.offset)
    ?? report.figures.find((g) => g.source.line === at.line && g.source.page === at.page && g.source.column === at.column)
    ?? report.figures.find((g) => g.source.line === at.line && g.source.page === at.page);
  if (!figure) return '';
  const sentence = figure.sentence;
  const mark = `${figure.raw}${figure.unit}`;
  let i = sentence.indexOf(mark);
  let len = mark.length;
  if (i < 0) { i = sentence.indexOf(figure.raw); len = figure.raw.length; }
  const body = i < 0 ? esc(sentence) : `${esc(sentence.slice(0, i))}<mark>${esc(sentence.slice(i, i + len))}</mark>${esc(sentence.slice(i + len))}`;
  return `<blockquote class="prose">${body}</blockquote>`;
}

function findingItem(report: Report, f: Finding, i: number): string {
  const cells = (f.cells ?? []).filter((c) => c.source.file === report.file).map((c) => c.key);
  const state = f.review?.state;
  const cellText = f.cells?.length ? `<div class="cells">${f.cells.map((c) => `<code>${esc(c.key)}</code>=${esc(c.raw === '' ? '（空白）' : c.raw)}${c.source.file !== report.file ? `（${esc(baseName(c.source.file))}）` : ''}`).join('，')}</div>` : '';
  const related = f.related?.length ? `<ul class="related">${f.related.map((r) => `<li>${esc(r.message)} <span class="muted">${esc(placeText(r.source))}</span></li>`).join('')}</ul>` : '';
  return `<li class="finding sev-${f.severity}${state ? ` st-${state}` : ''}" id="f${i}" data-i="${i}" data-fingerprint="${esc(f.fingerprint ?? '')}" data-cells="${esc(cells.join(' '))}" data-place="${esc(placeText(f.source))}" tabindex="0">
<div class="head"><span class="sev">${SEVERITY_NAMES[f.severity]}</span> <span class="rule">${esc(ruleName(f.ruleId))} <code>${esc(f.ruleId)}</code></span>${f.baselineState === 'new' ? ' <span class="tag">新</span>' : ''} <span class="state">${state ? esc(STATE_NAMES[state]) : '未审核'}</span>${f.review?.reason ? ` <span class="reason">理由：${esc(f.review.reason)}</span>` : ''}</div>
<div class="msg">${esc(f.message)}</div>${cellText}${proseSentence(report, f)}${related}
<div class="where muted">位置：${esc(placeText(f.source))}</div>
${f.fingerprint ? `<div class="actions"><button type="button" data-act="confirm">确认</button> <input class="reason-input" placeholder="忽略理由" maxlength="500" value=""> <button type="button" data-act="dismiss">忽略</button> <button type="button" data-act="reset">重置</button></div>` : ''}
</li>`;
}

export interface Comparison {
  prior: StoredReport;
  carry: { key: string; label: string; now: Fact | undefined; before: Fact | undefined }[];
  /** Sections 一, 五, 六 found copied from last year's report: both texts, and the example span the finding quotes. */
  texts: { section: string; now: string; before: string; span: string }[];
}

/** A text with the first occurrence of `span` marked (whitespace-insensitive), everything escaped. */
export function markSpan(text: string, span: string): string {
  const clipped = text.length > 4000 ? `${text.slice(0, 4000)}…` : text;
  const words = span.trim().split(/\s+/).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!words.length) return esc(clipped);
  const match = new RegExp(words.join('\\s*')).exec(clipped);
  if (!match) return esc(clipped);
  return `${esc(clipped.slice(0, match.index))}<mark>${esc(match[0])}</mark>${esc(clipped.slice(match.index + match[0].length))}`;
}

export function reportPage(token: string, stored: StoredReport, comparison: Comparison | null, fileLink: string | null): string {
  const { report } = stored;
  const m = report.meta;
  const bad = cellFindings(report);
  const counts = { error: 0, warning: 0, info: 0, confirmed: 0, dismissed: 0, unreviewed: 0 };
  for (const f of report.findings) {
    if (f.review?.state !== 'dismissed') counts[f.severity]++;
    if (f.review) counts[f.review.state]++;
    else counts.unreviewed++;
  }
  let html = `<header class="bar"><a href="/" id="back">← 总览</a><h1>${esc(m.title ?? baseName(report.file))}</h1></header><main class="report">`;
  html += `<div class="meta"><span>机关：<b>${esc(m.agency ?? '—')}</b></span><span>年度：${esc(m.year ?? '—')}</span><span>模板：${esc(report.template)}</span><span>格式：${esc(report.format)}</span><span>发布：${esc(m.publishedOn ?? '—')}</span>${m.signedOn ? `<span>落款：${esc(m.signedOn)}</span>` : ''}`
    + `<span>原文：${fileLink ? `<a id="original" href="${esc(fileLink)}" rel="noopener noreferrer" target="_blank">${esc(baseName(report.file))}</a>` : esc(report.file)}</span></div>`;
  html += `<div class="counts" id="counts"><span class="c-error">错误 <b data-count="error">${counts.error}</b></span><span class="c-warning">警告 <b data-count="warning">${counts.warning}</b></span><span class="c-info">提示 <b data-count="info">${counts.info}</b></span>`
    + `<span>未审核 <b data-count="unreviewed">${counts.unreviewed}</b></span><span>已确认 <b data-count="confirmed">${counts.confirmed}</b></span><span>已忽略 <b data-count="dismissed">${counts.dismissed}</b></span></div>`;
  html += '<div class="cols"><div class="left">';
  html += '<h2>章节</h2><table class="sections"><tr><th>章节</th><th>报告中的标题</th><th>状态</th></tr>';
  for (const s of report.sections) {
    const state = !s.present ? '<span class="c-error">✖ 缺失</span>' : s.empty ? '<span class="c-warning">▲ 无内容</span>' : s.match === 'equivalent' ? '≈ 等同标题' : s.match === 'content_only' ? '≈ 仅有内容' : '✔ 有';
    html += `<tr><td>${esc(SECTION_NAMES[s.id] ?? s.id)}</td><td>${esc(s.heading ?? '')}</td><td>${state}</td></tr>`;
  }
  html += '</table>';
  html += `<div class="legend" id="legend">图例：<span class="sw sev-error">✖ 错误</span><span class="sw sev-warning">▲ 警告</span><span class="sw sev-info">● 提示/待核</span><span class="sw blank">空白</span><span class="sw unread">未读取</span><span class="sw hl">当前选中</span></div>`;
  if (Object.keys(report.facts).length) {
    const layouts = tableLayouts(report.facts, report.template);
    if (layouts.mixed) html += `<p class="muted">表二为 ${layouts.t2.version} 格式，表三为 ${layouts.t3.version} 格式（混用）。</p>`;
    html += t2Table(layouts.t2, report.facts, bad) + t3Table(layouts.t3, report.facts, bad) + t4Table(layouts.t4, report.facts, bad);
  } else html += '<p class="muted">未读取到统计表 (no table cells read)</p>';
  if (comparison) html += comparisonHtml(stored, comparison);
  html += `</div><aside class="right"><h2>问题 (${report.findings.length})</h2><div id="place" class="place muted" aria-live="polite">点击问题查看所在单元格和位置</div><ol class="findings" id="findings">`;
  html += report.findings.map((f, i) => findingItem(report, f, i)).join('');
  html += `</ol>${report.findings.length ? '' : '<p>未发现问题</p>'}</aside></div></main>`;
  return layout(`${m.agency ?? baseName(report.file)} ${m.year ?? ''} · xxgk-audit`, token, html).replace('<body>', `<body data-report="${stored.reportId}">`);
}

function comparisonHtml(stored: StoredReport, c: Comparison): string {
  const prior = c.prior.report;
  let html = `<section class="compare" id="compare"><h2>与上一年比较：<a href="/report/${c.prior.reportId}">${esc(prior.meta.agency ?? '')} ${esc(prior.meta.year ?? '')}</a></h2>`;
  html += `<table class="t"><tr><th>列</th><th>${esc(stored.year ?? '')} 年 上年结转</th><th>${esc(prior.meta.year ?? '')} 年 结转下年度继续办理</th><th></th></tr>`;
  for (const row of c.carry) {
    const same = row.now && row.before && row.now.raw.trim() === row.before.raw.trim();
    html += `<tr><th class="rl">${esc(row.label)}</th><td class="n">${esc(row.now?.raw ?? '（未读取）')}</td><td class="n">${esc(row.before?.raw ?? '（未读取）')}</td><td>${!row.now || !row.before ? '' : same ? '✔ 一致' : '<span class="c-error">✖ 不一致</span>'}</td></tr>`;
  }
  html += '</table>';
  for (const t of c.texts) {
    html += `<h3>照抄的文字：${esc(SECTION_NAMES[t.section] ?? t.section)}</h3><div class="side"><div><h4>${esc(stored.year ?? '')} 年</h4><p class="text">${markSpan(t.now, t.span)}</p></div>`
      + `<div><h4>${esc(prior.meta.year ?? '')} 年</h4><p class="text">${markSpan(t.before, t.span)}</p></div></div>`;
  }
  const copied = stored.report.findings.filter((f) => f.ruleId === 'cross-year/copied-text');
  if (copied.length) {
    html += '<h3>照抄的文字</h3><ul>';
    for (const f of copied) html += `<li>${esc(f.message)} <span class="muted">本年：${esc(placeText(f.source))}${f.related?.length ? `；上一年：${f.related.map((r) => esc(placeText(r.source))).join('，')}` : ''}</span></li>`;
    html += '</ul>';
  }
  return `${html}</section>`;
}
