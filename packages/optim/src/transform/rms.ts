// Second-moment rescalings (optax/_src/transform.py: scale_by_rms, scale_by_stddev, scale_by_rss).
import { type Array as JArray, lax, np } from "@jaxts/ndarray";
import { type Args, parse } from "../args.js";
import { type GradientTransformation, type Scalar, transformation } from "../base.js";
import { absSq, add, safeIncrement, sub, zeroCount } from "../numerics.js";
import {
  biasCorrection,
  fullLike,
  mapLeaves,
  treeMul,
  updateMoment,
  updateMomentPerElemNorm,
  zerosLike,
} from "../tree-utils.js";

export interface ScaleByRmsOptions {
  decay?: Scalar;
  eps?: Scalar;
  initialScale?: Scalar;
  epsInSqrt?: boolean;
  biasCorrection?: boolean;
}

const RMS_NAMES = ["decay", "eps", "initialScale", "epsInSqrt", "biasCorrection"] as const;
const RMS_DEFAULTS = { decay: 0.9, eps: 1e-8, initialScale: 0, epsInSqrt: true, biasCorrection: false };

type RmsArgs = Args<
  [decay: Scalar, eps: Scalar, initialScale: Scalar, epsInSqrt: boolean, biasCorrection: boolean],
  ScaleByRmsOptions
>;

/** `ScaleByRmsState` (`count` only with bias correction, as optax's ScaleByRmsWithCountState). */
export interface ScaleByRmsState {
  count?: JArray;
  nu: unknown;
}

/** `1 / sqrt(n + eps)` (as `rsqrt`) or `1 / (sqrt(n) + eps)`. */
function inverseRoot(n: JArray, eps: Scalar, epsInSqrt: boolean): JArray {
  return epsInSqrt ? lax.rsqrt(add(n, eps)) : np.divide(1, add(np.sqrt(n), eps));
}

/**
 * `optax.scale_by_rms(decay=0.9, eps=1e-8, initial_scale=0., eps_in_sqrt=True,
 * bias_correction=False)`.
 */
export function scaleByRms(...args: RmsArgs): GradientTransformation<ScaleByRmsState> {
  const o = parse<Required<ScaleByRmsOptions>>("scale_by_rms", RMS_NAMES, args, RMS_DEFAULTS);
  return transformation(
    (params) => {
      const nu = fullLike(params, o.initialScale);
      return o.biasCorrection ? { count: zeroCount(), nu } : { nu };
    },
    (updates, state) => {
      const nu = updateMomentPerElemNorm(updates, state.nu, o.decay, 2);
      let count: JArray | undefined;
      let nuHat = nu;
      if (o.biasCorrection) {
        count = safeIncrement(state.count as JArray);
        nuHat = biasCorrection(nu, o.decay, count);
      }
      const scaling = mapLeaves((n) => inverseRoot(n, o.eps, o.epsInSqrt), nuHat);
      const u = mapLeaves((s, g) => np.multiply(s, g), scaling, updates);
      return [u, count === undefined ? { nu } : { count, nu }];
    },
  );
}

/** `ScaleByRStdDevState`. */
export interface ScaleByStddevState {
  count?: JArray;
  mu: unknown;
  nu: unknown;
}

/**
 * `optax.scale_by_stddev(decay=0.9, eps=1e-8, initial_scale=0., eps_in_sqrt=True,
 * bias_correction=False)`: rescales by the centred second moment `nu - mu²`.
 */
export function scaleByStddev(...args: RmsArgs): GradientTransformation<ScaleByStddevState> {
  const o = parse<Required<ScaleByRmsOptions>>("scale_by_stddev", RMS_NAMES, args, RMS_DEFAULTS);
  return transformation(
    (params) => {
      const mu = zerosLike(params);
      const nu = fullLike(params, o.initialScale);
      return o.biasCorrection ? { count: zeroCount(), mu, nu } : { mu, nu };
    },
    (updates, state) => {
      const mu = updateMoment(updates, state.mu, o.decay, 1);
      const nu = updateMomentPerElemNorm(updates, state.nu, o.decay, 2);
      let count: JArray | undefined;
      let muHat = mu;
      let nuHat = nu;
      if (o.biasCorrection) {
        count = safeIncrement(state.count as JArray);
        muHat = biasCorrection(mu, o.decay, count);
        nuHat = biasCorrection(nu, o.decay, count);
      }
      const scaling = mapLeaves((m, n) => inverseRoot(sub(n, absSq(m)), o.eps, o.epsInSqrt), muHat, nuHat);
      const u = mapLeaves((s, g) => np.multiply(s, g), scaling, updates);
      return [u, count === undefined ? { mu, nu } : { count, mu, nu }];
    },
  );
}

export interface ScaleByRssOptions {
  initialAccumulatorValue?: Scalar;
  eps?: Scalar;
}

/** `ScaleByRssState`. */
export interface ScaleByRssState {
  sumOfSquares: unknown;
}

/**
 * `optax.scale_by_rss(initial_accumulator_value=0.1, eps=1e-7)`: divides by the root of the sum of
 * all squared gradients so far (Adagrad).
 */
export function scaleByRss(
  ...args: Args<[initialAccumulatorValue: Scalar, eps: Scalar], ScaleByRssOptions>
): GradientTransformation<ScaleByRssState> {
  const o = parse<Required<ScaleByRssOptions>>("scale_by_rss", ["initialAccumulatorValue", "eps"], args, {
    initialAccumulatorValue: 0.1,
    eps: 1e-7,
  });
  return transformation(
    (params) => ({ sumOfSquares: fullLike(params, o.initialAccumulatorValue) }),
    (updates, state) => {
      const sumOfSquares = mapLeaves((g, t) => np.add(absSq(g), t), updates, state.sumOfSquares);
      const inv = mapLeaves((t) => np.where(np.greater(t, 0), lax.rsqrt(add(t, o.eps)), 0), sumOfSquares);
      return [treeMul(inv, updates), { sumOfSquares }];
    },
  );
}
