// Arithmetic on hyperparameters that may be JS numbers or Arrays. Python evaluates `1 - b1` on two
// floats in float64 and rounds once when the result meets a float32 array (a weak type); on an
// injected (Array) hyperparameter it is float32 arithmetic. Keeping numbers as numbers until they
// meet an Array reproduces both roundings exactly, hence these helpers instead of np.* everywhere.
import { type Array as JArray, lax, np } from "@jaxts/ndarray";
import type { Count, Scalar } from "./base.js";

type Operand = Scalar;

export function add(a: number, b: number): number;
export function add(a: Operand, b: JArray): JArray;
export function add(a: JArray, b: Operand): JArray;
export function add(a: Operand, b: Operand): Operand;
export function add(a: Operand, b: Operand): Operand {
  return typeof a === "number" && typeof b === "number" ? a + b : np.add(a, b);
}

export function sub(a: number, b: number): number;
export function sub(a: Operand, b: JArray): JArray;
export function sub(a: JArray, b: Operand): JArray;
export function sub(a: Operand, b: Operand): Operand;
export function sub(a: Operand, b: Operand): Operand {
  return typeof a === "number" && typeof b === "number" ? a - b : np.subtract(a, b);
}

export function mul(a: number, b: number): number;
export function mul(a: Operand, b: JArray): JArray;
export function mul(a: JArray, b: Operand): JArray;
export function mul(a: Operand, b: Operand): Operand;
export function mul(a: Operand, b: Operand): Operand {
  return typeof a === "number" && typeof b === "number" ? a * b : np.multiply(a, b);
}

export function div(a: number, b: number): number;
export function div(a: Operand, b: JArray): JArray;
export function div(a: JArray, b: Operand): JArray;
export function div(a: Operand, b: Operand): Operand;
export function div(a: Operand, b: Operand): Operand {
  return typeof a === "number" && typeof b === "number" ? a / b : np.divide(a, b);
}

export function neg(a: number): number;
export function neg(a: JArray): JArray;
export function neg(a: Operand): Operand;
export function neg(a: Operand): Operand {
  return typeof a === "number" ? -a : np.negative(a);
}

/** `x ** y`: integer JS exponents are `integer_pow` (exact products) as in jnp.power. */
export function pow(a: Operand, b: Operand): JArray {
  return np.power(a, b);
}

/** A hyperparameter as a float32 Array (`jnp.asarray(value)` for a Python float). */
export const f32 = (x: Scalar): JArray =>
  typeof x === "number" ? np.array(x, { dtype: "float32" }) : lax.convertElementType(x, "float32");

/** A step count as an Array: JS integers are int32, as Python ints become in jnp. */
export function asCount(c: Count): JArray {
  if (typeof c !== "number") return c;
  return np.array(c, { dtype: Number.isInteger(c) ? "int32" : "float32" });
}

/** `jnp.zeros([], jnp.int32)`: the initial count of every counting state. */
export const zeroCount = (): JArray => np.zeros([], { dtype: "int32" });

const INT32_MAX = 2147483647;

/** `numerics.safe_increment`: count + 1, saturating at the int32 maximum instead of wrapping. */
export function safeIncrement(count: JArray): JArray {
  return np.where(np.less(count, INT32_MAX), np.add(count, 1), INT32_MAX);
}

/** `numerics.abs_sq` for real arrays: `x * x` (the elementwise squared norm). */
export const absSq = (x: JArray): JArray => np.multiply(x, x);

/**
 * `numerics.safe_norm(x, min_norm)`: max(‖x‖, min_norm) with a finite gradient at 0 (the norm is
 * taken of ones where it would be clipped, so its derivative never divides by zero).
 */
export function safeNorm(x: JArray, minNorm: Scalar): JArray {
  const norm = np.linalg.norm(x, { keepdims: true });
  const masked = np.where(np.lessEqual(norm, minNorm), np.onesLike(x), x);
  const normSq = np.squeeze(norm);
  const maskedNorm = np.linalg.norm(masked);
  return np.where(np.lessEqual(normSq, minNorm), minNorm, maskedNorm);
}

/** `numerics.safe_root_mean_squares(x, min_rms)`, likewise. */
export function safeRootMeanSquares(x: JArray, minRms: Scalar): JArray {
  const rms = np.sqrt(np.mean(np.power(x, 2)));
  const masked = np.where(np.lessEqual(rms, minRms), np.onesLike(x), x);
  return np.where(np.lessEqual(rms, minRms), minRms, np.sqrt(np.mean(np.power(masked, 2))));
}
