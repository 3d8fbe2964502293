import type ExcelJS from 'exceljs';
import { agencyKey } from '../batch/rules/util.js';
import type { Finding, Report } from '../model.js';
import { placeText } from './location.js';
import { dropControls } from './sanitize.js';
import { scoreFindings, type Scorecard } from './scorecard.js';
import type { FinishInfo, Reporter, ReporterOptions, Write } from './types.js';

const SEVERITY: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示' };
const KIND: Record<Finding['kind'], string> = { fail: '不一致', review: '待核' };
const BASELINE: Record<string, string> = { new: '新出现', unchanged: '未变', updated: '有变化', absent: '已消失' };
const reviewText = (f: Finding): string => (f.review ? (f.review.state === 'dismissed' ? '已忽略' : '已确认') : '未审核');
const TABLES = [['t2', '表二'], ['t3', '表三'], ['t4', '表四']] as const;

interface ReportInfo {
  file: string;
  agency: string | null;
  year: number | null;
  template: string;
  sectionsPresent: number;
  tables: Set<string>;
  facts: Record<string, string>;
  findings: Finding[];
}

/** Where a finding is, in words an officer reads: line/page/table cell, and the cells it names. */
function placeOf(f: Finding): string {
  const cells = f.cells?.filter((c) => c.source.file === f.source.file).map((c) => `${c.key}=${c.raw === '' ? '（空）' : c.raw}`) ?? [];
  return [placeText(f.source), ...cells].filter((p) => p && p !== '-').join('；') || '-';
}

/**
 * Document text into a cell: a string cell, never a formula (exceljs writes strings as strings, so
 * `=HYPERLINK(…)` stays text); control characters dropped, as XML cannot hold them.
 */
const text = (value: unknown): string => (value === null || value === undefined ? '' : dropControls(String(value)));

function sheet(workbook: ExcelJS.Workbook, name: string, columns: { header: string; width: number }[]): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/**
 * An Excel workbook for officers: 问题 (one row per finding), 汇总 (per agency and year: counts by
 * severity and rule, sections, tables read, late or not, the scorecard's score), 数据 (one row per
 * report, one column per cell key, the text as published). Written at the end: needs --output.
 */
