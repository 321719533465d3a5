// optax.scale_by_novograd and optax.scale_by_adadelta (optax/_src/transform.py).
import { type Array as JArray, np } from "@jaxts/ndarray";
import { type Args, parse } from "../args.js";
import { type GradientTransformation, requireParams, type Scalar, transformation } from "../base.js";
import { add, mul, safeIncrement, zeroCount } from "../numerics.js";
import { mapLeaves, treeCast, treeWhere, updateMoment, zerosLike } from "../tree-utils.js";

export interface ScaleByNovogradOptions {
  b1?: Scalar;
  b2?: Scalar;
  eps?: Scalar;
  epsRoot?: Scalar;
  weightDecay?: Scalar;
  muDtype?: string;
}

/** `ScaleByNovogradState`: `nu` holds one scalar per leaf (the EMA of its squared norm). */
export interface ScaleByNovogradState {
  count: JArray;
  mu: unknown;
  nu: unknown;
}

/**
 * `optax.scale_by_novograd(b1=0.9, b2=0.25, eps=1e-8, eps_root=0.0, weight_decay=0.0,
 * mu_dtype=None)`: layer-wise second moments. optax picks the first-step branch with `lax.cond`;
 * both branches are computed here and selected with `where`, which gives the same values and
 * traces under `jit` without control flow.
 */
export function scaleByNovograd(
  ...args: Args<
    [b1: Scalar, b2: Scalar, eps: Scalar, epsRoot: Scalar, weightDecay: Scalar, muDtype: string],
    ScaleByNovogradOptions
  >
): GradientTransformation<ScaleByNovogradState> {
  const o = parse<Required<ScaleByNovogradOptions>>(
    "scale_by_novograd",
    ["b1", "b2", "eps", "epsRoot", "weightDecay", "muDtype"],
    args,
    { b1: 0.9, b2: 0.25, eps: 1e-8, epsRoot: 0, weightDecay: 0 },
  );
  // `jnp.linalg.norm(g) ** 2`.
  const nuAddition = (g: JArray): JArray => np.power(np.linalg.norm(g), 2);
  const muAddition = (g: JArray, p: JArray, nu: JArray): JArray =>
    add(np.divide(g, add(np.sqrt(add(nu, o.epsRoot)), o.eps)), mul(o.weightDecay, p));
  return transformation(
    (params) => ({
      count: zeroCount(),
      mu: zerosLike(params, o.muDtype),
      nu: mapLeaves((p) => np.zeros([], { dtype: p.dtype }), params),
    }),
    (updates, state, params) => {
      const p = requireParams(params);
      const count = safeIncrement(state.count);
      const first = np.equal(count, 1);
      const initNu = mapLeaves((g, n) => nuAddition(g).astype(n.dtype), updates, state.nu);
      const updNu = updateMoment(mapLeaves(nuAddition, updates), state.nu, o.b2, 1);
      const nu = treeWhere(first, initNu, updNu);
      const initMu = mapLeaves(muAddition, updates, p, nu);
      const updMu = mapLeaves((m, u) => add(mul(o.b1, m), u), state.mu, initMu);
      const mu = treeCast(treeWhere(first, initMu, updMu), o.muDtype);
      return [mu, { count, mu, nu }];
    },
  );
}

export interface ScaleByAdadeltaOptions {
  rho?: Scalar;
  eps?: Scalar;
}

/** `ScaleByAdaDeltaState`. */
export interface ScaleByAdadeltaState {
  eG: unknown;
  eX: unknown;
}

/**
 * `optax.scale_by_adadelta(rho=0.9, eps=1e-6)`: `sqrt(E[x²] + eps) / sqrt(E[g²] + eps) * g`, the
 * squared-update average taken after the step.
 */
export function scaleByAdadelta(
  ...args: Args<[rho: Scalar, eps: Scalar], ScaleByAdadeltaOptions>
): GradientTransformation<ScaleByAdadeltaState> {
  const o = parse<Required<ScaleByAdadeltaOptions>>("scale_by_adadelta", ["rho", "eps"], args, {
    rho: 0.9,
    eps: 1e-6,
  });
  return transformation(
    (params) => ({ eG: zerosLike(params), eX: zerosLike(params) }),
    (updates, state) => {
      const eG = updateMoment(updates, state.eG, o.rho, 2);
      const u = mapLeaves(
        (g, curEG, prevEX) =>
          np.multiply(np.divide(np.sqrt(add(prevEX, o.eps)), np.sqrt(add(curEG, o.eps))), g),
        updates,
        eG,
        state.eX,
      );
      const eX = updateMoment(u, state.eX, o.rho, 2);
      return [u, { eG, eX }];
    },
  );
}
