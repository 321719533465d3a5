import { itemsize, type LoopKernel, sizeOf } from "@jaxts/backend";
import { MATH_IMPORTS } from "./codegen/math-imports.js";
import { viewExtent } from "./codegen/plan.js";
import type { Heap } from "./memory/heap.js";
import type { CompiledLoop } from "./module-cache.js";
import { MAX_LOOP_ARGS } from "./threads/control.js";
import { poolFor } from "./threads/pool.js";

/** Bytes of the heap that a kernel reads or writes (a buffer, or a routine's scratch). */
export interface Region {
  readonly address: number;
  readonly byteLength: number;
}

export type ExecFn = (ins: readonly Region[], outs: readonly Region[]) => void;

type RunFn = (...addresses: number[]) => void;

const instances = new WeakMap<Heap, WeakMap<WebAssembly.Module, RunFn>>();

/** The module instantiated against `heap`'s memory (once per heap and module). */
export function instantiate(module: WebAssembly.Module, heap: Heap): RunFn {
  let perHeap = instances.get(heap);
  if (!perHeap) {
    perHeap = new WeakMap();
    instances.set(heap, perHeap);
  }
  let run = perHeap.get(module);
  if (!run) {
    const instance = new WebAssembly.Instance(module, { math: MATH_IMPORTS, env: { memory: heap.memory } });
    run = instance.exports.run as RunFn;
    perHeap.set(module, run);
  }
  return run;
}

function rangeError(message: string): RangeError {
  return new RangeError(`wasm backend: ${message}`);
}

/**
 * Iterations (of the whole loop nest) from which a splittable kernel runs on every thread: below
 * it, waking the workers costs about as much as the loop itself.
 */
export const THREADED_WORK = 2 ** 17;

/**
 * Runs a loop kernel's wasm module, after checking that every view fits its buffer; large
 * kernels split their outermost output loop between `threads` participants (split.ts), which
 * gives the same bits as one thread.
 */
export function loopExec(
  kernel: LoopKernel,
  compiled: CompiledLoop,
  heap: Heap,
  threads: number,
  minSplitWork = THREADED_WORK,
): ExecFn {
  const { module, split } = compiled;
  const run = instantiate(module, heap);
  const threaded =
    split !== null &&
    threads > 1 &&
    split.work >= minSplitWork &&
    split.size >= 2 * split.grain &&
    kernel.inputs.length + 1 <= MAX_LOOP_ARGS;
  const inputs = kernel.inputs.map((input) => ({
    bytes: itemsize(input.dtype),
    offset: input.view.offset,
    extent: viewExtent(input.view),
  }));
  const outBytes = sizeOf(kernel.shape) * itemsize(kernel.dtype);
  const args = new Array<number>(inputs.length + 3);
  return (ins, outs) => {
    for (let k = 0; k < inputs.length; k++) {
      const { bytes, offset, extent } = inputs[k];
      const length = Math.floor(ins[k].byteLength / bytes);
      if (extent && (offset + extent[0] < 0 || offset + extent[1] >= length)) {
        throw rangeError(
          `input ${k} reads elements ${offset + extent[0]}..${offset + extent[1]} of a buffer of ${length}`,
        );
      }
      args[k] = ins[k].address + offset * bytes;
    }
    if (outBytes > outs[0].byteLength) {
      throw rangeError(`the output needs ${outBytes} bytes but its buffer holds ${outs[0].byteLength}`);
    }
    if (outBytes === 0) return;
    args[inputs.length] = outs[0].address;
    const pool = threaded ? poolFor(heap, threads) : null;
    if (pool && split) {
      pool.loopRange(pool.register(module), run, args.slice(0, inputs.length + 1), split.size, split.grain);
      return;
    }
    args[inputs.length + 1] = 0;
    args[inputs.length + 2] = split ? split.size : 0;
    run(...args);
  };
}
