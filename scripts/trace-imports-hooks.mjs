// Loader hooks of scripts/trace-imports.mjs (run on Node's loader thread).
import { appendFileSync } from 'node:fs';

let out = null;
export function initialize(data) { out = data?.out ?? null; }

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (out) appendFileSync(out, `${result.url}\n`);
  return result;
}
