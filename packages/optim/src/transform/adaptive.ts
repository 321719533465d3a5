// Adam variants with their own second-moment rules (optax/_src/transform.py: scale_by_belief,
// scale_by_yogi, scale_by_radam), each in optax's order of float32 operations.
import { np } from "@jaxts/ndarray";
import { type Args, parse } from "../args.js";
import { type GradientTransformation, type Scalar, transformation } from "../base.js";
import { absSq, add, div, mul, pow, safeIncrement, sub, zeroCount } from "../numerics.js";
import {
  biasCorrection,
  fullLike,
  mapLeaves,
  treeSub,
  updateMoment,
  updateMomentPerElemNorm,
  zerosLike,
} from "../tree-utils.js";
import { adamMuHat, type ScaleByAdamState } from "./adam.js";

export interface ScaleByBeliefOptions {
  b1?: Scalar;
  b2?: Scalar;
  eps?: Scalar;
  epsRoot?: Scalar;
  nesterov?: boolean;
}

/**
 * `optax.scale_by_belief(b1=0.9, b2=0.999, eps=1e-16, eps_root=1e-16, *, nesterov=False)`
 * (AdaBelief): the second moment tracks the prediction error `g - mu`, plus `eps_root`.
 */
export function scaleByBelief(
  ...args: Args<[b1: Scalar, b2: Scalar, eps: Scalar, epsRoot: Scalar], ScaleByBeliefOptions>
): GradientTransformation<ScaleByAdamState> {
  const o = parse<Required<ScaleByBeliefOptions>>(
    "scale_by_belief",
    ["b1", "b2", "eps", "epsRoot", "nesterov"],
    args,
    { b1: 0.9, b2: 0.999, eps: 1e-16, epsRoot: 1e-16, nesterov: false },
  );
  return transformation(
    (params) => ({ count: zeroCount(), mu: zerosLike(params), nu: zerosLike(params) }),
    (updates, state) => {
      const mu = updateMoment(updates, state.mu, o.b1, 1);
      const predictionError = treeSub(updates, mu);
      let nu = updateMomentPerElemNorm(predictionError, state.nu, o.b2, 2);
      nu = mapLeaves((v) => add(v, o.epsRoot), nu);
      const count = safeIncrement(state.count);
      const muHat = adamMuHat(mu, updates, o.b1, count, o.nesterov);
      const nuHat = biasCorrection(nu, o.b2, count);
      const u = mapLeaves((m, v) => np.divide(m, add(np.sqrt(v), o.eps)), muHat, nuHat);
      return [u, { count, mu, nu }];
    },
  );
}

export interface ScaleByYogiOptions {
  b1?: Scalar;
  b2?: Scalar;
  eps?: Scalar;
  epsRoot?: Scalar;
  initialAccumulatorValue?: Scalar;
}

/**
 * `optax.scale_by_yogi(b1=0.9, b2=0.999, eps=1e-3, eps_root=0.0, initial_accumulator_value=1e-6)`:
 * `nu = nu - (1 - b2) * sign(nu - g²) * g²`.
 */
export function scaleByYogi(
  ...args: Args<
    [b1: Scalar, b2: Scalar, eps: Scalar, epsRoot: Scalar, initialAccumulatorValue: Scalar],
    ScaleByYogiOptions
  >
): GradientTransformation<ScaleByAdamState> {
  const o = parse<Required<ScaleByYogiOptions>>(
    "scale_by_yogi",
    ["b1", "b2", "eps", "epsRoot", "initialAccumulatorValue"],
    args,
    { b1: 0.9, b2: 0.999, eps: 1e-3, epsRoot: 0, initialAccumulatorValue: 1e-6 },
  );
  return transformation(
    (params) => ({
      count: zeroCount(),
      mu: fullLike(params, o.initialAccumulatorValue),
      nu: fullLike(params, o.initialAccumulatorValue),
    }),
    (updates, state) => {
      const mu = updateMoment(updates, state.mu, o.b1, 1);
      const nu = mapLeaves(
        (g, v) => np.subtract(v, np.multiply(mul(sub(1, o.b2), np.sign(np.subtract(v, absSq(g)))), absSq(g))),
        updates,
        state.nu,
      );
      const count = safeIncrement(state.count);
      const muHat = biasCorrection(mu, o.b1, count);
      const nuHat = biasCorrection(nu, o.b2, count);
      const u = mapLeaves((m, v) => np.divide(m, add(np.sqrt(add(v, o.epsRoot)), o.eps)), muHat, nuHat);
      return [u, { count, mu, nu }];
    },
  );
}

export interface ScaleByRadamOptions {
  b1?: Scalar;
  b2?: Scalar;
  eps?: Scalar;
  epsRoot?: Scalar;
  threshold?: Scalar;
  nesterov?: boolean;
}

/**
 * `optax.scale_by_radam(b1=0.9, b2=0.999, eps=1e-8, eps_root=0.0, threshold=5.0, *,
 * nesterov=False)` (Rectified Adam): the Adam step scaled by the rectification `r` once the
 * variance is tractable (`ro >= threshold`), the bias-corrected momentum before.
 */
export function scaleByRadam(
  ...args: Args<
    [b1: Scalar, b2: Scalar, eps: Scalar, epsRoot: Scalar, threshold: Scalar],
    ScaleByRadamOptions
  >
): GradientTransformation<ScaleByAdamState> {
  const o = parse<Required<ScaleByRadamOptions>>(
    "scale_by_radam",
    ["b1", "b2", "eps", "epsRoot", "threshold", "nesterov"],
    args,
    { b1: 0.9, b2: 0.999, eps: 1e-8, epsRoot: 0, threshold: 5, nesterov: false },
  );
  const roInf = sub(div(2, sub(1, o.b2)), 1);
  return transformation(
    (params) => ({ count: zeroCount(), mu: zerosLike(params), nu: zerosLike(params) }),
    (updates, state) => {
      const mu = updateMoment(updates, state.mu, o.b1, 1);
      const nu = updateMomentPerElemNorm(updates, state.nu, o.b2, 2);
      const count = safeIncrement(state.count);
      const b2t = pow(o.b2, count);
      const ro = sub(roInf, np.divide(np.multiply(np.multiply(2, count), b2t), np.subtract(1, b2t)));
      const muHat = adamMuHat(mu, updates, o.b1, count, o.nesterov);
      const nuHat = biasCorrection(nu, o.b2, count);
      // sqrt((ro - 4)(ro - 2) ro_inf / ((ro_inf - 4)(ro_inf - 2) ro)), left to right as in optax.
      const r = np.sqrt(
        np.divide(
          mul(np.multiply(np.subtract(ro, 4), np.subtract(ro, 2)), roInf),
          mul(mul(sub(roInf, 4), sub(roInf, 2)), ro),
        ),
      );
      const rectified = mapLeaves(
        (m, v) => np.divide(np.multiply(r.astype(m.dtype), m), add(np.sqrt(add(v, o.epsRoot)), o.eps)),
        muHat,
        nuHat,
      );
      const tractable = np.greaterEqual(ro, o.threshold);
      const u = mapLeaves((t, f) => np.where(tractable, t, f), rectified, muHat);
      return [u, { count, mu, nu }];
    },
  );
}
