import { type LoopKernel, type LoopPlan, planLoops as planSharedLoops } from "@jaxts/backend";

// The loop plan (size-1 axes dropped, contiguous axes merged) is @jaxts/backend's, shared with the
// cpu backend; this module keeps the wasm codegen's imports short and names wasm in its errors.
export type { InputWalk, LoopDim, LoopPlan } from "@jaxts/backend";
export { viewExtent } from "@jaxts/backend";

export const planLoops = (kernel: LoopKernel): LoopPlan => planSharedLoops(kernel, "wasm");
