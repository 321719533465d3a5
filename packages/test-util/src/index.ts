import { checkGrads } from "./check-grads.js";
import { checkJvp } from "./check-jvp.js";
import { checkVjp } from "./check-vjp.js";
import { numericalJvp } from "./numerical-jvp.js";

export {
  type AllcloseOptions,
  type CloseReport,
  closeRule,
  compareElements,
  DEFAULT_ATOL,
  DEFAULT_RTOL,
  type ElementMismatch,
  type ElementRule,
  formatNumber,
} from "./allclose.js";
export { type CheckGradsOptions, checkGrads, type GradMode } from "./check-grads.js";
export { checkClose, GradCheckError, type GradCheckDetails } from "./check-close.js";
export { type CheckOptions, checkJvp, type JvpOf } from "./check-jvp.js";
export { checkVjp, type VjpOf } from "./check-vjp.js";
export { DEFAULT_GRADIENT_TOLERANCE, EPS, type GradTolerance } from "./grad-tolerance.js";
export { matchers, type MatcherResult, setup, toBeAllclose } from "./matchers.js";
export { type ArgsFunction, innerProduct, numericalJvp } from "./numerical-jvp.js";
export { RandomState } from "./random-state.js";
export { type FlatValues, toFlat } from "./values.js";
export * from "./conformance/index.js";

/** `jax.test_util`: `testUtil.checkGrads(f, args, 2)` (DESIGN.md section 6). */
export const testUtil = { checkGrads, checkJvp, checkVjp, numericalJvp } as const;
