import type { BackendBuffer } from "./backend.js";
import type { Kernel } from "./kernel.js";

/**
 * The checks every backend's `run` makes before touching memory: as many input and output
 * buffers as the kernel declares (one output for a loop kernel), and no output that is also an
 * input (kernels read inputs while writing outputs). Errors name the backend.
 */
export function checkRunOperands(
  backend: string,
  kernel: Kernel,
  inputs: readonly BackendBuffer[],
  outputs: readonly BackendBuffer[],
): void {
  const wantOutputs = kernel.kind === "loop" ? 1 : kernel.outputs.length;
  if (inputs.length !== kernel.inputs.length || outputs.length !== wantOutputs) {
    throw new TypeError(
      `${backend} backend: the kernel takes ${kernel.inputs.length} inputs and ${wantOutputs} outputs, got ${inputs.length} and ${outputs.length}`,
    );
  }
  for (const o of outputs) {
    if (inputs.includes(o)) throw new Error(`${backend} backend: an output buffer aliases an input`);
  }
}
