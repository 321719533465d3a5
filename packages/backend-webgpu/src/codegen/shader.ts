import type { DType } from "@jaxts/backend";
import type { WgslBuilder } from "./builder.js";
import { PRELUDE, storageType } from "./dtypes.js";

/** A generated compute shader and how to dispatch it. */
export interface GeneratedShader {
  readonly code: string;
  /** Storage buffers read (bindings 1..inputs) and written (after them). Binding 0 is the uniforms. */
  readonly inputs: number;
  readonly outputs: number;
  /** Workgroups to dispatch in all (the backend folds them into x·y under the per-dimension limit). */
  readonly workgroups: number;
  /** i32 words of the uniform block: input offsets, then any routine-specific values. */
  readonly uniformWords: number;
  /**
   * u32 words of zeroed scratch memory the shader binds after its outputs (`scratch`); the shaders
   * of one routine share it. The backend takes it from the pool for the one dispatch.
   */
  readonly scratchWords?: number;
}

export const WORKGROUP_SIZE = 64;

/** The flat workgroup number, for dispatches folded into two dimensions. */
export const WORKGROUP_INDEX = "(wid.x + wid.y * nwg.x)";

/**
 * Assembles a shader: the bindings (uniform block, read-only inputs, read-write outputs), the
 * prelude and helpers, extra module-scope declarations, then `main` around the builder's body.
 */
export function assemble(options: {
  readonly b: WgslBuilder;
  readonly inputs: readonly DType[];
  readonly outputs: readonly DType[];
  readonly uniformWords: number;
  readonly declarations?: string;
  readonly workgroupSize?: number;
  /** Declares the outputs as arrays of atomics (i32 for int32, else u32 holding the bits). */
  readonly atomicOutputs?: boolean;
  /** Binds `scratch: array<atomic<u32>>` after the outputs. */
  readonly scratch?: boolean;
}): string {
  const { b, inputs, outputs } = options;
  const vec4s = Math.max(1, Math.ceil(options.uniformWords / 4));
  const lines = [`@group(0) @binding(0) var<uniform> offs: array<vec4<i32>, ${vec4s}>;`];
  inputs.forEach((d, k) => {
    lines.push(`@group(0) @binding(${1 + k}) var<storage, read> in${k}: array<${storageType(d)}>;`);
  });
  outputs.forEach((d, k) => {
    const element = options.atomicOutputs
      ? `atomic<${storageType(d) === "i32" ? "i32" : "u32"}>`
      : storageType(d);
    lines.push(
      `@group(0) @binding(${1 + inputs.length + k}) var<storage, read_write> out${k}: array<${element}>;`,
    );
  });
  if (options.scratch) {
    lines.push(
      `@group(0) @binding(${1 + inputs.length + outputs.length}) var<storage, read_write> scratch: array<atomic<u32>>;`,
    );
  }
  return [
    ...lines,
    PRELUDE,
    b.helperSource,
    options.declarations ?? "",
    `@compute @workgroup_size(${options.workgroupSize ?? WORKGROUP_SIZE})`,
    "fn main(@builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {",
    b.body,
    "}",
  ].join("\n");
}
