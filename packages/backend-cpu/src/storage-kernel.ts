import { type Kernel, type StorageArray, sizeOf } from "@jaxts/backend";
import { elementCount } from "./buffer.js";
import { checkViewFits } from "./codegen/view-fits.js";
import { getCompiledLoop } from "./loop-cache.js";
import { compileRoutine } from "./routines/index.js";

/** A kernel compiled to run on caller-owned storage arrays (one per input and output). */
export type StorageKernel = (inputs: readonly StorageArray[], outputs: readonly StorageArray[]) => void;

function checkFits(what: string, needed: number, available: number): void {
  if (needed > available) {
    throw new RangeError(`cpu backend: ${what} needs ${needed} elements but its buffer holds ${available}`);
  }
}

/**
 * The hook that lets another backend reuse this one's code generation on memory it owns (the wasm
 * backend runs the kernels it has not lowered yet on typed-array views of its WebAssembly.Memory).
 * Each array must be `storageView(dtype, ...)` of its input's or output's dtype, sized to the buffer;
 * views are bounds-checked as the cpu backend's own `run` checks them. Generated code is shared
 * with the cpu backend's cache.
 */
export function compileStorageKernel(kernel: Kernel): StorageKernel {
  if (kernel.kind === "routine") {
    const run = compileRoutine(kernel);
    const outSizes = kernel.outputs.map((o) => sizeOf(o.shape));
    return (inputs, outputs) => {
      outputs.forEach((s, k) => {
        checkFits(`output ${k}`, outSizes[k], elementCount(kernel.outputs[k].dtype, s));
      });
      run(inputs, outputs);
    };
  }
  const { fn } = getCompiledLoop(kernel);
  const offsets = kernel.inputs.map((i) => i.view.offset);
  const outSize = sizeOf(kernel.shape);
  return (inputs, outputs) => {
    for (let k = 0; k < inputs.length; k++) {
      const input = kernel.inputs[k];
      checkViewFits(input.view, elementCount(input.dtype, inputs[k]), `input ${k}`);
    }
    checkFits("the output", outSize, elementCount(kernel.dtype, outputs[0]));
    fn(inputs, outputs[0], offsets);
  };
}
