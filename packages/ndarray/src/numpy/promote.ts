import { type DType, isInexact } from "@jaxts/backend";
import { type ArrayLike, bind1, config, isTracer, shapeStr, type Tracer, ValueError } from "@jaxts/core";
import { asarrayWeak, fromFlat, type OperandAval, operandAval } from "../array/create.js";
import { defaultFloatDType, promoteTypes } from "../dtypes/promotion.js";
import { broadcastInDim } from "../lax/structural.js";
import { checkDTypeClass, type DTypeClass } from "../rules/checks.js";
import { checkBroadcastable } from "./broadcast.js";

/**
 * The dtype and weak type a JS value has as an operand. A JS number meeting arrays is a weak int
 * when integer-valued and a weak float otherwise, so `int32 + 2` stays int32 and `int32 + 1.5` is
 * the default float; numbers with no array to meet are weak floats (DESIGN.md section 5). Nothing
 * is allocated, so callers can check arguments before any array exists.
 */
export function operandType(
  x: ArrayLike,
  meetsArray: boolean,
  fn = "array",
  position = 0,
): { dtype: DType; weakType: boolean } {
  if (typeof x === "number")
    return { dtype: meetsArray && Number.isInteger(x) ? "int32" : defaultFloatDType(), weakType: true };
  const a = operandAval(x, fn, position);
  return { dtype: a.dtype, weakType: a.weakType };
}

function typesOf(fn: string, xs: readonly ArrayLike[]): { dtype: DType; weakType: boolean }[] {
  const meetsArray = xs.some((x) => typeof x !== "number");
  return xs.map((x, i) => operandType(x, meetsArray, fn, i));
}

/** JAX's `dtypes.result_type` of operands, computed without converting (or allocating) anything. */
export function resultType(fn: string, xs: readonly ArrayLike[]): { dtype: DType; weakType: boolean } {
  return promoteTypes(typesOf(fn, xs));
}

/** The avals of a function's operands, with JAX's check_arraylike error for anything else. */
export function operandAvals(fn: string, xs: readonly unknown[]): OperandAval[] {
  return xs.map((x, i) => operandAval(x, fn, i));
}

/** Converts `x` to `dtype` (and weak type), creating JS scalars directly in that dtype. */
export function toDType(x: ArrayLike, dtype: DType, weakType: boolean): Tracer {
  if (!isTracer(x) && (typeof x === "number" || typeof x === "boolean"))
    return fromFlat([x], [], dtype, { weakType });
  const a = asarrayWeak(x);
  if (a.dtype === dtype && a.weakType === weakType) return a;
  return bind1("convert_element_type", [a], { new_dtype: dtype, weak_type: weakType });
}

/** JAX's promote_dtypes: every operand converted to the result type of all of them. */
export function promoteDTypes(xs: readonly ArrayLike[], fn = "promote_dtypes"): Tracer[] {
  const { dtype, weakType } = resultType(fn, xs);
  return xs.map((x) => toDType(x, dtype, weakType));
}

/** The inexact dtype that JAX computes integers and bools in (promote_args_inexact): float64 under x64. */
export function toInexact(dtype: DType): DType {
  return isInexact(dtype) ? dtype : defaultFloatDType();
}

/** promote_dtypes, then integers and bools to the default float dtype (weak types kept). */
export function promoteDTypesInexact(xs: readonly ArrayLike[], fn = "promote_dtypes_inexact"): Tracer[] {
  const { dtype, weakType } = resultType(fn, xs);
  const target = toInexact(dtype);
  return xs.map((x) => toDType(x, target, weakType));
}

/** promote_dtypes_numeric: bools become int32. */
export function promoteDTypesNumeric(xs: readonly ArrayLike[], fn = "promote_dtypes_numeric"): Tracer[] {
  const { dtype, weakType } = resultType(fn, xs);
  return xs.map((x) => toDType(x, dtype === "bool" ? "int32" : dtype, weakType));
}

/**
 * NumPy's rank promotion (JAX's promote_shapes): lower-rank operands get leading size-1 axes;
 * size-1 axes then broadcast inside the lax primitives. Scalars stay scalars.
 */
