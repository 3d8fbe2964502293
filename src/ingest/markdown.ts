import type { Root } from '../model.js';

export interface ParseOptions {
  file: string;
  encoding?: string;
}

/** Placeholder until the markdown reader lands: an empty tree. */
export function parseMarkdown(text: string, options: ParseOptions): Root {
  return { type: 'root', children: [], data: { file: options.file, format: 'markdown' as Root['data']['format'], encoding: options.encoding, text } };
}
