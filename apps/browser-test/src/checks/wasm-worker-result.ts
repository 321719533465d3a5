/** One jitted computation run on the default (threaded) wasm backend and on a one-thread one. */
export interface WorkerComputationCheck {
  /** What ran, for the log. */
  readonly computation: string;
  /** Every iteration gave the same output bytes on the threaded backend as on the one-thread one. */
  readonly identical: boolean;
  /** Bytes compared per iteration (every output, concatenated). */
  readonly bytes: number;
  /** The threaded result is also close to the cpu backend's (a loose tier: a different summation order). */
  readonly closeToCpu: boolean;
  readonly maxAbsErrVsCpu: number;
  /** Pieces of this computation's kernels that the pool's workers computed, over all iterations. */
  readonly piecesByWorkers: number;
}

/**
 * What the dedicated Web Worker posts to the wasm-worker page: everything here was measured inside
 * the worker, where jaxts's default wasm backend ran and started its own worker threads (nested
 * Web Workers).
 */
export interface WasmWorkerResult {
  /** Nothing threw, results were identical and close to cpu's (the test asserts the rest itself). */
  readonly ok: boolean;
  readonly error: string | null;
  /** The worker's global is a DedicatedWorkerGlobalScope (so the code did run inside a worker). */
  readonly inDedicatedWorker: boolean;
  /** The worker's `crossOriginIsolated`. */
  readonly crossOriginIsolated: boolean;
  readonly sharedArrayBuffer: boolean;
  readonly hardwareConcurrency: number;
  /** What the package decides inside the worker: `threadsSupported()` and `defaultThreads()`. */
  readonly threadsSupported: boolean;
  readonly defaultThreads: number;
  /** Whether the worker may `Atomics.wait` (a Web Worker may: the pool blocks instead of spinning). */
  readonly mayBlock: boolean;
  /** `getBackend().name` inside the worker (the umbrella's default: wasm). */
  readonly defaultBackend: string;
  /** The default backend's `threads`. */
  readonly threads: number;
  /** The threads of the backend compared against (registered as "wasm-1"). */
  readonly referenceThreads: number;
  /** Whether the default backend started a pool, and its workers that had started by the end. */
  readonly pool: boolean;
  readonly startedWorkers: number;
  /** Iterations run (the worker repeats until the pool's workers took pieces of both, or gives up). */
  readonly iterations: number;
  readonly mlp: WorkerComputationCheck;
  readonly elementwise: WorkerComputationCheck;
  /** The MLP's loss on the threaded backend and on one thread (for the log). */
  readonly loss: number;
  readonly lossOneThread: number;
  /** Milliseconds spent in the worker's check. */
  readonly ms: number;
}

/** What the worker posts when its check throws (or what the page reports when the worker failed). */
export interface WasmWorkerFailure {
  readonly ok: false;
  readonly error: string;
}

/**
 * What the wasm-worker page publishes, as `window.__result` and as JSON in its `#result` element:
 * the worker's message with the page's own `crossOriginIsolated` added.
 */
export type WasmWorkerPageResult = (WasmWorkerResult | WasmWorkerFailure) & {
  readonly pageCrossOriginIsolated: boolean;
};
