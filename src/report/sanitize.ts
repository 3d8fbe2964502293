import { stripVTControlCharacters } from 'node:util';

// Text taken from documents and file names reaches terminals, spreadsheets and browsers. These
// helpers keep it inert there; none of them touches digits, so published numbers are never rewritten.

/** C0 controls other than tab/LF/CR, DEL, and the C1 range (U+0080–U+009F: CSI, OSC, ST in 8-bit form). */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** Every control character, tab and line breaks included (for one-line terminal fields). */
const ALL_CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;
/**
 * Bidirectional overrides and isolates, and the line/paragraph separators: they reorder or break
 * what a terminal shows (a file name could make `error` read as something else).
 */
const BIDI_AND_SEPARATORS = /[\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;

/**
 * For a terminal: escape sequences (CSI, OSC, ESC-x; 7- and 8-bit forms) removed whole, then every
 * remaining control character — BEL, backspace, CR, C1 — and bidi override; tabs and line breaks
 * become spaces so that one field stays on its line.
 */
export function terminalText(value: string): string {
  return stripVTControlCharacters(value)
    .replace(/[\t\n\r]/g, ' ')
    .replace(ALL_CONTROLS, '')
    .replace(BIDI_AND_SEPARATORS, '');
}

/** For CSV and HTML: escape sequences and control characters dropped; tab and line breaks kept. */
export function dropControls(value: string): string {
  return stripVTControlCharacters(value).replace(CONTROLS, '');
}

/**
 * OWASP's advice for CSV injection: a text cell starting with `=`, `+`, `-`, `@`, tab or CR is
 * read as a formula by Excel, LibreOffice and Sheets; a leading single quote makes it text (the
 * caller quotes the field). Numbers the tool computed (expected/actual, line numbers) are not strings
 * and are left alone, so a negative difference stays a number.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
