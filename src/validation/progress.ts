/**
 * Progress of a long command-line run on standard error: files and objects done and the rate, on one line that is
 * rewritten in place. Only when standard error is a terminal and the work has taken more than a second, so that CI
 * logs and redirected output stay clean; the line is erased when the work is done, before the command prints its
 * results.
 *
 * Work is synchronous, so there is no timer: the loops call `fileDone`/`objectsDone`, which redraw the line at most
 * every `intervalMs`.
 */

/** Where and when progress is shown. */
export interface ProgressOptions {
  /** Writes to standard error. */
  readonly write: (text: string) => void;
  /** Whether standard error is a terminal (e.g. `process.stderr.isTTY`): nothing is ever written otherwise. */
  readonly isTTY: boolean;
  /** Nothing is written before the work has taken this long. @default 1000 */
  readonly delayMs?: number;
  /** The line is redrawn at most this often. @default 200 */
  readonly intervalMs?: number;
  /** The number of files, when known (shown as `3/12 files`). */
  readonly totalFiles?: number;
  /** The clock, in milliseconds (for tests). @default performance.now */
  readonly now?: () => number;
  /** What is being done (e.g. `validating`). @default 'reading' */
  readonly verb?: string;
}

/** Erases the current line of a terminal. */
const CLEAR_LINE = '\r\u001b[K';

/** Progress reporting for one run; a no-op when standard error is not a terminal. */
export class Progress {
  /** A progress that never writes (for callers that have none). */
  public static readonly NONE = new Progress({ write: () => undefined, isTTY: false });

  private readonly started: number;
  private readonly now: () => number;
  private files = 0;
  private objects = 0;
  private lastDraw = -Infinity;
  private shown = false;

  public constructor(private readonly options: ProgressOptions) {
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
  }

  /** One more file is done. */
  public fileDone(): void {
    this.files++;
    this.maybeDraw();
  }

  /** `count` more objects (documents) are done. */
  public objectsDone(count = 1): void {
    this.objects += count;
    this.maybeDraw();
  }

  /** Erases the progress line, if one was written (call before printing results). */
  public done(): void {
    if (this.shown) this.options.write(CLEAR_LINE);
    this.shown = false;
  }

  /** The progress line as it would be shown now. */
  public line(): string {
    const seconds = Math.max((this.now() - this.started) / 1000, 1e-3);
    const files = this.options.totalFiles !== undefined ? `${this.files}/${this.options.totalFiles}` : String(this.files);
    const rate = Math.round(this.objects / seconds);
    return `${this.options.verb ?? 'reading'}: ${files} file${this.files === 1 && this.options.totalFiles === undefined ? '' : 's'}, ` +
      `${this.objects} object${this.objects === 1 ? '' : 's'} (${rate}/s, ${seconds.toFixed(1)} s)`;
  }

  private maybeDraw(): void {
    if (!this.options.isTTY) return;
    const t = this.now();
    if (t - this.started < (this.options.delayMs ?? 1000)) return;
    if (t - this.lastDraw < (this.options.intervalMs ?? 200)) return;
    this.lastDraw = t;
    this.shown = true;
    this.options.write(CLEAR_LINE + this.line());
  }
}
