import type { LoopKernel } from "@jaxts/backend";
import type { FunctionBuilder } from "../wasm/function-builder.js";
import { elementBytes } from "./dtypes.js";
import type { LoopPlan } from "./plan.js";

/**
 * How a loop kernel's outermost loop may be split between threads. Every loop module's `run`
 * takes `(in0, ..., out, lo, hi)`: when the outermost loop is an output loop, the module runs only
 * its iterations lo..hi (0 ≤ lo < hi ≤ size), so participants computing disjoint ranges write
 * disjoint outputs with exactly the code one thread would run. Reduced loops are never split, so
 * each reduction runs whole on one thread and results do not depend on the thread count.
 */
export interface LoopSplit {
  /** Iterations of the outermost loop. */
  readonly size: number;
  /**
   * Ranges start at multiples of this: 4 when the outermost loop is also the SIMD loop, so each
   * element falls in the same vector or scalar-tail position as on one thread.
   */
  readonly grain: number;
  /** Points of the whole iteration space (output and reduced), a measure of the work. */
  readonly work: number;
}

/** The split of a planned kernel, or null when its outermost loop is reduced (or there is none). */
export function loopSplit(plan: LoopPlan, simdOuter: boolean): LoopSplit | null {
  if (plan.dims.length === 0 || plan.dims[0].reduce) return null;
  const work = plan.dims.reduce((n, d) => n * d.size, 1);
  return { size: plan.dims[0].size, grain: simdOuter ? 4 : 1, work };
}

/** The locals of `run`'s lo and hi parameters. */
export interface SplitParams {
  readonly lo: number;
  readonly hi: number;
}

/**
 * Moves the input and output pointers (parameters 0..nIn) to iteration `lo` of the outermost
 * loop, so that the loop nest can then start its outermost counter at lo and stop at hi.
 */
export function emitSplitPrologue(
  fb: FunctionBuilder,
  kernel: LoopKernel,
  plan: LoopPlan,
  p: SplitParams,
): void {
  const nIn = kernel.inputs.length;
  const advance = (param: number, bytesPerStep: number) => {
    if (bytesPerStep === 0) return;
    fb.get(param).get(p.lo).i32(bytesPerStep).op("i32.mul", "i32.add").set(param);
  };
  for (let k = 0; k < nIn; k++) {
    advance(k, plan.inputs[k].strides[0] * elementBytes(kernel.inputs[k].dtype));
  }
  let rowElements = 1;
  for (let d = 1; d < plan.outDims; d++) rowElements *= plan.dims[d].size;
  advance(nIn, rowElements * elementBytes(kernel.dtype));
}
