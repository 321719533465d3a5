// optax.scale_by_lion (optax/_src/transform.py).
import { type Array as JArray, np } from "@jaxts/ndarray";
import { type Args, parse } from "../args.js";
import { type GradientTransformation, type Scalar, transformation } from "../base.js";
import { add, mul, safeIncrement, sub, zeroCount } from "../numerics.js";
import { mapLeaves, treeCast, updateMoment, zerosLike } from "../tree-utils.js";

export interface ScaleByLionOptions {
  b1?: Scalar;
  b2?: Scalar;
  muDtype?: string;
  /** How to take the sign: `"hard"` (sign), `"smooth"` (tanh(smoothBeta·x)), `"refined"` (linear inside ±1). */
  mode?: "hard" | "smooth" | "refined";
  smoothBeta?: Scalar;
}

/** `ScaleByLionState`. */
export interface ScaleByLionState {
  count: JArray;
  mu: unknown;
}

/**
 * `optax.scale_by_lion(b1=0.9, b2=0.99, mu_dtype=None, *, mode='hard', smooth_beta=1.0)`:
 * the update is `sign((1 - b1) g + b1 mu)`, then `mu` is the EMA of `g` with `b2`.
 */
export function scaleByLion(
  ...args: Args<[b1: Scalar, b2: Scalar, muDtype: string], ScaleByLionOptions>
): GradientTransformation<ScaleByLionState> {
  const o = parse<Required<ScaleByLionOptions>>(
    "scale_by_lion",
    ["b1", "b2", "muDtype", "mode", "smoothBeta"],
    args,
    { b1: 0.9, b2: 0.99, mode: "hard", smoothBeta: 1 },
  );
  const comb = (g: JArray, m: JArray): JArray => {
    const x = add(mul(sub(1, o.b1), g), mul(o.b1, m));
    switch (o.mode) {
      case "hard":
        return np.sign(x);
      case "smooth":
        return np.tanh(mul(o.smoothBeta, x));
      case "refined":
        return np.where(np.less(np.abs(x), 1), x, np.sign(x));
      default:
        throw new RangeError(
          `Unknown lion mode: ${String(o.mode)}. It needs to be one of ["hard", "smooth", "refined"].`,
        );
    }
  };
  return transformation(
    (params) => ({ count: zeroCount(), mu: zerosLike(params, o.muDtype) }),
    (updates, state) => {
      const u = mapLeaves(comb, updates, state.mu);
      const mu = treeCast(updateMoment(updates, state.mu, o.b2, 1), o.muDtype);
      return [u, { count: safeIncrement(state.count), mu }];
    },
  );
}
