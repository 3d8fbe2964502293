import { attachmentOnly } from './file/attachment-only.js';
import { charsetMismatch } from './file/charset-mismatch.js';
import { notMachineReadable } from './file/not-machine-readable.js';
import { unsupportedFormat } from './file/unsupported-format.js';
import type { Rule } from './types.js';

export { unreadable } from './file/not-machine-readable.js';
export { onlyAttachments } from './file/attachment-only.js';

/** Rules of the `file/*` family, one file each under ./file/. */
export const fileRules: Rule[] = [notMachineReadable, unsupportedFormat, charsetMismatch, attachmentOnly];
