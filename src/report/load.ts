/**
 * One built-in reporter by its format name, loaded on demand: the command loads only the reporters
 * a run writes (the xlsx, html and SARIF writers cost start-up time that a stylish run never needs).
 */
import type { FormatName, Reporter, ReporterOptions, Write } from './types.js';

export type ReporterFactory = (write: Write, options: ReporterOptions) => Reporter;

export async function loadReporter(format: FormatName): Promise<ReporterFactory> {
  switch (format) {
    case 'stylish': return (await import('./stylish.js')).stylishReporter;
    case 'json': return (await import('./json.js')).jsonReporter;
    case 'ndjson': { const { ndjsonReporter } = await import('./json.js'); return (write) => ndjsonReporter(write); }
    case 'sarif': return (await import('./sarif.js')).sarifReporter;
    case 'csv': return (await import('./csv.js')).csvReporter;
    case 'html': return (await import('./html.js')).htmlReporter;
    case 'xlsx': return (await import('./xlsx.js')).xlsxReporter;
  }
}
