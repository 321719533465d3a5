/**
 * A text progress bar on stderr. On a terminal it redraws one line in place (at most every 100 ms);
 * piped to a file or CI log, where carriage returns would make a mess, it prints a plain line at
 * each quarter instead.
 */
export class Progress {
  private done = 0;
  private lastDraw = 0;
  private lastQuarter = 0;
  private readonly started = performance.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 30,
  ) {}

  private get tty(): boolean {
    return this.stream.isTTY === true;
  }

  /** Records `n` finished steps; `info` (e.g. the running loss) is shown after the bar. */
  tick(n = 1, info = ""): void {
    this.done = Math.min(this.total, this.done + n);
    const now = performance.now();
    if (this.tty) {
      if (now - this.lastDraw < 100 && this.done < this.total) return;
      this.lastDraw = now;
      const filled = Math.round((this.width * this.done) / this.total);
      const bar = "█".repeat(filled) + "░".repeat(this.width - filled);
      this.stream.write(`\r${this.label} ${bar} ${this.done}/${this.total} ${this.rate(now)} ${info}\x1b[K`);
      return;
    }
    const quarter = Math.floor((4 * this.done) / this.total);
    if (quarter > this.lastQuarter) {
      this.lastQuarter = quarter;
      this.stream.write(`${this.label} ${this.done}/${this.total} ${this.rate(now)} ${info}\n`);
    }
  }

  /** Ends the bar's line on a terminal. */
  finish(): void {
    if (this.tty) this.stream.write("\n");
  }

  private rate(now: number): string {
    const perSecond = (1000 * this.done) / Math.max(1, now - this.started);
    return `${perSecond.toFixed(1)} steps/s`;
  }
}
