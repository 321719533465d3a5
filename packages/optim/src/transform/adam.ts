// Adam and its close relatives (optax/_src/transform.py: scale_by_adam, scale_by_amsgrad,
// scale_by_adamax), each step in optax's order of float32 operations.
import { type Array as JArray, np } from "@jaxts/ndarray";
import { type Args, parse } from "../args.js";
import { type GradientTransformation, type Scalar, transformation } from "../base.js";
import { add, mul, safeIncrement, sub, zeroCount } from "../numerics.js";
import {
  biasCorrection,
  mapLeaves,
  treeCast,
  updateInfinityMoment,
  updateMoment,
  updateMomentPerElemNorm,
  zerosLike,
} from "../tree-utils.js";

/** `ScaleByAdamState` (also the state of adamax, yogi and radam). */
export interface ScaleByAdamState {
  count: JArray;
  mu: unknown;
  nu: unknown;
}

export interface ScaleByAdamOptions {
  b1?: Scalar;
  b2?: Scalar;
  eps?: Scalar;
  epsRoot?: Scalar;
  muDtype?: string;
  nesterov?: boolean;
}

const ADAM_NAMES = ["b1", "b2", "eps", "epsRoot", "muDtype", "nesterov"] as const;

/**
 * The first moment as Adam uses it: bias-corrected `mu`, or with Nesterov (Dozat 2016)
 * `b1 * mu_hat(t+1) + (1 - b1) * g_hat(t)`.
 */
export function adamMuHat(
  mu: unknown,
  updates: unknown,
  b1: Scalar,
  count: JArray,
  nesterov: boolean,
): unknown {
  if (!nesterov) return biasCorrection(mu, b1, count);
  return mapLeaves(
    (m, g) => add(mul(b1, m), mul(sub(1, b1), g)),
    biasCorrection(mu, b1, safeIncrement(count)),
    biasCorrection(updates, b1, count),
  );
}

/** `optax.scale_by_adam(b1=0.9, b2=0.999, eps=1e-8, eps_root=0.0, mu_dtype=None, *, nesterov=False)`. */
export function scaleByAdam(
  ...args: Args<[b1: Scalar, b2: Scalar, eps: Scalar, epsRoot: Scalar, muDtype: string], ScaleByAdamOptions>
): GradientTransformation<ScaleByAdamState> {
  const o = parse<Required<ScaleByAdamOptions>>("scale_by_adam", ADAM_NAMES, args, {
    b1: 0.9,
    b2: 0.999,
    eps: 1e-8,
    epsRoot: 0,
    nesterov: false,
  });
  return transformation(
    (params) => ({ count: zeroCount(), mu: zerosLike(params, o.muDtype), nu: zerosLike(params) }),
    (updates, state) => {
      const mu = updateMoment(updates, state.mu, o.b1, 1);
      const nu = updateMomentPerElemNorm(updates, state.nu, o.b2, 2);
      const count = safeIncrement(state.count);
      const muHat = adamMuHat(mu, updates, o.b1, count, o.nesterov);
      const nuHat = biasCorrection(nu, o.b2, count);
      const u = mapLeaves((m, v) => np.divide(m, add(np.sqrt(add(v, o.epsRoot)), o.eps)), muHat, nuHat);
      return [u, { count, mu: treeCast(mu, o.muDtype), nu }];
    },
  );
}

/** `ScaleByAmsgradState`. */
export interface ScaleByAmsgradState extends ScaleByAdamState {
  nuMax: unknown;
}

/** `optax.scale_by_amsgrad(b1=0.9, b2=0.999, eps=1e-8, eps_root=0.0, mu_dtype=None)`. */
export function scaleByAmsgrad(
  ...args: Args<[b1: Scalar, b2: Scalar, eps: Scalar, epsRoot: Scalar, muDtype: string], ScaleByAdamOptions>
): GradientTransformation<ScaleByAmsgradState> {
  const o = parse<Required<ScaleByAdamOptions>>("scale_by_amsgrad", ADAM_NAMES.slice(0, 5), args, {
    b1: 0.9,
    b2: 0.999,
    eps: 1e-8,
    epsRoot: 0,
  });
  return transformation(
    (params) => ({
      count: zeroCount(),
      mu: zerosLike(params, o.muDtype),
      nu: zerosLike(params),
      nuMax: zerosLike(params),
    }),
    (updates, state) => {
      const mu = updateMoment(updates, state.mu, o.b1, 1);
      const nu = updateMomentPerElemNorm(updates, state.nu, o.b2, 2);
      const count = safeIncrement(state.count);
      const muHat = biasCorrection(mu, o.b1, count);
      const nuMax = mapLeaves((a, b) => np.maximum(a, b), state.nuMax, biasCorrection(nu, o.b2, count));
      const u = mapLeaves((m, v) => np.divide(m, add(np.sqrt(add(v, o.epsRoot)), o.eps)), muHat, nuMax);
      return [u, { count, mu: treeCast(mu, o.muDtype), nu, nuMax }];
    },
  );
}

/** `optax.scale_by_adamax(b1=0.9, b2=0.999, eps=1e-8)`. */
export function scaleByAdamax(
  ...args: Args<[b1: Scalar, b2: Scalar, eps: Scalar], Pick<ScaleByAdamOptions, "b1" | "b2" | "eps">>
): GradientTransformation<ScaleByAdamState> {
  const o = parse<{ b1: Scalar; b2: Scalar; eps: Scalar }>("scale_by_adamax", ["b1", "b2", "eps"], args, {
    b1: 0.9,
    b2: 0.999,
    eps: 1e-8,
  });
  return transformation(
    (params) => ({ count: zeroCount(), mu: zerosLike(params), nu: zerosLike(params) }),
    (updates, state) => {
      const count = safeIncrement(state.count);
      const mu = updateMoment(updates, state.mu, o.b1, 1);
      const nu = updateInfinityMoment(updates, state.nu, o.b2, o.eps);
      const muHat = biasCorrection(mu, o.b1, count);
      return [mapLeaves((m, v) => np.divide(m, v), muHat, nu), { count, mu, nu }];
    },
  );
}
