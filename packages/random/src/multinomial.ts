import type { DType } from "@jaxts/backend";
import { type Array as JArray, type ArrayLike, canonicalizeDType, lax, np } from "@jaxts/ndarray";
import { parseArgs, type Shape, toShape } from "./args.js";
import { binomialRaw, inexact } from "./binomial.js";
import { checkKey, split } from "./keys.js";

interface MultinomialOptions {
  key: ArrayLike;
  n: ArrayLike;
  p: ArrayLike;
  shape: number | Shape;
  dtype: DType;
  unroll: number | boolean;
}

/**
 * `jax.random.multinomial(key, n, p, *, shape=None, dtype=float, unroll=1)`: one binomial per
 * outcome (the last axis of `p`), each drawn from the trials left over by the previous ones with
 * the probability renormalised over the remaining outcomes, in a scan over split keys as JAX does.
 */
export function multinomial(
  ...args: [key: ArrayLike, n?: ArrayLike | Partial<MultinomialOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<MultinomialOptions>("multinomial", ["key", "n", "p", "shape", "dtype", "unroll"], args);
  const key = checkKey("multinomial", o.key);
  const dtype = canonicalizeDType(o.dtype ?? "float32");
  const pIn = inexact(o.p as ArrayLike);
  const nIn = inexact(o.n as ArrayLike);
  // As in JAX, `shape` (when given) includes the outcome axis.
  const shape = o.shape === undefined ? pIn.shape : toShape(o.shape);
  const n = np.broadcastTo(nIn, shape.slice(0, -1));
  const p = np.moveaxis(np.broadcastTo(pIn, shape), -1, 0);
  const remaining = lax.cumsum(p, { axis: 0, reverse: true });
  const one = np.ones([], { dtype: "float32" });
  const ratios = np.divide(
    p,
    np.where(np.equal(remaining, np.zeros([], { dtype: "float32" })), one, remaining),
  );
  const keys = split(key, ratios.shape[0]);
  const step = (remainder: JArray, [ratio, k]: [JArray, JArray]): [JArray, JArray] => {
    const r = np.clip(ratio, 0, 1);
    const count = binomialRaw(k, remainder, r, np.broadcastShapes(remainder.shape, r.shape), "float32");
    return [np.subtract(remainder, count), count];
  };
  const [, counts] = lax.scan(step as never, n, [ratios, keys], { unroll: o.unroll ?? 1 });
  return np.moveaxis(counts as JArray, 0, -1).astype(dtype);
}
