import { basename } from 'node:path';
import type { Finding, Report, Severity } from '../model.js';
import { agencyKey } from '../batch/rules/util.js';
import { displayWidth, padEnd, padStart, placeText } from './location.js';
import { terminalText } from './sanitize.js';
import { scoreFindings } from './scorecard.js';
import type { Reporter, ReporterOptions, Write } from './types.js';

// Plain SGR codes: the caller decides when colour is wanted (TTY, NO_COLOR), not the environment here.
const ANSI = { red: 31, yellow: 33, blue: 34, green: 32, dim: 2, bold: 1, underline: 4 } as const;
type Style = keyof typeof ANSI;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Contributing cells shown under a finding; the rest are counted (the JSON keeps them all). */
export const SHOWN_CELLS = 6;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * ESLint-like terminal output: one block per file with `place  severity  message  ruleId`, then a
 * summary line. Reports that could not be read are left to stderr by the CLI (one line each).
 */
export function stylishReporter(write: Write, options: ReporterOptions = {}): Reporter {
  const paint = (style: Style | Style[], text: string): string => {
    if (!options.color) return text;
    const styles = Array.isArray(style) ? style : [style];
    return `${styles.map((s) => `\u001b[${ANSI[s]}m`).join('')}${text}\u001b[0m`;
  };
  const counts = { error: 0, warning: 0, info: 0 };
  let reports = 0;
  let suppressed = 0;
  // For the scorecard: each report's agency-year and findings.
  const scored = new Map<string, { agency: string; year: number | null; findings: Finding[] }>();
  const groupOf = new Map<string, Finding[]>();
  let fresh = 0;
  const isSuppressed = (f: Finding): boolean => f.review?.state === 'dismissed';

  // Dismissed in review: hidden (counted in the summary) unless --show-suppressed.
  const isShown = (f: Finding): boolean => (!options.quiet || f.severity === 'error') && (options.showSuppressed || !isSuppressed(f));
  const block = (file: string, findings: Finding[]): void => {
    const shown = findings.filter(isShown);
    if (!shown.length) return;
    // File names, messages and cell text come from documents: no escape sequence reaches the terminal.
    const places = shown.map((f) => terminalText(placeText(f.source)));
    const messages = shown.map((f) => terminalText(f.message));
    // Aligned by display width: a CJK character takes two columns.
    const placeWidth = Math.max(...places.map((p) => displayWidth(p)));
    const messageWidth = Math.min(80, Math.max(...messages.map((m) => displayWidth(m))));
    let out = `\n${paint('underline', terminalText(file))}\n`;
    shown.forEach((finding, i) => {
      const severity = finding.severity === 'error' ? paint('red', 'error  ') : finding.severity === 'warning' ? paint('yellow', 'warning') : paint('blue', 'info   ');
      const kind = finding.kind === 'review' ? paint('dim', ' [待核]') : '';
      // With a store: what is new since the last run, and what an officer has judged.
      const marks = `${finding.baselineState === 'new' ? paint(['green', 'bold'], ' [新]') : ''}${finding.review?.state === 'confirmed' ? paint('dim', ' [已确认]') : ''}`
        + (isSuppressed(finding) ? paint('dim', ` [已忽略${finding.review?.reason ? `：${terminalText(finding.review.reason)}` : ''}]`) : '');
      out += `  ${paint('dim', padStart(places[i]!, placeWidth))}  ${severity}  ${padEnd(messages[i]!, messageWidth)}  ${paint('dim', terminalText(finding.ruleId))}${kind}${marks}\n`;
      if (finding.cells?.length) {
        // A cell of another report (last year's, in cross-year findings) is named by its file.
        const where = (c: NonNullable<Finding['cells']>[number]): string => `${c.source.file && c.source.file !== finding.source.file ? `${basename(c.source.file)} ` : ''}${placeText(c.source)}`;
        const cell = (c: NonNullable<Finding['cells']>[number]): string => `${c.key}=${c.raw === '' ? '（空）' : c.raw}@${where(c)}`;
        const more = finding.cells.length - SHOWN_CELLS;
        // A long list is folded: the first cells, then how many more (--format json lists them all).
        const cells = terminalText(more > 0
          ? `${finding.cells.slice(0, SHOWN_CELLS).map(cell).join('，')} … 另 ${more} 个单元格 (${plural(more, 'more cell')}; --format json 列出全部)`
          : finding.cells.map(cell).join('，'));
        out += `  ${' '.repeat(placeWidth)}  ${paint('dim', `        ↳ ${cells}`)}\n`;
      }
    });
    write(out);
  };

  const count = (findings: Finding[]): void => {
    for (const f of findings) {
      // -q: errors only, printed and counted.
      if (options.quiet && f.severity !== 'error') continue;
      if (isSuppressed(f)) { suppressed++; continue; }
      counts[f.severity]++;
      if (f.baselineState === 'new') fresh++;
    }
  };

  return {
    start() {},
    report(report: Report, info = {}) {
      reports++;
      if (options.scorecard) {
        const key = `${agencyKey(report.meta.agency) ?? report.file}\u0000${report.meta.year ?? ''}`;
        let group = scored.get(key);
        if (!group) scored.set(key, (group = { agency: report.meta.agency ?? report.file, year: report.meta.year, findings: [] }));
        group.findings.push(...report.findings);
        if (!groupOf.has(report.file)) groupOf.set(report.file, group.findings);
      }
      count(report.findings);
      if (info.failed) return;
      const sorted = [...report.findings].sort((a, b) =>
        (a.source.page ?? 0) - (b.source.page ?? 0) || (a.source.line ?? 0) - (b.source.line ?? 0) || (a.source.column ?? 0) - (b.source.column ?? 0) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
      block(report.file, sorted);
    },
    finish(cross: Finding[], info = {}) {
      count(cross);
      const byFile = new Map<string, Finding[]>();
      for (const f of cross) byFile.set(f.source.file, [...(byFile.get(f.source.file) ?? []), f]);
      if (cross.some(isShown)) write(`\n${paint('bold', '跨报告检查 (cross-report)')}\n`);
      for (const [file, findings] of byFile) block(file, findings);
      const total = counts.error + counts.warning + counts.info;
      const aborted = info.aborted ? '（已中止 aborted）' : '';
      // Only with a store (--db): new / gone since the last run, and dismissed ones.
      const baseline = info.absent
        ? `；其中新出现 ${fresh} 个，上次有而本次已消失 ${info.absent.length} 个 (${fresh} new, ${info.absent.length} absent)` : '';
      const hidden = suppressed ? `；另有 ${suppressed} 个已忽略${options.showSuppressed ? '' : '（--show-suppressed 显示）'} (${suppressed} suppressed)` : '';
      if (total === 0) {
        if (!options.quiet) write(`${paint('green', `✔ ${reports} 份报告，未发现问题 (no problems)`)}${baseline}${hidden}${aborted}\n`);
        return;
      }
      for (const f of cross) groupOf.get(f.source.file)?.push(f);
      if (options.scorecard && scored.size) {
        const card = options.scorecard;
        let out = `\n${paint('bold', `评分（${card.name}；满分 ${card.base ?? 100}，每个机关每年最多扣 ${card.cap} 分）`)}\n`;
        for (const group of scored.values()) {
          const score = scoreFindings(card, group.findings);
          const detail = score.lines.map((l) => `${l.ruleId}×${l.findings} −${l.points}`).join('，');
          out += `  ${group.agency} ${group.year ?? ''}  ${score.score} 分${score.deducted ? `（扣 ${score.deducted}${score.capped ? '，已达上限' : ''}：${detail}）` : ''}\n`;
        }
        write(out);
      }
      const summary = options.quiet
        ? `\n✖ ${reports} 份报告，${counts.error} 个错误 (${plural(counts.error, 'error')})${baseline}${hidden}${aborted}\n`
        : `\n✖ ${reports} 份报告，${total} 个问题：${counts.error} 个错误，${counts.warning} 个警告，${counts.info} 个提示 (${plural(total, 'problem')}: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info, 'info')})${baseline}${hidden}${aborted}\n`;
      write(counts.error ? paint(['red', 'bold'], summary) : paint(['yellow', 'bold'], summary));
    },
  };
}
