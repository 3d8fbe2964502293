import type { Root } from '../model.js';

export interface ParseOptions {
  file: string;
  encoding?: string;
}

/** Placeholder until the text reader lands: an empty tree. */
export function parseText(text: string, options: ParseOptions): Root {
  return { type: 'root', children: [], data: { file: options.file, format: 'text' as Root['data']['format'], encoding: options.encoding, text } };
}
