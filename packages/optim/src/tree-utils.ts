// optax.tree: maths on pytrees of Arrays (optax/tree_utils/_tree_math.py), in optax's order of
// operations so that float32 results round the same way.
import type { DType } from "@jaxts/backend";
import { tree } from "@jaxts/core";
import { type Array as JArray, type ArrayLike, np } from "@jaxts/ndarray";
import type { Scalar } from "./base.js";
import { absSq, add, mul, pow, sub } from "./numerics.js";

type Leaf = JArray;

/** `jax.tree.map` over Array leaves (null subtrees, e.g. masked-out ones, are skipped). */
export function mapLeaves<T>(fn: (x: Leaf, ...rest: Leaf[]) => unknown, t: T, ...rest: unknown[]): T {
  return tree.map(fn as (leaf: never, ...r: never[]) => unknown, t, ...rest);
}

export const leavesOf = (t: unknown): Leaf[] => tree.leaves(t) as Leaf[];

export const zerosLike = <T>(t: T, dtype?: string): T =>
  mapLeaves((x) => (dtype === undefined ? np.zerosLike(x) : np.zerosLike(x, { dtype: dtype as DType })), t);

export const onesLike = <T>(t: T): T => mapLeaves((x) => np.onesLike(x), t);

export const fullLike = <T>(t: T, value: ArrayLike): T => mapLeaves((x) => np.fullLike(x, value), t);

export const treeAdd = <T>(a: T, b: unknown): T => mapLeaves((x, y) => np.add(x, y), a, b);

export const treeSub = <T>(a: T, b: unknown): T => mapLeaves((x, y) => np.subtract(x, y), a, b);

export const treeMul = <T>(a: T, b: unknown): T => mapLeaves((x, y) => np.multiply(x, y), a, b);

export const treeScale = <T>(s: Scalar, t: T): T => mapLeaves((x) => mul(s, x), t);

/** `tree_where(cond, x, y)`. */
export const treeWhere = <T>(cond: JArray, a: T, b: unknown): T =>
  mapLeaves((x, y) => np.where(cond, x, y), a, b);

/** `tree.cast(t, dtype)`: leaves cast to dtype (nothing when dtype is undefined). */
export const treeCast = <T>(t: T, dtype: string | undefined): T =>
  dtype === undefined ? t : mapLeaves((x) => x.astype(dtype as DType), t);

/** `tree_update_moment`: `(1 - decay) * g**order + decay * t`. */
export function updateMoment<T>(updates: T, moments: unknown, decay: Scalar, order: number): T {
  return mapLeaves((g, t) => add(mul(sub(1, decay), pow(g, order)), mul(decay, t)), updates, moments);
}

/** `tree_update_moment_per_elem_norm` for real leaves: as updateMoment, `g ** order` elementwise. */
export const updateMomentPerElemNorm = updateMoment;

/** `tree_update_infinity_moment`: `max(|g| + eps, decay * t)`. */
export function updateInfinityMoment<T>(updates: T, moments: unknown, decay: Scalar, eps: Scalar): T {
  return mapLeaves((g, t) => np.maximum(add(np.abs(g), eps), mul(decay, t)), updates, moments);
}

/** `tree_bias_correction`: `t / (1 - decay**count)`, the correction computed once in float32. */
export function biasCorrection<T>(moment: T, decay: Scalar, count: JArray): T {
  const correction = sub(1, pow(decay, count));
  return mapLeaves((t) => np.divide(t, correction.astype(t.dtype)), moment);
}

/** `tree_sum`: the sum of every element, leaf sums added left to right from 0. */
export function treeSum(t: unknown): JArray {
  let total: Scalar = 0;
  for (const x of leavesOf(t)) total = add(total, np.sum(x));
  return typeof total === "number" ? np.array(total) : total;
}

/** `tree_l2_norm(t, squared)`. */
export function treeL2Norm(t: unknown, squared = false): JArray {
  const sq = treeSum(mapLeaves((x) => absSq(x), t));
  return squared ? sq : np.sqrt(sq);
}
