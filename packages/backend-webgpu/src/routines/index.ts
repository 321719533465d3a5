import type { RoutineKernel } from "@jaxts/backend";
import { NotLowered } from "../codegen/builder.js";
import type { GeneratedShader } from "../codegen/shader.js";
import { cumulativeShader } from "./cumulative.js";
import { gatherShader } from "./gather.js";
import { type MatmulLimits, matmulShader } from "./matmul.js";
import { scatterShaders } from "./scatter.js";
import { sortShader } from "./sort.js";
import { dynamicSliceShader, dynamicUpdateSliceShader } from "./slices.js";

/** What routine code generation needs to know of the device. */
export type RoutineLimits = MatmulLimits;

/** The shaders (run in order) of a routine lowered to WGSL; NotLowered sends it to the cpu fallback. */
export function routineShader(kernel: RoutineKernel, limits: RoutineLimits): GeneratedShader[] {
  const r = kernel.routine;
  switch (r.name) {
    case "matmul":
      return [matmulShader(kernel, r, limits)];
    case "gather":
      return [gatherShader(kernel, r.dimensionNumbers, r.sliceSizes, r.mode, r.fillValue)];
    case "cumulative":
      return [cumulativeShader(kernel, r.op, r.axis, r.reverse)];
    case "dynamic_slice":
      return [dynamicSliceShader(kernel, r.sizes)];
    case "dynamic_update_slice":
      return [dynamicUpdateSliceShader(kernel)];
    case "sort":
      return [sortShader(kernel, r.numKeys, r.descending)];
    case "scatter":
      return scatterShaders(kernel, r.dimensionNumbers, r.combiner, r.mode);
    case "cholesky":
    case "lu":
    case "qr":
    case "eigh":
    case "svd":
    case "triangular_solve":
    case "fft":
      throw new NotLowered(`routine ${r.name}`);
    default:
      return r satisfies never;
  }
}
