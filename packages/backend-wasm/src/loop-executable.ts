import { itemsize, type LoopKernel, sizeOf } from "@jaxts/backend";
import { MATH_IMPORTS } from "./codegen/math-imports.js";
import { viewExtent } from "./codegen/plan.js";
import type { Heap } from "./memory/heap.js";

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

/** Runs a loop kernel's wasm module, after checking that every view fits its buffer. */
export function loopExec(kernel: LoopKernel, module: WebAssembly.Module, heap: Heap): ExecFn {
  const run = instantiate(module, heap);
  const inputs = kernel.inputs.map((input) => ({
    bytes: itemsize(input.dtype),
    offset: input.view.offset,
    extent: viewExtent(input.view),
  }));
  const outBytes = sizeOf(kernel.shape) * itemsize(kernel.dtype);
  const args = new Array<number>(inputs.length + 1);
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
    run(...args);
  };
}
