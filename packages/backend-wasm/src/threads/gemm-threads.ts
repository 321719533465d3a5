import type { Heap } from "../memory/heap.js";
import { GEMM_WORKER_SOURCE } from "./worker-source.js";

interface NodeWorker {
  unref(): void;
  terminate(): Promise<number>;
}
type WorkerConstructor = new (source: string, options: { eval: true; workerData: unknown }) => NodeWorker;

/** Node's Worker, reached synchronously (`process.getBuiltinModule`, Node ≥ 20.16); else null. */
function nodeWorker(): WorkerConstructor | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.("node:worker_threads") as { Worker?: WorkerConstructor } | undefined;
  return mod?.Worker ?? null;
}

/** Whether GEMM worker threads can run here: Node with a shared memory. */
export function threadsAvailable(heap: Heap): boolean {
  return heap.shared && nodeWorker() !== null && typeof Atomics === "object";
}

/** The part of the row blocks one participant computes, as the worker source does. */
export interface RowTask {
  readonly m: number;
  readonly nc: number;
  readonly kc: number;
  readonly a: number;
  readonly ars: number;
  readonly acs: number;
  readonly packB: number;
  readonly c: number;
  readonly ldc: number;
  readonly accumulate: number;
  readonly mc: number;
}

/**
 * Worker threads for the GEMM's row blocks, over the heap's shared memory. The control block
 * (16 int32 words in the heap) holds a sequence number that workers wait on, a count of finished
 * workers, the thread count (negative to stop) and the task. Participant 0 is the calling thread;
 * participant i > 0 is worker i − 1, with its own packed-A block and edge-tile scratch. Node's
 * main thread may block in Atomics.wait, which is how `run` stays synchronous.
 */
export class GemmThreads {
  private readonly control: Int32Array;
  private readonly workers: NodeWorker[] = [];

  constructor(
    private readonly heap: Heap,
    module: WebAssembly.Module,
    readonly threads: number,
    packABytes: number,
    scratchBytes: number,
  ) {
    const Worker = nodeWorker();
    if (!Worker) throw new Error("wasm backend: worker threads are not available here");
    const block = heap.allocate(64);
    for (let i = 1; i < threads; i++) {
      const packA = heap.allocate(packABytes).address;
      const scratch = heap.allocate(scratchBytes).address;
      const worker = new Worker(GEMM_WORKER_SOURCE, {
        eval: true,
        workerData: { module, memory: heap.memory, control: block.address, index: i, packA, scratch },
      });
      worker.unref();
      this.workers.push(worker);
    }
    this.control = new Int32Array(heap.memory.buffer, block.address, 16);
  }

  /** Runs the row blocks of `task` on every participant; `own` computes participant 0's share. */
  run(task: RowTask, own: (index: number, stride: number) => void): void {
    const ctl = this.control;
    Atomics.store(ctl, 1, 0);
    ctl[2] = this.threads;
    ctl.set(
      [
        task.m,
        task.nc,
        task.kc,
        task.a,
        task.ars,
        task.acs,
        task.packB,
        task.c,
        task.ldc,
        task.accumulate,
        task.mc,
      ],
      3,
    );
    Atomics.add(ctl, 0, 1);
    Atomics.notify(ctl, 0);
    own(0, this.threads);
    const others = this.threads - 1;
    for (let done = Atomics.load(ctl, 1); done < others; done = Atomics.load(ctl, 1)) {
      Atomics.wait(ctl, 1, done);
    }
  }

  /** Stops the workers. */
  close(): void {
    this.control[2] = -1;
    Atomics.add(this.control, 0, 1);
    Atomics.notify(this.control, 0);
    for (const w of this.workers) void w.terminate();
    void this.heap;
  }
}
