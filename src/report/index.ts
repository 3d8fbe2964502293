import { csvReporter } from './csv.js';
import { htmlReporter } from './html.js';
import { jsonReporter, ndjsonReporter } from './json.js';
import { sarifReporter } from './sarif.js';
import { stylishReporter } from './stylish.js';
import { xlsxReporter } from './xlsx.js';
import type { FormatName, Reporter, ReporterOptions, Write } from './types.js';

export * from './types.js';
export type { Formatter, FormatterContext, RuleMeta } from './custom.js';
export { csvField } from './csv.js';
export { dropControls, neutraliseFormula, terminalText } from './sanitize.js';
export { csvReporter, htmlReporter, jsonReporter, ndjsonReporter, sarifReporter, stylishReporter, xlsxReporter };
export { scoreFindings, type Score, type Scorecard } from './scorecard.js';

export function createReporter(format: FormatName, write: Write, options: ReporterOptions = {}): Reporter {
  switch (format) {
    case 'stylish': return stylishReporter(write, options);
    case 'json': return jsonReporter(write, options);
    case 'ndjson': return ndjsonReporter(write);
    case 'sarif': return sarifReporter(write, options);
    case 'csv': return csvReporter(write, options);
    case 'html': return htmlReporter(write, options);
    case 'xlsx': return xlsxReporter(write, options);
  }
}