export function promoteShapes(_fn: string, xs: Tracer[]): Tracer[] {
  const ranks = xs.map((x) => x.ndim);
  const nonscalar = new Set(ranks.filter((r) => r > 0));
  if (nonscalar.size < 2) return xs;
  const rank = Math.max(...ranks);
  return xs.map((x) => {
    if (x.ndim === rank || x.ndim === 0) return x;
    const shape = [...Array(rank - x.ndim).fill(1), ...x.shape];
    return broadcastInDim(
      x,
      shape,
      x.shape.map((_, i) => i + rank - x.ndim),
    );
  });
}

/** What an elementwise function accepts, checked on the promoted dtype before any conversion. */
export type DTypeCheck = readonly DTypeClass[] | ((dtype: DType) => void);

/**
 * JAX's promote_args family: check_arraylike, broadcast compatibility and the dtype check all
 * come first, so bad input is rejected before any operand is converted; then dtypes, then ranks.
 */
function promoteArgsTo(
  fn: string,
  xs: readonly ArrayLike[],
  target: (dtype: DType) => DType,
  check?: DTypeCheck,
): Tracer[] {
  // The common case, arrays of one dtype, weak type and shape, needs no promotion: only the check.
  if (alikeArrays(xs) && target(xs[0].dtype) === xs[0].dtype) {
    if (typeof check === "function") check(xs[0].dtype);
    else if (check) checkDTypeClass(fn, xs[0].dtype, check);
    return xs;
  }
  const avals = operandAvals(fn, xs);
  if (xs.length > 1) {
    checkBroadcastable(
      fn,
      avals.map((a) => a.shape),
    );
    checkRankPromotion(fn, avals);
  }
  const meetsArray = xs.some((x) => typeof x !== "number");
  const { dtype, weakType } = promoteTypes(
    xs.map((x, i) => (typeof x === "number" ? operandType(x, meetsArray) : avals[i])),
  );
  const to = target(dtype);
  if (typeof check === "function") check(to);
  else if (check) checkDTypeClass(fn, to, check);
  return promoteShapes(
    fn,
    xs.map((x) => toDType(x, to, weakType)),
  );
}

function alikeArrays(xs: readonly ArrayLike[]): xs is Tracer[] {
  const first = xs[0];
  if (first === undefined || !isTracer(first)) return false;
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i];
    if (!isTracer(x) || x.dtype !== first.dtype || x.weakType !== first.weakType) return false;
    if (x.shape.length !== first.shape.length || x.shape.some((d, j) => d !== first.shape[j])) return false;
  }
  return true;
}

/** jax_numpy_rank_promotion="raise" refuses implicit rank promotion, with JAX's message. */
function checkRankPromotion(fn: string, avals: readonly OperandAval[]): void {
  if (config.read("jax_numpy_rank_promotion") !== "raise") return;
  const ranks = new Set(avals.filter((a) => a.shape.length > 0).map((a) => a.shape.length));
  if (ranks.size < 2) return;
  throw new ValueError(
    `Operands could not be broadcast together for ${fn} on shapes ${avals.map((a) => shapeStr(a.shape)).join(" ")} ` +
      "and with the config option jax_numpy_rank_promotion='raise'. For more information, see " +
      "https://docs.jax.dev/en/latest/rank_promotion_warning.html.",
  );
}

/** promote_args: dtypes, then shapes. */
export function promoteArgs(fn: string, xs: readonly ArrayLike[], check?: DTypeCheck): Tracer[] {
  return promoteArgsTo(fn, xs, (d) => d, check);
}

export function promoteArgsInexact(fn: string, xs: readonly ArrayLike[], check?: DTypeCheck): Tracer[] {
  return promoteArgsTo(fn, xs, toInexact, check);
}

export function promoteArgsNumeric(fn: string, xs: readonly ArrayLike[], check?: DTypeCheck): Tracer[] {
  return promoteArgsTo(fn, xs, (d) => (d === "bool" ? "int32" : d), check);
}
