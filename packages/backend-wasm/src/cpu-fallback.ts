import { type DType, type Kernel, itemsize, type StorageArray, storageView } from "@jaxts/backend";
import { compileStorageKernel } from "@jaxts/backend-cpu";
import type { ExecFn, Region } from "./loop-executable.js";
import type { Heap } from "./memory/heap.js";

/** The buffer as a typed array of `dtype`'s storage over the heap's current memory. */
export function storageOf(heap: Heap, buffer: Region, dtype: DType): StorageArray {
  const length = Math.floor(buffer.byteLength / itemsize(dtype));
  return storageView(dtype, heap.memory.buffer, buffer.address, length);
}

/**
 * Runs a kernel with the cpu backend's generated JavaScript on typed-array views of the wasm
 * memory: the path of routines and dtypes (float16, complex) not lowered to wasm yet. Views are
 * made per run because a growth of the memory replaces its ArrayBuffer.
 */
export function cpuKernel(kernel: Kernel, heap: Heap): ExecFn {
  const run = compileStorageKernel(kernel);
  const inDTypes = kernel.inputs.map((i) => i.dtype);
  const outDTypes = kernel.kind === "loop" ? [kernel.dtype] : kernel.outputs.map((o) => o.dtype);
  return (ins, outs) => {
    run(
      ins.map((b, k) => storageOf(heap, b, inDTypes[k])),
      outs.map((b, k) => storageOf(heap, b, outDTypes[k])),
    );
  };
}