export function xlsxReporter(write: Write, options: ReporterOptions & { scorecard?: Scorecard } = {}): Reporter {
  const reports: ReportInfo[] = [];
  const byFile = new Map<string, ReportInfo>();
  return {
    start() {},
    report(report: Report) {
      const facts: Record<string, string> = {};
      for (const [key, fact] of Object.entries(report.facts)) facts[key] = fact.raw;
      const info: ReportInfo = {
        file: report.file, agency: report.meta.agency, year: report.meta.year, template: report.template,
        sectionsPresent: report.sections.filter((s) => s.present).length,
        tables: new Set(TABLES.filter(([id]) => Object.keys(report.facts).some((k) => k.startsWith(`${id}.`))).map(([, label]) => label)),
        facts, findings: [...report.findings],
      };
      reports.push(info);
      if (!byFile.has(report.file)) byFile.set(report.file, info);
    },
    async finish(cross: Finding[], info: FinishInfo = {}) {
      for (const f of cross) byFile.get(f.source.file)?.findings.push(f);
      // Loaded only when a workbook is asked for: other formats never pay for exceljs.
      const { default: Excel } = await import('exceljs');
      const workbook = new Excel.Workbook();
      workbook.creator = 'xxgk-audit';
      if (options.timestamp) workbook.created = new Date(options.timestamp);

      const findings = sheet(workbook, '问题', [
        { header: '机关', width: 28 }, { header: '年度', width: 7 }, { header: '文件或网址', width: 40 }, { header: '规则', width: 24 },
        { header: '严重程度', width: 9 }, { header: '类型', width: 8 }, { header: '问题说明', width: 80 }, { header: '位置', width: 30 },
        { header: '审核状态', width: 9 }, { header: '理由', width: 30 }, { header: '基线', width: 8 }, { header: '指纹', width: 34 },
      ]);
      const row = (r: ReportInfo | undefined, f: Finding): void => {
        const added = findings.addRow([
          text(r?.agency), r?.year ?? '', text(f.source.file), text(f.ruleId), SEVERITY[f.severity], KIND[f.kind], text(f.message), placeOf(f),
          reviewText(f), text(f.review?.reason), f.baselineState ? BASELINE[f.baselineState] ?? f.baselineState : '', text(f.fingerprint),
        ]);
        added.getCell(7).alignment = { wrapText: true, vertical: 'top' };
      };
      for (const r of reports) for (const f of r.findings) row(r, f);
      for (const f of info.absent ?? []) row(byFile.get(f.source.file), f);

      // Per agency and year: the HTML and text copies of one report are one row.
      const groups = new Map<string, ReportInfo[]>();
      for (const r of reports) {
        const key = `${agencyKey(r.agency) ?? r.file}\u0000${r.year ?? ''}`;
        groups.set(key, [...(groups.get(key) ?? []), r]);
      }
      const ruleIds = [...new Set(reports.flatMap((r) => r.findings.map((f) => f.ruleId)))].sort();
      const card = options.scorecard;
      const summary = sheet(workbook, '汇总', [
        { header: '机关', width: 28 }, { header: '年度', width: 7 }, { header: '文件', width: 40 }, { header: '模板', width: 8 },
        { header: '错误', width: 6 }, { header: '警告', width: 6 }, { header: '提示', width: 6 }, { header: '已忽略', width: 7 },
        { header: '章节（共6）', width: 10 }, { header: '读到的表格', width: 16 }, { header: '逾期发布', width: 9 },
        ...(card ? [{ header: `得分（${card.name}）`, width: 14 }, { header: '扣分', width: 8 }] : []),
        ...ruleIds.map((id) => ({ header: id, width: Math.max(10, id.length + 2) })),
      ]);
      for (const group of groups.values()) {
        const all = group.flatMap((r) => r.findings);
        // One defect in two copies of the report is one defect.
        const seen = new Set<string>();
        const distinct = all.filter((f) => { const id = f.fingerprint ?? `${f.ruleId}\u0000${f.message}`; if (seen.has(id)) return false; seen.add(id); return true; });
        const live = distinct.filter((f) => f.review?.state !== 'dismissed');
        const count = (severity: Finding['severity']): number => live.filter((f) => f.severity === severity).length;
        const score = card ? scoreFindings(card, all) : null;
        summary.addRow([
          text(group[0]!.agency), group[0]!.year ?? '', group.map((r) => r.file).join('\n'), [...new Set(group.map((r) => r.template))].join('/'),
          count('error'), count('warning'), count('info'), distinct.length - live.length,
          Math.max(...group.map((r) => r.sectionsPresent)), [...new Set(group.flatMap((r) => [...r.tables]))].sort().join('、') || '无',
          live.some((f) => f.ruleId === 'meta/late') ? '是' : '否',
          ...(score ? [score.score, score.deducted] : []),
          ...ruleIds.map((id) => live.filter((f) => f.ruleId === id).length || ''),
        ]);
      }

      const keys: string[] = [];
      const known = new Set<string>();
      for (const r of reports) for (const key of Object.keys(r.facts)) if (!known.has(key)) { known.add(key); keys.push(key); }
      const facts = sheet(workbook, '数据', [
        { header: '文件', width: 40 }, { header: '机关', width: 28 }, { header: '年度', width: 7 }, { header: '模板', width: 8 },
        ...keys.map((k) => ({ header: k, width: Math.min(40, Math.max(12, k.length + 2)) })),
      ]);
      for (const r of reports) facts.addRow([text(r.file), text(r.agency), r.year ?? '', r.template, ...keys.map((k) => (k in r.facts ? text(r.facts[k]) : null))]);
      // Published cells as published: '0', '—', '' are text, never turned into numbers.
      for (let col = 5; col <= keys.length + 4; col++) facts.getColumn(col).numFmt = '@';

      write(new Uint8Array(await workbook.xlsx.writeBuffer()));
    },
  };
}
