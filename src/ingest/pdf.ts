import type { Root } from '../model.js';

/** Placeholder until the PDF reader lands. */
export async function parsePdf(bytes: Uint8Array, options: { file: string }): Promise<Root> {
  void bytes;
  return { type: 'root', children: [], data: { file: options.file, format: 'pdf' } };
}
