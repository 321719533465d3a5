/**
 * The control block that the calling thread and the workers share (int32 words in the heap).
 *
 * A task is a number of equal pieces (GEMM row blocks, ranges of a loop kernel's outermost loop)
 * that participants claim one at a time by bumping `next`, so a worker that the OS leaves
 * unscheduled (the machine is shared) delays nobody: the calling thread claims what is left.
 * Pieces are computed by the same code whoever claims them, so results do not depend on the
 * thread count.
 *
 * The caller writes the task, sets `next` to 0 and `active` to OPEN, then bumps `sequence`;
 * workers wait on `sequence`. A worker enters a task by adding 1 to `active` only while its OPEN
 * bit is set (compare-exchange), reads the task's words, claims pieces until none are left, and
 * leaves (subtracts 1). Once its own claims run out the caller clears OPEN and waits for
 * `active` to reach 0. So a worker is inside a task only while the caller is waiting for it, and
 * the caller never rewrites the words of a task that a worker is inside: a worker that wakes late
 * either enters the task open at that moment, or finds it closed and waits for the next one.
 * That lets a worker read the task's module id after entering and leave without claiming
 * anything when it has not been sent that module yet (Web Workers receive modules
 * asynchronously, between tasks); the caller then computes every piece itself.
 */
export const CONTROL = {
  /** Bumped once per task (and to stop); workers wait on it. */
  sequence: 0,
  /** Workers inside the current task, plus OPEN while they may enter; the caller waits on it. */
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

/**
 * How long (ms) a thread that blocks polls first: a Node worker for the next task, the caller
 * for the workers still inside a task. Waking from `Atomics.wait` takes tens of µs, as long as a
 * small kernel; polling this briefly costs an otherwise idle core that long.
 */
export const SPIN_MS = 0.2;

/** The bit of `active` that lets workers enter the current task. */
export const OPEN = 2 ** 30;

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
