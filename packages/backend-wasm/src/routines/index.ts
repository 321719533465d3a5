import type { LoopKernel, RoutineKernel } from "@jaxts/backend";
import type { MemoryConfig } from "../codegen/memory-config.js";
import type { ExecFn } from "../loop-executable.js";
import type { Heap } from "../memory/heap.js";
import { cumulativeExec } from "./cumulative.js";
import { dynamicSliceExec, dynamicUpdateSliceExec } from "./dynamic-slice.js";
import { gatherExec } from "./gather.js";
import { matmulExec } from "./matmul.js";

/** What routines need from the backend that compiles them. */
export interface RoutineContext {
  readonly heap: Heap;
  readonly memory: MemoryConfig;
  /** Use relaxed-SIMD's fused multiply-add in the GEMM micro-kernel. */
  readonly fma: boolean;
  /** Threads for routines that split their work (1: the calling thread only). */
  readonly threads: number;
  /** A loop kernel's run function (for fused epilogues). */
  compileLoop(kernel: LoopKernel): ExecFn;
}

/** The wasm implementation of a routine, or null to run the cpu backend's. */
export function routineExec(kernel: RoutineKernel, ctx: RoutineContext): ExecFn | null {
  switch (kernel.routine.name) {
    case "matmul":
      return matmulExec(kernel, ctx);
    case "cumulative":
      return cumulativeExec(kernel, ctx);
    case "dynamic_slice":
      return dynamicSliceExec(kernel, ctx);
    case "dynamic_update_slice":
      return dynamicUpdateSliceExec(kernel, ctx);
    case "gather":
      return gatherExec(kernel, ctx);
    default:
      return null;
  }
}
