import type { Root } from '../model.js';

export interface ParseOptions {
  file: string;
  encoding?: string;
}

/** Placeholder until the html reader lands: an empty tree. */
export function parseHtml(text: string, options: ParseOptions): Root {
  return { type: 'root', children: [], data: { file: options.file, format: 'html' as Root['data']['format'], encoding: options.encoding, text } };
}
