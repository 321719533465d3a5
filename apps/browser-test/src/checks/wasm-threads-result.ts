/** One kernel run on one thread and on several, as the wasm-threads page saw it. */
export interface KernelThreadsCheck {
  /** What ran, for the log. */
  readonly kernel: string;
  /** Every run with threads gave the same bytes as the run on one thread. */
  readonly identical: boolean;
  /** Integer-valued inputs (exact in float32 in any order) gave the exact answer on both. */
  readonly exact: boolean;
  /** Pieces of this kernel that the workers computed, over all iterations. */
  readonly piecesByWorkers: number;
}

/**
 * What the wasm-threads page reports, as `window.__result` and as JSON in its `#result` element:
 * the wasm backend with 1 thread against `threads` threads, on a GEMM and a split loop kernel.
 */
export interface WasmThreadsResult {
  /** Nothing threw, results were identical and exact (the test asserts the rest itself). */
  readonly ok: boolean;
  readonly error: string | null;
  readonly crossOriginIsolated: boolean;
  readonly sharedArrayBuffer: boolean;
  readonly hardwareConcurrency: number;
  /** What the package decides here: `threadsSupported()` and `defaultThreads()`. */
  readonly threadsSupported: boolean;
  readonly defaultThreads: number;
  /** Whether the page's thread may `Atomics.wait` (a page's main thread may not: it spins). */
  readonly mayBlock: boolean;
  /** The thread count compared against one thread. */
  readonly threads: number;
  /** Whether the threaded backend started a pool (only where threads are supported). */
  readonly pool: boolean;
  /** Workers that had started by the end. */
  readonly startedWorkers: number;
  /** Iterations run (the page repeats until the workers took pieces of both kernels, or gives up). */
  readonly iterations: number;
  readonly matmul: KernelThreadsCheck;
  readonly elementwise: KernelThreadsCheck;
  readonly ms: number;
}
