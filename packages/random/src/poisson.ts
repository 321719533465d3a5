import type { DType } from "@jaxts/backend";
import { ValueError } from "@jaxts/core";
import { type Array as JArray, type ArrayLike, array, canonicalizeDType, lax, np } from "@jaxts/ndarray";
import { parseArgs, type Shape, toShape } from "./args.js";
import { checkKey, split } from "./keys.js";
import { uniform } from "./samplers.js";

const f32 = (v: number): JArray => array(v, { dtype: "float32" });
const i32 = (v: number): JArray => array(v, { dtype: "int32" });

const INT_MAX: Partial<Record<DType, number>> = {
  int8: 2 ** 7 - 1,
  int16: 2 ** 15 - 1,
  int32: 2 ** 31 - 1,
  uint8: 2 ** 8 - 1,
  uint16: 2 ** 16 - 1,
  uint32: 2 ** 32 - 1,
};

const KIND: Record<string, string> = { b: "bool", f: "float", c: "complex" };

/**
 * The loop bound JAX passes as `dtype.type(jnp.iinfo(dtype).max)`. A non-integer dtype fails there,
 * with NumPy's message, which is what JAX users see.
 */
function maxIters(dtype: DType): number {
  const max = INT_MAX[dtype];
  if (max === undefined) {
    const kind = Object.keys(KIND).find((k) => dtype.startsWith(KIND[k])) ?? "V";
    throw new ValueError(`Invalid integer data type '${kind}'.`);
  }
  // The counter is an int32, so bounds beyond its range never stop the loop.
  return Math.min(max, 2 ** 31 - 1);
}

type Carry = [JArray, JArray, JArray, JArray];

/** JAX's `_poisson_knuth`: multiply uniforms until the product drops below e^-lam (for lam < 10). */
function poissonKnuth(key: JArray, lam: JArray, shape: Shape, dtype: DType, iters: number): JArray {
  const negLam = lax.neg(lam);
  const body = ([i, k, rng, logProd]: Carry): Carry => {
    const [next, sub] = split(rng);
    const k1 = np.where(np.greater(logProd, negLam), np.add(k, array(1, { dtype })), k);
    const u = uniform(sub, shape);
    return [np.add(i, i32(1)), k1, next, np.add(logProd, lax.log(u))];
  };
  // One loop for the whole array, as JAX: every element sees the same sequence of split keys.
  const cond = ([i, , , logProd]: Carry): JArray =>
    np.logicalAnd(np.any(np.greater(logProd, negLam)), np.less(i, i32(iters)));
  const init: Carry = [i32(0), np.zeros(shape, { dtype }), key, np.zeros(shape, { dtype: "float32" })];
  const k = (lax.whileLoop(cond, body, init) as Carry)[1];
  return np.subtract(k, array(1, { dtype }));
}

/** JAX's `_poisson_rejection`: Hörmann's transformed rejection (PTRS), for lam >= 10. */
function poissonRejection(key: JArray, lam: JArray, shape: Shape, dtype: DType, iters: number): JArray {
  const logLam = lax.log(lam);
  const b = np.add(f32(0.931), np.multiply(f32(2.53), lax.sqrt(lam)));
  const a = np.add(f32(-0.059), np.multiply(f32(0.02483), b));
  const invAlpha = np.add(f32(1.1239), np.divide(f32(1.1328), np.subtract(b, f32(3.4))));
  const vR = np.subtract(f32(0.9277), np.divide(f32(3.6224), np.subtract(b, f32(2))));
  const body = ([i, kOut, accepted, rng]: Carry): Carry => {
    const [next, sub0, sub1] = split(rng, 3);
    const u = np.subtract(uniform(sub0, shape), f32(0.5));
    const v = uniform(sub1, shape);
    const us = np.subtract(f32(0.5), lax.abs(u));
    const k = lax.floor(
      np.add(np.add(np.multiply(np.add(np.divide(np.multiply(f32(2), a), us), b), u), lam), f32(0.43)),
    );
    const s = lax.log(np.divide(np.multiply(v, invAlpha), np.add(np.divide(a, np.multiply(us, us)), b)));
    const t = np.subtract(np.add(lax.neg(lam), np.multiply(k, logLam)), lax.lgamma(np.add(k, f32(1))));
    const accept1 = np.logicalAnd(np.greaterEqual(us, f32(0.07)), np.lessEqual(v, vR));
    const reject = np.logicalOr(
      np.less(k, f32(0)),
      np.logicalAnd(np.less(us, f32(0.013)), np.greater(v, us)),
    );
    const accept = np.logicalOr(accept1, np.logicalAnd(np.logicalNot(reject), np.lessEqual(s, t)));
    // Accepted elements are overwritten by later acceptances while others still loop, as in JAX.
    return [np.add(i, i32(1)), np.where(accept, k, kOut), np.logicalOr(accepted, accept), next];
  };
  const cond = ([i, , accepted]: Carry): JArray =>
    np.logicalAnd(np.any(np.logicalNot(accepted)), np.less(i, i32(iters)));
  const init: Carry = [
    i32(0),
    np.full(shape, -1, { dtype: "float32" }),
    np.zeros(shape, { dtype: "bool" }),
    key,
  ];
  return (lax.whileLoop(cond, body, init) as Carry)[1].astype(dtype);
}

interface PoissonOptions {
  key: ArrayLike;
  lam: ArrayLike;
  shape: number | Shape;
  dtype: DType;
}

/**
 * `jax.random.poisson(key, lam, shape=None, dtype=int)`: Knuth's method below lam = 10 and
 * transformed rejection above, both run on the same key and selected per element, as JAX does.
 */
export function poisson(
  ...args: [key: ArrayLike, lam?: ArrayLike | Partial<PoissonOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<PoissonOptions>("poisson", ["key", "lam", "shape", "dtype"], args);
  const key = checkKey("poisson", o.key);
  const dtype = canonicalizeDType(o.dtype ?? "int32");
  const iters = maxIters(dtype);
  const lamIn = array(o.lam as ArrayLike);
  const shape = o.shape === undefined ? lamIn.shape : toShape(o.shape);
  const lam = lax.convertElementType(np.broadcastTo(lamIn, shape), "float32");
  const useKnuth = np.logicalOr(np.isnan(lam), np.less(lam, f32(10)));
  const lamKnuth = np.where(useKnuth, lam, f32(0));
  // Rejection's acceptance rate peaks (~89%) as lam grows, so Knuth's elements get a large lam there.
  const lamRejection = np.where(useKnuth, f32(1e5), lam);
  const result = np.where(
    useKnuth,
    poissonKnuth(key, lamKnuth, shape, dtype, iters),
    poissonRejection(key, lamRejection, shape, dtype, iters),
  );
  return np.where(np.equal(lam, f32(0)), np.zerosLike(result), result);
}
