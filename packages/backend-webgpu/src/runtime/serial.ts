/**
 * Keeps the backend's operations in program order across asynchronous steps. The Backend interface
 * is synchronous (`run`, `write` and `free` return nothing to await), but a kernel that runs on the
 * cpu fallback must first read its inputs back, which takes a round trip. While such a step is in
 * flight, later operations are queued and replayed in order when it completes, so a kernel always
 * sees its inputs' final contents and a freed buffer is not recycled under a pending reader.
 */
export class SerialQueue {
  private busy = false;
  private readonly queued: (() => void)[] = [];

  constructor(private readonly onError: (e: unknown) => void) {}

  /** Runs `op` now (its errors reach the caller), or after the asynchronous steps before it. */
  enqueue(op: () => void): void {
    if (this.busy || this.queued.length > 0) this.queued.push(op);
    else op();
  }

  /**
   * Called by an operation that is running (from `enqueue`): holds the queue until `step` settles.
   * A failure is recorded (reported at the next read), and the queue goes on.
   */
  hold(step: Promise<void>): void {
    this.busy = true;
    step.then(
      () => this.release(),
      (e) => {
        this.onError(e);
        this.release();
      },
    );
  }

  private release(): void {
    this.busy = false;
    while (!this.busy && this.queued.length > 0) this.runOne(this.queued.shift()!);
  }

  private runOne(op: () => void): void {
    try {
      op();
    } catch (e) {
      this.onError(e);
    }
  }
}
