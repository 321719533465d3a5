import { type DType, type Kernel, kernelKey } from "@jaxts/backend";
import { NotLowered } from "../codegen/builder.js";
import { elementwiseShader } from "../codegen/elementwise.js";
import { reduceShader } from "../codegen/reduce.js";
import type { GeneratedShader } from "../codegen/shader.js";
import { routineShader } from "../routines/index.js";
import { CpuFallback } from "./cpu-fallback.js";
import type { ErrorSink } from "./errors.js";
import { createPipeline, type Pipeline } from "./pipelines.js";

/** How a kernel runs: a WGSL pipeline, or the cpu fallback (with why). */
export type Compiled =
  | { readonly kind: "gpu"; readonly pipelines: readonly Pipeline[] }
  | { readonly kind: "cpu"; readonly fallback: CpuFallback };

export interface CompileTarget {
  readonly device: GPUDevice;
  readonly errors: ErrorSink;
  /** Storage buffers one shader may bind. */
  readonly maxStorageBuffers: number;
  /** Dtypes the device computes natively (float16 with `shader-f16`). */
  readonly lowered: ReadonlySet<DType>;
  /** The device's maxComputeInvocationsPerWorkgroup (routine tile sizes). */
  readonly maxInvocations: number;
}

function shadersFor(kernel: Kernel, target: CompileTarget): GeneratedShader[] {
  const dtypes = [
    ...kernel.inputs.map((i) => i.dtype),
    ...(kernel.kind === "loop" ? [kernel.dtype] : kernel.outputs.map((o) => o.dtype)),
  ];
  for (const d of dtypes) if (!target.lowered.has(d)) throw new NotLowered(`dtype ${d}`);
  const shaders =
    kernel.kind === "loop"
      ? [kernel.reduce ? reduceShader(kernel) : elementwiseShader(kernel)]
      : routineShader(kernel, target);
  for (const s of shaders) {
    const buffers = s.inputs + s.outputs + (s.scratchWords ? 1 : 0);
    if (buffers > target.maxStorageBuffers) {
      throw new NotLowered(`a kernel with ${buffers} buffers (the device binds ${target.maxStorageBuffers})`);
    }
  }
  return shaders;
}

/**
 * Compiles kernels, cached by `kernelKey(kernel, { offsets: false })`: view offsets are uniforms,
 * so slices at different offsets share a pipeline. Kernels code generation cannot lower go to the
 * cpu fallback, also cached.
 */
export class KernelCache {
  private readonly cache = new Map<string, Compiled>();

  constructor(private readonly target: CompileTarget) {}

  get size(): number {
    return this.cache.size;
  }

  get(kernel: Kernel): Compiled {
    const key = kernelKey(kernel, { offsets: false });
    let compiled = this.cache.get(key);
    if (!compiled) {
      compiled = this.compile(kernel);
      this.cache.set(key, compiled);
    }
    return compiled;
  }

  private compile(kernel: Kernel): Compiled {
    try {
      const shaders = shadersFor(kernel, this.target);
      return {
        kind: "gpu",
        pipelines: shaders.map((s) => createPipeline(this.target.device, s, this.target.errors)),
      };
    } catch (e) {
      if (!(e instanceof NotLowered)) throw e;
      return { kind: "cpu", fallback: new CpuFallback(kernel, e.message) };
    }
  }
}
