/**
 * The control block that the calling thread and the workers share (int32 words in the heap).
 *
 * A task is a number of equal pieces (GEMM row blocks, ranges of a loop kernel's outermost loop)
 * that participants claim one at a time by bumping `next`, so a worker that the OS leaves
 * unscheduled (the machine is shared) delays nobody: the calling thread claims what is left.
 * Pieces are computed by the same code whoever claims them, so results do not depend on the
 * thread count. The caller writes the task, then sets `next` to 0 and bumps `sequence`; workers
 * wait on `sequence`, count themselves in `active` before claiming and out after. Once all pieces
 * are claimed the caller sets `next` to CLOSED, so a worker waking late claims nothing, and
 * waits for `active` to reach 0.
 */
export const CONTROL = {
  /** Bumped once per task (and to stop); workers wait on it. */
  sequence: 0,
  /** Workers inside the current task; the caller waits on it. */
  active: 1,
  /** Participants; negative to stop the workers. */
  threads: 2,
  /** TASK.* */
  kind: 3,
  /** The id of the module the task runs (see ThreadPool.register). */
  module: 4,
  /** Set by a worker whose piece threw. */
  failed: 5,
  /** The next piece to claim. */
  next: 6,
  /** How many pieces the task has. */
  pieces: 7,
  /** Pieces that workers have computed, over the pool's life (for tests and diagnostics). */
  byWorkers: 8,
  /** Workers that have started (for tests and diagnostics). */
  started: 9,
  /** The task's own words start here. */
  payload: 10,
} as const;

export const CONTROL_WORDS = 64;

/** `next` once a task's pieces are all claimed: larger than any piece count. */
export const CLOSED = 2 ** 30;

/** Largest argument count of a split loop kernel: what fits after the loop task's 3 header words. */
export const MAX_LOOP_ARGS = CONTROL_WORDS - CONTROL.payload - 3;

export const TASK = {
  /**
   * GEMM row blocks of one column block: m, nc, k, a, ars, acs, packB, c, ldc, mc, KC, and the
   * bytes of B packed per block of KC; piece i is rows i·mc.. through every block of k.
   */
  gemmRows: 0,
  /** A loop kernel's outermost loop: size, chunk, argument count, arguments; piece i is i·chunk... */
  loopRange: 1,
} as const;
