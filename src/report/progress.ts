/**
 * The progress bar on stderr: one line, `[████░░░░] 12/105  11%  ETA 0:34  path/of/current.pdf`,
 * drawn only on a terminal and only once the run has lasted `delayMs` (a quick run never shows
 * it). It is cut to the terminal's width so it never wraps, and drawn with a carriage return and
 * "erase to end of line" alone: no cursor hiding, no scroll regions, no autowrap switching, nothing
 * that outlives the run. Whatever else is printed to the same terminal goes through `print`, which
 * erases the bar, lets the text through, and draws the bar again below it.
 */
import stringWidth from 'string-width';

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** Show the bar only after this long (default 1000 ms). */
  delayMs?: number;
  /** Clock (tests). */
  now?: () => number;
}

const BAR = 20;
const CLEAR = '\r\u001b[K';

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** Cuts `text` to at most `width` terminal columns (CJK counts double), keeping its end (the file name). */
export function fitEnd(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  const chars = [...text];
  let out = '';
  let used = 1; // the ellipsis
  for (let i = chars.length - 1; i >= 0; i--) {
    const w = stringWidth(chars[i]!);
    if (used + w > width) break;
    out = chars[i]! + out;
    used += w;
  }
  return `…${out}`;
}

export class Progress {
  private done = 0;
  private file = '';
  private shown = false;
  private stopped = false;
  private readonly started: number;
  private readonly now: () => number;
  private readonly delayMs: number;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly stream: ProgressStream, private readonly total: number, options: ProgressOptions = {}) {
    this.now = options.now ?? Date.now;
    this.delayMs = options.delayMs ?? 1000;
    this.started = this.now();
    // Shows the bar once the delay has passed and keeps the ETA moving while a long file runs.
    this.timer = setInterval(() => this.draw(), 250);
    this.timer.unref();
    if (this.delayMs <= 0) this.draw();
  }

  /** `done` inputs finished; `file` is the one the run is waiting for now. */
  update(done: number, file: string): void {
    this.done = done;
    this.file = file;
    this.draw();
  }

  /** The bar's text now (without the control characters that draw it). */
  line(): string {
    // One column short of the width: a line that fills the last column would wrap on some terminals.
    const width = Math.max(1, (this.stream.columns ?? 80) - 1);
    const ratio = this.total ? Math.min(1, this.done / this.total) : 0;
    const filled = Math.round(ratio * BAR);
    const elapsed = (this.now() - this.started) / 1000;
    const eta = this.done > 0 && this.done < this.total ? `  ETA ${clock((elapsed / this.done) * (this.total - this.done))}` : '';
    const head = `[${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}] ${this.done}/${this.total}  ${Math.floor(ratio * 100)}%${eta}`;
    if (!this.file || stringWidth(head) + 4 > width) return fitEnd(head, width);
    return `${head}  ${fitEnd(this.file, width - stringWidth(head) - 2)}`;
  }

  private draw(): void {
    if (this.stopped) return;
    if (!this.shown && this.now() - this.started < this.delayMs) return;
    this.shown = true;
    this.stream.write(`${CLEAR}${this.line()}`);
  }

  private clear(): void {
    if (this.shown) this.stream.write(CLEAR);
  }

  /** Prints above the bar: erase it, run `write`, draw it again. */
  print(write: () => void): void {
    this.clear();
    try {
      write();
    } finally {
      if (this.shown) this.draw();
    }
  }

  /** Erases the bar for good (the line it was on is left empty, the cursor at its start). */
  stop(): void {
    if (this.stopped) return;
    clearInterval(this.timer);
    this.clear();
    this.stopped = true;
  }
}
