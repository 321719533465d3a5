// Per-parameter-block rescalings (optax/_src/transform.py: scale_by_trust_ratio,
// scale_by_param_block_norm, scale_by_param_block_rms).
import { np } from "@jaxts/ndarray";
import { type Args, parse } from "../args.js";
import {
  type EmptyState,
  type GradientTransformation,
  requireParams,
  type Scalar,
  stateless,
} from "../base.js";
import { add, mul, safeNorm, safeRootMeanSquares } from "../numerics.js";
import { mapLeaves } from "../tree-utils.js";

export interface ScaleByTrustRatioOptions {
  minNorm?: Scalar;
  trustCoefficient?: Scalar;
  eps?: Scalar;
}

/**
 * `optax.scale_by_trust_ratio(min_norm=0.0, trust_coefficient=1.0, eps=0.0)` (LARS/LAMB): each
 * leaf scaled by `trust_coefficient * ‖p‖ / (‖u‖ + eps)`, or 1 where either norm is zero.
 */
export function scaleByTrustRatio(
  ...args: Args<[minNorm: Scalar, trustCoefficient: Scalar, eps: Scalar], ScaleByTrustRatioOptions>
): GradientTransformation<EmptyState> {
  const o = parse<Required<ScaleByTrustRatioOptions>>(
    "scale_by_trust_ratio",
    ["minNorm", "trustCoefficient", "eps"],
    args,
    { minNorm: 0, trustCoefficient: 1, eps: 0 },
  );
  return stateless((updates, params) =>
    mapLeaves(
      (update, param) => {
        const paramNorm = safeNorm(param, o.minNorm);
        const updateNorm = safeNorm(update, o.minNorm);
        const trustRatio = np.divide(mul(o.trustCoefficient, paramNorm), add(updateNorm, o.eps));
        const zeroNorm = np.logicalOr(np.equal(paramNorm, 0), np.equal(updateNorm, 0));
        const safeRatio = np.where(zeroNorm, np.array(1, { dtype: param.dtype }), trustRatio);
        return np.multiply(update, safeRatio);
      },
      updates,
      requireParams(params),
    ),
  );
}

/** `optax.scale_by_param_block_norm(min_scale=1e-3)`: each leaf times max(‖p‖, min_scale). */
export function scaleByParamBlockNorm(
  ...args: Args<[minScale: Scalar], { minScale?: Scalar }>
): GradientTransformation<EmptyState> {
  const o = parse<{ minScale: Scalar }>("scale_by_param_block_norm", ["minScale"], args, { minScale: 1e-3 });
  return stateless((updates, params) =>
    mapLeaves((u, p) => np.multiply(u, safeNorm(p, o.minScale)), updates, requireParams(params)),
  );
}

/** `optax.scale_by_param_block_rms(min_scale=1e-3)`: each leaf times max(rms(p), min_scale). */
export function scaleByParamBlockRms(
  ...args: Args<[minScale: Scalar], { minScale?: Scalar }>
): GradientTransformation<EmptyState> {
  const o = parse<{ minScale: Scalar }>("scale_by_param_block_rms", ["minScale"], args, { minScale: 1e-3 });
  return stateless((updates, params) =>
    mapLeaves((u, p) => np.multiply(u, safeRootMeanSquares(p, o.minScale)), updates, requireParams(params)),
  );
}
