import type { PrimitiveName, Tracer } from "@jaxts/core";
import type { Tolerance } from "../golden/tolerance.js";

/**
 * Primitives whose conformance is covered through the ones they run (higher-order primitives and
 * collectives over named axes): evaluating them on a backend runs only other primitives' kernels.
 */
export type IndirectPrimitive =
  | "custom_jvp_call"
  | "custom_vjp_call"
  | "custom_lin"
  | "checkpoint"
  | "psum"
  | "pmax"
  | "pmin"
  | "all_gather"
  | "axis_index";

/** Every primitive a backend runs kernels for; the case table must list each one. */
export type CoveredPrimitive = Exclude<PrimitiveName, IndirectPrimitive>;

/** One conformance case: builds its inputs on the default device and applies ndarray's ops. */
export interface ConformanceCase {
  readonly label: string;
  /** How closely the backend must match the reference backend (golden/tolerance.ts's tiers). */
  readonly tolerance: Tolerance;
  readonly run: () => Tracer | readonly Tracer[];
}

/** The cases of every covered primitive: a primitive missing here is a compile error. */
export type CaseTable = { readonly [P in CoveredPrimitive]: readonly ConformanceCase[] };
