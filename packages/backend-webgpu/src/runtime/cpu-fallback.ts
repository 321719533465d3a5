import { type DType, itemsize, type Kernel, storageView } from "@jaxts/backend";
import { compileStorageKernel, type StorageKernel } from "@jaxts/backend-cpu";

/**
 * The path of kernels not lowered to WGSL yet (float16, complex64, some special functions, most
 * routines): the backend reads the input buffers back, runs the cpu backend's generated code on
 * them and uploads the outputs. It is correct but slow (two transfers and a pipeline stall per
 * kernel), and asynchronous: later operations wait for it (runtime/serial.ts).
 */
export class CpuFallback {
  private readonly run: StorageKernel;
  private readonly inDTypes: readonly DType[];
  private readonly outDTypes: readonly DType[];

  constructor(
    kernel: Kernel,
    /** Why the kernel is not lowered, for `describe`. */
    readonly reason: string,
  ) {
    this.run = compileStorageKernel(kernel);
    this.inDTypes = kernel.inputs.map((i) => i.dtype);
    this.outDTypes = kernel.kind === "loop" ? [kernel.dtype] : kernel.outputs.map((o) => o.dtype);
  }

  /** Runs on the inputs' bytes (fresh arrays, offset 0), returning each output's bytes (`outputBytes[k]` long). */
  execute(inputs: readonly Uint8Array[], outputBytes: readonly number[]): Uint8Array[] {
    const view = (dtype: DType, bytes: Uint8Array) =>
      storageView(dtype, bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / itemsize(dtype)));
    const ins = inputs.map((bytes, k) => view(this.inDTypes[k], bytes));
    const outs = outputBytes.map((n) => new Uint8Array(n));
    this.run(
      ins,
      outs.map((bytes, k) => view(this.outDTypes[k], bytes)),
    );
    return outs;
  }
}
