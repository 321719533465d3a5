import {
  checkRunOperands,
  type Backend,
  type BackendBuffer,
  DTYPES,
  type DType,
  type Executable,
  itemsize,
  type Kernel,
  type LoopKernel,
  sizeOf,
} from "@jaxts/backend";
import { WasmBuffer } from "./buffer.js";
import { NotLowered } from "./codegen/dtypes.js";
import type { MemoryConfig } from "./codegen/memory-config.js";
import { cpuKernel } from "./cpu-fallback.js";
import { type ExecFn, loopExec, THREADED_WORK } from "./loop-executable.js";
import { Heap } from "./memory/heap.js";
import { loopModuleFor } from "./module-cache.js";
import { routineExec } from "./routines/index.js";
import { defaultThreads, threadsSupported } from "./threads/pool.js";
import { wasmFeatures } from "./wasm/features.js";

/**
 * A compiled wasm-backend kernel. `path` says whether it runs as wasm or as the cpu backend's
 * JavaScript (not lowered yet); `simd`, whether a loop kernel's innermost loop is vectorised.
 */
const OVERWRITING_ROUTINES: ReadonlySet<string> = new Set([
  "matmul",
  "cumulative",
  "dynamic_slice",
  "dynamic_update_slice",
  "gather",
]);

export class WasmExecutable implements Executable {
  /**
   * Bytes that a run writes at the start of each output, every one of them: known for loop
   * kernels and the wasm routines that write their whole output (matmul, which writes zeros when
   * k = 0; cumulative, which copies then scans in place; the dynamic slices, which copy the whole
   * window or operand first), null for the cpu fallback's routines, which may leave parts alone.
   */
  readonly writes: readonly number[] | null;

  constructor(
    readonly kernel: Kernel,
    readonly path: "wasm" | "cpu",
    readonly exec: ExecFn,
    readonly simd = false,
  ) {
    const whole = (dtype: DType, shape: readonly number[]) => sizeOf(shape) * itemsize(dtype);
    if (kernel.kind === "loop") this.writes = [whole(kernel.dtype, kernel.shape)];
    else if (path === "wasm" && OVERWRITING_ROUTINES.has(kernel.routine.name)) {
      this.writes = kernel.outputs.map((o) => whole(o.dtype, o.shape));
    } else this.writes = null;
  }
}

export interface WasmBackendOptions {
  /** Put buffers in a shared memory (needed by worker threads); default: where it is available. */
  readonly sharedMemory?: boolean;
  /** Initial memory size in 64 KiB pages (default 16). */
  readonly initialPages?: number;
  /** Largest memory size in pages (default 65536, i.e. 4 GiB, wasm32's limit). */
  readonly maximumPages?: number;
  /** Use relaxed-SIMD's fused multiply-add in matmul where the engine has it (default true). */
  readonly fma?: boolean;
  /**
   * Participating threads, the calling one included (default: min(4, available cores) in Node and
   * in cross-origin isolated browsers, where it is `navigator.hardwareConcurrency`; 1 elsewhere).
   * More split large GEMMs and large loop kernels between worker threads over the shared memory
   * (Node's worker_threads, or Web Workers on a page served with `Cross-Origin-Opener-Policy:
   * same-origin` and `Cross-Origin-Embedder-Policy: require-corp`), with the same results as one
   * thread; where workers or a shared memory are unavailable the calling thread does everything.
   */
  readonly threads?: number;
  /**
   * Loop-nest iterations from which a loop kernel is split between the threads (default 2^17;
   * below it waking the workers costs about as much as the loop). Tests set 1 to split everything.
   */
  readonly minSplitWork?: number;
}

export class WasmBackend implements Backend {
  readonly name = "wasm";
  readonly dtypes: ReadonlySet<DType> = new Set(DTYPES);
  readonly heap: Heap;
  private readonly memoryConfig: MemoryConfig;
  /** Whether matmul runs the fused multiply-add kernel (relaxed SIMD). */
  readonly fma: boolean;
  /**
   * Threads that run kernels, the calling one included: the `threads` option, or 1 where worker
   * threads cannot run here (no shared memory, no workers, a page not cross-origin isolated).
   */
  readonly threads: number;
  private readonly minSplitWork: number;
  private liveBuffers = 0;
  private liveBytes = 0;

  constructor(options: WasmBackendOptions) {
    this.heap = new Heap({
      shared: options.sharedMemory ?? wasmFeatures().sharedMemory,
      initialPages: options.initialPages,
      maximumPages: options.maximumPages,
    });
    this.memoryConfig = { shared: this.heap.shared, maximumPages: this.heap.maximumPages };
    this.fma = (options.fma ?? true) && wasmFeatures().relaxedSimd;
    const threads = options.threads ?? defaultThreads();
    if (!Number.isInteger(threads) || threads < 1) {
      throw new RangeError(`wasm backend: threads must be a positive integer, got ${threads}`);
    }
    this.threads = this.heap.shared && threadsSupported() ? threads : 1;
    this.minSplitWork = options.minSplitWork ?? THREADED_WORK;
  }

