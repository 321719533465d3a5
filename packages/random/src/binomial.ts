import type { DType } from "@jaxts/backend";
import { ValueError } from "@jaxts/core";
import { type Array as JArray, type ArrayLike, array, canonicalizeDType, lax, np } from "@jaxts/ndarray";
import { parseArgs, type Shape, toShape } from "./args.js";
import { checkShape } from "./check-shape.js";
import { checkKey, split } from "./keys.js";
import { uniform } from "./samplers.js";

const f32 = (v: number): JArray => array(v, { dtype: "float32" });
const i32 = (v: number): JArray => array(v, { dtype: "int32" });

// JAX bounds both loops by finfo(dtype).max iterations, which an int32 counter never reaches, so
// the loops here run until every element is done, exactly as JAX's do in practice.

/** log(k!) - Stirling's approximation, tabulated for k <= 9 (JAX's `_stirling_approx_tail`). */
const STIRLING_TAIL = [
  0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211,
  0.0138761288230707, 0.0118967099458917, 0.010411265261972, 0.00925546218271273, 0.00833056343336287,
];

function stirlingApproxTail(kIn: JArray): JArray {
  const useTail = np.lessEqual(kIn, f32(9));
  // JAX clamps before the series too, so k > 9 gets the series at 9; kept for bit-compatibility.
  const k = lax.clamp(f32(0), kIn, f32(9));
  const k1 = np.add(k, f32(1));
  const kp1sq = np.multiply(k1, k1);
  const inner = np.subtract(f32(1 / 360), np.divide(f32(1 / 1260), kp1sq));
  const approx = np.divide(np.subtract(f32(1 / 12), np.divide(inner, kp1sq)), k1);
  const table = np.take(
    array(STIRLING_TAIL, { dtype: "float32" }),
    lax.convertElementType(lax.floor(k), "int32"),
  );
  return np.where(useTail, table, approx);
}

type Carry = [JArray, JArray, JArray, JArray];

/** JAX's `_binomial_inversion`: counts geometric waiting times until they pass `count` (n·q <= 10). */
function binomialInversion(key: JArray, count: JArray, prob: JArray, shape: Shape): JArray {
  const log1mProb = lax.log1p(lax.neg(prob));
  const body = ([i, numGeom, geomSum, rng]: Carry): Carry => {
    const [sub, next] = split(rng);
    const numGeomOut = np.where(np.lessEqual(geomSum, count), np.add(numGeom, f32(1)), numGeom);
    const u = uniform(sub, shape);
    const geom = lax.ceil(np.divide(lax.log(u), log1mProb));
    return [np.add(i, i32(1)), numGeomOut, np.add(geomSum, geom), next];
  };
  const cond = ([, , geomSum]: Carry): JArray => np.any(np.lessEqual(geomSum, count));
  const zeros = np.zeros(shape, { dtype: "float32" });
  const k = (lax.whileLoop(cond, body, [i32(0), zeros, zeros, key]) as Carry)[1];
  return np.subtract(k, f32(1));
}

/** JAX's `_btrs`: Hörmann's transformed rejection with squeeze (BTRS), for n·q > 10. */
function btrs(key: JArray, count: JArray, prob: JArray, shape: Shape): JArray {
  const one = f32(1);
  const stddev = lax.sqrt(np.multiply(np.multiply(count, prob), np.subtract(one, prob)));
  const b = np.add(f32(1.15), np.multiply(f32(2.53), stddev));
  const a = np.add(np.add(f32(-0.0873), np.multiply(f32(0.0248), b)), np.multiply(f32(0.01), prob));
  const c = np.add(np.multiply(count, prob), f32(0.5));
  const vR = np.subtract(f32(0.92), np.divide(f32(4.2), b));
  const r = np.divide(prob, np.subtract(one, prob));
  const alpha = np.multiply(np.add(f32(2.83), np.divide(f32(5.1), b)), stddev);
  const m = lax.floor(np.multiply(np.add(count, one), prob));
  const body = ([i, kOut, accepted, rng]: Carry): Carry => {
    const [next, sub0, sub1] = split(rng, 3);
    const u = np.subtract(uniform(sub0, shape), f32(0.5));
    const v0 = uniform(sub1, shape);
    const us = np.subtract(f32(0.5), lax.abs(u));
    const accept1 = np.logicalAnd(np.greaterEqual(us, f32(0.07)), np.lessEqual(v0, vR));
    const k = lax.floor(np.add(np.multiply(np.add(np.divide(np.multiply(f32(2), a), us), b), u), c));
    const reject = np.logicalOr(np.less(k, f32(0)), np.greater(k, count));
    const v = lax.log(np.divide(np.multiply(v0, alpha), np.add(np.divide(a, np.multiply(us, us)), b)));
    const nm1 = np.add(np.subtract(count, m), one);
    const nk1 = np.add(np.subtract(count, k), one);
    const terms = [
      np.multiply(np.add(m, f32(0.5)), lax.log(np.divide(np.add(m, one), np.multiply(r, nm1)))),
      np.multiply(np.add(count, one), lax.log(np.divide(nm1, nk1))),
      np.multiply(np.add(k, f32(0.5)), lax.log(np.divide(np.multiply(r, nk1), np.add(k, one)))),
      stirlingApproxTail(m),
      stirlingApproxTail(np.subtract(count, m)),
    ];
    // Summed left to right, then the two subtracted tails, in JAX's order of evaluation.
    let ub = terms.reduce((acc, t) => np.add(acc, t));
    ub = np.subtract(ub, stirlingApproxTail(k));
    ub = np.subtract(ub, stirlingApproxTail(np.subtract(count, k)));
    const accept = np.logicalOr(accept1, np.logicalAnd(np.logicalNot(reject), np.lessEqual(v, ub)));
    return [np.add(i, i32(1)), np.where(accept, k, kOut), np.logicalOr(accepted, accept), next];
  };
  const cond = ([, , accepted]: Carry): JArray => np.any(np.logicalNot(accepted));
  const init: Carry = [
    i32(0),
    np.full(shape, -1, { dtype: "float32" }),
    np.zeros(shape, { dtype: "bool" }),
    key,
  ];
  return (lax.whileLoop(cond, body, init) as Carry)[1];
}

