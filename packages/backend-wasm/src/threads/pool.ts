import type { Heap } from "../memory/heap.js";
import { CONTROL, CONTROL_WORDS, MAX_LOOP_ARGS, OPEN, SPIN_MS, TASK } from "./control.js";
import { mayBlock, threadPlatform, type WorkerLink } from "./platform.js";

/**
 * Whether worker threads can run here: Node's worker_threads, or Web Workers in a cross-origin
 * isolated browser (platform.ts), with Atomics and a shared memory.
 */
export function threadsSupported(): boolean {
  return threadPlatform() !== null;
}

/**
 * The default thread count: min(4, the cores the host reports: Node's available parallelism,
 * a browser's `navigator.hardwareConcurrency`) where threads can run, else 1.
 */
export function defaultThreads(): number {
  const platform = threadPlatform();
  return platform ? Math.max(1, Math.min(4, platform.cores())) : 1;
}

/** Pieces a split loop kernel is cut into per participant. */
const PIECES_PER_THREAD = 4;

/** Per-worker scratch addresses that a module's tasks need (the GEMM's packed A and edge tiles). */
export type WorkerScratch = (worker: number) => { packA: number; scratch: number };

/**
 * Worker threads over a heap's shared memory: the calling thread and threads − 1 workers. A task
 * names a module (sent to every worker once, see `register`) and its pieces, which participants
 * claim (control.ts); the caller then waits until the workers are done, so backend runs stay
 * synchronous: blocked in `Atomics.wait` where that is allowed (Node, a Web Worker), spinning on
 * the counter on a browser page's main thread, which may not block (the pieces are short).
 */
export class ThreadPool {
  private readonly control: Int32Array;
  private readonly workers: WorkerLink[] = [];
  private readonly ids = new Map<WebAssembly.Module, number>();

  constructor(
    heap: Heap,
    readonly threads: number,
  ) {
    const platform = threadPlatform();
    if (!platform || !heap.shared) {
      throw new Error(
        "wasm backend: worker threads need Node or a cross-origin isolated browser, and a shared memory",
      );
    }
    const block = heap.allocate(CONTROL_WORDS * 4);
    this.control = new Int32Array(heap.memory.buffer, block.address, CONTROL_WORDS);
    for (let i = 1; i < threads; i++) this.workers.push(platform.start(heap.memory, block.address));
  }

