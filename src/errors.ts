/** Why a file could not be audited at all. The CLI prints `message` on one line and exits 2. */
export type AuditErrorCode =
  | 'not-found'
  | 'unreadable'
  | 'empty'
  | 'binary'
  | 'unsupported'
  | 'pdf-broken'
  | 'pdf-encrypted'
  | 'word-broken'
  | 'word-encrypted'
  | 'timeout'
  /** Over a size limit (bytes, characters, table cells, nesting depth, PDF streams, memory): finding `file/too-large`. */
  | 'too-large'
  | 'fetch'
  /** Bad options given to the library (an unknown rule id or severity …); `file` is ''. */
  | 'options';

export class AuditError extends Error {
  readonly code: AuditErrorCode;
  readonly file: string;
  constructor(code: AuditErrorCode, file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuditError';
    this.code = code;
    this.file = file;
  }
}
