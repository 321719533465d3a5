import type { DType } from "@jaxts/backend";
import type { Tracer } from "@jaxts/core";
import { np } from "@jaxts/ndarray";

// Deterministic inputs for the conformance cases: the same values on every backend and run.

const SPECIAL = [
  0,
  -0,
  1,
  -1,
  0.5,
  -2.5,
  1e-3,
  3.75,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
];

/** `n` pseudo-random values in [lo, hi) from `seed` (a linear congruential generator). */
export function uniform(n: number, seed: number, lo = -3, hi = 3): number[] {
  let s = (seed * 2654435761) >>> 0 || 1;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + ((hi - lo) * s) / 2 ** 32;
  });
}

/** A float array of `shape` with random values; with `special`, the first values are ±0, ±inf, NaN, .... */
export function floats(
  shape: readonly number[],
  seed: number,
  options: { special?: boolean; lo?: number; hi?: number; dtype?: DType } = {},
): Tracer {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = uniform(n, seed, options.lo, options.hi);
  if (options.special)
    SPECIAL.slice(0, n).forEach((v, i) => {
      values[i] = v;
    });
  return np.array(values, { dtype: options.dtype ?? "float32" }).reshape(shape);
}

/** An integer array of `shape` with values in [lo, hi), plus the dtype's extremes first when `extremes`. */
export function ints(
  shape: readonly number[],
  seed: number,
  dtype: DType = "int32",
  lo = -50,
  hi = 50,
  extremes: readonly number[] = [],
): Tracer {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = uniform(n, seed, lo, hi).map(Math.floor);
  extremes.slice(0, n).forEach((v, i) => {
    values[i] = v;
  });
  return np.array(values, { dtype }).reshape(shape);
}

/** A bool array of `shape`. */
export function bools(shape: readonly number[], seed: number): Tracer {
  const n = shape.reduce((a, b) => a * b, 1);
  return np
    .array(
      uniform(n, seed, 0, 1).map((v) => v < 0.5),
      { dtype: "bool" },
    )
    .reshape(shape);
}

/** A well-conditioned symmetric positive-definite float32 matrix of size n. */
export function spd(n: number, seed: number): Tracer {
  const a = floats([n, n], seed);
  return np.add(np.matmul(a, a.T), np.multiply(np.eye(n), n));
}