/** JAX's `_binomial`: inversion or BTRS per element on q = min(p, 1 - p), both run on `key`. */
export function binomialRaw(key: JArray, n: JArray, p: JArray, shape: Shape, dtype: DType): JArray {
  const prob = np.broadcastTo(p, shape);
  const countIn = np.broadcastTo(n, shape);
  const one = f32(1);
  const pLtHalf = np.less(prob, f32(0.5));
  let q = np.where(pLtHalf, prob, np.subtract(one, prob));
  const countNanOrNeg = np.logicalOr(np.isnan(countIn), np.less(countIn, f32(0)));
  const countInf = np.isinf(countIn);
  const qIsNan = np.isnan(q);
  const qLt0 = np.less(q, f32(0));
  q = np.where(np.logicalOr(qIsNan, qLt0), f32(0.01), q);
  const useInversion = np.logicalOr(countNanOrNeg, np.lessEqual(np.multiply(countIn, q), f32(10)));
  // Floored as np.random.binomial does with a float count.
  const count = lax.floor(countIn);
  const countInv = np.where(useInversion, count, f32(0));
  const countBtrs = np.where(useInversion, f32(1e4), count);
  const qBtrs = np.where(useInversion, f32(0.5), q);
  let samples = np.where(
    useInversion,
    binomialInversion(key, countInv, q, shape),
    btrs(key, countBtrs, qBtrs, shape),
  );
  // NaN for a NaN q or a NaN/negative count, +inf for an infinite count (jax-ml/jax#16134).
  const invalid = np.logicalOr(np.logicalOr(qLt0, qIsNan), countNanOrNeg);
  samples = np.where(invalid, f32(Number.NaN), samples);
  samples = np.where(np.logicalAnd(countInf, np.logicalNot(invalid)), f32(Infinity), samples);
  const keep = np.logicalOr(np.logicalOr(pLtHalf, countNanOrNeg), np.logicalOr(qIsNan, countInf));
  return np.where(keep, samples, np.subtract(count, samples)).astype(dtype);
}

/** `dtype` checked and canonicalised as JAX's float samplers do (float64 is float32 without x64). */
export function floatDType(fn: string, dtype: DType | undefined): DType {
  const d = canonicalizeDType(dtype ?? "float32");
  if (d !== "float32") throw new ValueError(`dtype argument to \`${fn}\` must be a float dtype, got ${d}`);
  return d;
}

/** Float32 parameters broadcast together (JAX's `promote_dtypes_inexact` with x64 off). */
export const inexact = (x: ArrayLike): JArray => {
  const a = array(x);
  return a.dtype === "float32" ? a : lax.convertElementType(a, "float32");
};

interface BinomialOptions {
  key: ArrayLike;
  n: ArrayLike;
  p: ArrayLike;
  shape: number | Shape;
  dtype: DType;
}

/** `jax.random.binomial(key, n, p, shape=None, dtype=float)`: float counts of successes. */
export function binomial(
  ...args: [key: ArrayLike, n?: ArrayLike | Partial<BinomialOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<BinomialOptions>("binomial", ["key", "n", "p", "shape", "dtype"], args);
  const key = checkKey("binomial", o.key);
  const dtype = floatDType("binomial", o.dtype);
  const p = inexact(o.p as ArrayLike);
  const n = lax.convertElementType(o.n as ArrayLike, "float32");
  const shape = o.shape === undefined ? np.broadcastShapes(n.shape, p.shape) : toShape(o.shape);
  if (o.shape !== undefined) checkShape("binomial", shape, n.shape, p.shape);
  return binomialRaw(key, n, p, shape, dtype);
}