  alloc(byteLength: number): BackendBuffer {
    if (!Number.isInteger(byteLength) || byteLength < 0) {
      throw new RangeError(`wasm backend: cannot allocate ${byteLength} bytes`);
    }
    const { block, dirty } = this.heap.allocateUnzeroed(byteLength);
    const buffer = new WasmBuffer(byteLength, block, this);
    buffer.unzeroed = dirty;
    this.liveBuffers++;
    this.liveBytes += byteLength;
    return buffer;
  }

  private own(buffer: BackendBuffer): WasmBuffer {
    if (!(buffer instanceof WasmBuffer) || buffer.owner !== this) {
      throw new TypeError("wasm backend: the buffer does not belong to this backend");
    }
    if (buffer.freed) throw new Error("wasm backend: buffer used after it was freed");
    return buffer;
  }

  /** Zeroes the buffer's old data unless its first use overwrites all `overwritten` bytes. */
  private settle(buf: WasmBuffer, overwritten = 0): void {
    if (!buf.unzeroed) return;
    buf.unzeroed = false;
    if (overwritten < buf.byteLength) this.heap.zero(buf.address, buf.byteLength);
  }

  write(buffer: BackendBuffer, data: ArrayBufferView, byteOffset = 0): void {
    const buf = this.own(buffer);
    if (!Number.isInteger(byteOffset) || byteOffset < 0 || byteOffset + data.byteLength > buf.byteLength) {
      throw new RangeError(
        `wasm backend: writing ${data.byteLength} bytes at byte ${byteOffset} overflows a buffer of ${buf.byteLength}`,
      );
    }
    this.settle(buf, byteOffset === 0 ? data.byteLength : 0);
    this.heap
      .bytes(buf.address + byteOffset, data.byteLength)
      .set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }

  read(buffer: BackendBuffer): Promise<Uint8Array> {
    try {
      return Promise.resolve(this.readSync(buffer));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  readSync(buffer: BackendBuffer): Uint8Array {
    const buf = this.own(buffer);
    this.settle(buf);
    // slice() copies into a fresh, unshared ArrayBuffer.
    return this.heap.bytes(buf.address, buf.byteLength).slice();
  }

  free(buffer: BackendBuffer): void {
    const buf = this.own(buffer);
    buf.freed = true;
    this.heap.release(buf.block);
    this.liveBuffers--;
    this.liveBytes -= buf.byteLength;
  }

  compile(kernel: Kernel): Executable {
    if (kernel.kind === "routine") {
      const exec = routineExec(kernel, {
        heap: this.heap,
        memory: this.memoryConfig,
        fma: this.fma,
        threads: this.threads,
        compileLoop: (k) => this.loopExec(k),
      });
      if (exec) return new WasmExecutable(kernel, "wasm", exec);
      return new WasmExecutable(kernel, "cpu", cpuKernel(kernel, this.heap));
    }
    const compiled = loopModuleFor(kernel, this.memoryConfig);
    if (compiled instanceof NotLowered)
      return new WasmExecutable(kernel, "cpu", cpuKernel(kernel, this.heap));
    return new WasmExecutable(
      kernel,
      "wasm",
      loopExec(kernel, compiled, this.heap, this.threads, this.minSplitWork),
      compiled.simd,
    );
  }

  /** A loop kernel's run function, as wasm where lowered, else as the cpu backend's code. */
  private loopExec(kernel: LoopKernel): ExecFn {
    const compiled = loopModuleFor(kernel, this.memoryConfig);
    return compiled instanceof NotLowered
      ? cpuKernel(kernel, this.heap)
      : loopExec(kernel, compiled, this.heap, this.threads, this.minSplitWork);
  }

  run(exe: Executable, inputs: readonly BackendBuffer[], outputs: readonly BackendBuffer[]): void {
    if (!(exe instanceof WasmExecutable)) {
      throw new TypeError("wasm backend: the executable was not compiled by a wasm backend");
    }
    checkRunOperands("wasm", exe.kernel, inputs, outputs);
    const ins = inputs.map((b) => this.own(b));
    const outs = outputs.map((b) => this.own(b));
    for (const b of ins) this.settle(b);
    // Outputs left unzeroed because the run overwrites them; a failed run leaves them zeroed.
    let overwritten: WasmBuffer[] | null = null;
    for (let k = 0; k < outs.length; k++) {
      const b = outs[k];
      if (!b.unzeroed) continue;
      overwritten ??= [];
      overwritten.push(b);
      this.settle(b, exe.writes?.[k] ?? 0);
    }
    try {
      exe.exec(ins, outs);
    } catch (e) {
      for (const b of overwritten ?? []) if (b.byteLength > 0) this.heap.zero(b.address, b.byteLength);
      throw e;
    }
  }

  synchronize(): Promise<void> {
    return Promise.resolve();
  }

  memory(): { buffers: number; bytes: number } {
    return { buffers: this.liveBuffers, bytes: this.liveBytes };
  }
}

/** Makes a wasm backend with its own memory, or null where WebAssembly is unavailable. */
export function createWasmBackend(options: WasmBackendOptions = {}): Backend | null {
  if (typeof WebAssembly !== "object") return null;
  return new WasmBackend(options);
}