  /** The module's id in the workers, posting it to them (with per-worker scratch) the first time. */
  register(module: WebAssembly.Module, scratch?: WorkerScratch): number {
    let id = this.ids.get(module);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(module, id);
      for (let w = 0; w < this.workers.length; w++) {
        this.workers[w].post({ id, module, ...(scratch ? scratch(w + 1) : {}) });
      }
    }
    return id;
  }

  /**
   * Publishes a task of `pieces` pieces and claims pieces on the calling thread with `own(i)`
   * until none are left, then waits for the workers still computing theirs (control.ts).
   */
  private dispatch(
    kind: number,
    module: number,
    payload: readonly number[],
    pieces: number,
    own: (i: number) => void,
  ): void {
    const ctl = this.control;
    const blocks = mayBlock();
    Atomics.store(ctl, CONTROL.failed, 0);
    ctl[CONTROL.threads] = this.threads;
    ctl[CONTROL.kind] = kind;
    ctl[CONTROL.module] = module;
    ctl[CONTROL.pieces] = pieces;
    ctl.set(payload, CONTROL.payload);
    // The task is fully written before workers can enter it; none is inside (the last task
    // waited for them all, and none can enter a closed task).
    Atomics.store(ctl, CONTROL.next, 0);
    Atomics.store(ctl, CONTROL.active, OPEN);
    Atomics.add(ctl, CONTROL.sequence, 1);
    Atomics.notify(ctl, CONTROL.sequence);
    let error: unknown = null;
    try {
      for (let i = Atomics.add(ctl, CONTROL.next, 1); i < pieces; i = Atomics.add(ctl, CONTROL.next, 1))
        own(i);
    } catch (e) {
      error = e;
    }
    // Close the task and wait for the workers still inside, even after an error: they may be
    // writing to the memory.
    Atomics.sub(ctl, CONTROL.active, OPEN);
    if (blocks) {
      const until = performance.now() + SPIN_MS;
      while (Atomics.load(ctl, CONTROL.active) > 0 && performance.now() < until);
      for (let n = Atomics.load(ctl, CONTROL.active); n > 0; n = Atomics.load(ctl, CONTROL.active)) {
        Atomics.wait(ctl, CONTROL.active, n);
      }
    } else {
      while (Atomics.load(ctl, CONTROL.active) > 0) {
        // A browser page's main thread: each worker inside is finishing at most one piece.
      }
    }
    if (error !== null) throw error;
    if (Atomics.load(ctl, CONTROL.failed)) throw new Error("wasm backend: a worker thread failed");
  }

  /**
   * Runs the GEMM's row blocks for one column block of packed B (control.ts has the task's
   * words), each on whichever participant claims it; `own(i)` computes block i on this thread.
   */
  gemmRows(id: number, task: readonly number[], blocks: number, own: (i: number) => void): void {
    this.dispatch(TASK.gemmRows, id, task, blocks, own);
  }

  /**
   * Runs `run(...args, lo, hi)` over the outermost loop 0..size in ranges that start at
   * multiples of `grain`, several per participant so that a slow one holds up little.
   */
  loopRange(
    id: number,
    run: (...args: number[]) => void,
    args: readonly number[],
    size: number,
    grain: number,
  ): void {
    if (args.length > MAX_LOOP_ARGS) throw new RangeError("wasm backend: too many arguments to split");
    const units = Math.ceil(size / grain);
    const chunk = Math.ceil(units / Math.min(units, this.threads * PIECES_PER_THREAD)) * grain;
    const pieces = Math.ceil(size / chunk);
    this.dispatch(TASK.loopRange, id, [size, chunk, args.length, ...args], pieces, (i) =>
      run(...args, i * chunk, Math.min(size, (i + 1) * chunk)),
    );
  }

  /** Workers started so far (a new worker takes a while; until then the caller does their share). */
  get startedWorkers(): number {
    return Atomics.load(this.control, CONTROL.started);
  }

  /** Pieces computed by the workers so far (the rest ran on the calling thread). */
  get piecesByWorkers(): number {
    return Atomics.load(this.control, CONTROL.byWorkers);
  }

  /** What stopping the workers needs, without a reference to the pool or its heap. */
  handle(): Workers {
    return { control: this.control, workers: this.workers };
  }

  /** Stops the workers. */
  close(): void {
    stopWorkers({ control: this.control, workers: this.workers });
  }
}

interface Workers {
  readonly control: Int32Array;
  readonly workers: readonly WorkerLink[];
}

function stopWorkers({ control, workers }: Workers): void {
  control[CONTROL.threads] = -1;
  Atomics.add(control, CONTROL.sequence, 1);
  Atomics.notify(control, CONTROL.sequence);
  for (const w of workers) w.terminate();
}

// A pool lives as long as its heap; the workers, which hold the memory, stop once the heap is
// collected. (The held value references the memory's buffer, not the heap.)
const finalizer =
  typeof FinalizationRegistry === "function" ? new FinalizationRegistry<Workers>(stopWorkers) : null;

const pools = new WeakMap<Heap, ThreadPool>();

/** The heap's pool if one was started (for tests and diagnostics). */
export function existingPool(heap: Heap): ThreadPool | undefined {
  return pools.get(heap);
}

/** The heap's pool of `threads` participants (made on first use), or null where threads cannot run. */
export function poolFor(heap: Heap, threads: number): ThreadPool | null {
  if (threads < 2 || !heap.shared || !threadsSupported()) return null;
  let pool = pools.get(heap);
  if (!pool) {
    pool = new ThreadPool(heap, threads);
    pools.set(heap, pool);
    finalizer?.register(heap, pool.handle());
  }
  return pool;
}
