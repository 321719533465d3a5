// Clipping (optax/transforms/_clipping.py, optax/_src/linear_algebra.py: global_norm).
import { type Array as JArray, lax, np } from "@jaxts/ndarray";
import { type Args, parse } from "../args.js";
import { type EmptyState, type GradientTransformation, type Scalar, stateless } from "../base.js";
import { absSq, div, mul, neg } from "../numerics.js";
import { mapLeaves, treeSum } from "../tree-utils.js";

/** `optax.global_norm(updates)`: the l2 norm of all leaves together, `sqrt(Σ Σ x²)`. */
export function globalNorm(updates: unknown): JArray {
  return np.sqrt(treeSum(mapLeaves((x) => absSq(x), updates)));
}

/** `optax.clip(max_delta)`: clips every element to `[-maxDelta, maxDelta]`. */
export function clip(
  ...args: Args<[maxDelta: Scalar], { maxDelta?: Scalar }>
): GradientTransformation<EmptyState> {
  const { maxDelta } = parse<{ maxDelta: Scalar }>("clip", ["maxDelta"], args, {}, ["maxDelta"]);
  return stateless((updates) => mapLeaves((g) => np.clip(g, neg(maxDelta), maxDelta), updates));
}

/** `optax.clip_by_global_norm(max_norm)`: rescales all updates so their global norm is at most `maxNorm`. */
export function clipByGlobalNorm(
  ...args: Args<[maxNorm: Scalar], { maxNorm?: Scalar }>
): GradientTransformation<EmptyState> {
  const { maxNorm } = parse<{ maxNorm: Scalar }>("clip_by_global_norm", ["maxNorm"], args, {}, ["maxNorm"]);
  return stateless((updates) => {
    const gNorm = globalNorm(updates);
    const trigger = np.less(gNorm, maxNorm);
    // `select(trigger, t, (t / g_norm) * max_norm)`, the division first as optax has it.
    return mapLeaves(
      (t) => lax.select(trigger, t, mul(np.divide(t, gNorm.astype(t.dtype)), maxNorm)),
      updates,
    );
  });
}

/** `optax.clip_by_block_rms(threshold)`: per leaf, divides by `max(1, rms / threshold)`. */
export function clipByBlockRms(
  ...args: Args<[threshold: Scalar], { threshold?: Scalar }>
): GradientTransformation<EmptyState> {
  const { threshold } = parse<{ threshold: Scalar }>("clip_by_block_rms", ["threshold"], args, {}, [
    "threshold",
  ]);
  return stateless((updates) =>
    mapLeaves((u) => {
      const denom = np.maximum(1, div(np.sqrt(np.mean(absSq(u))), threshold));
      return np.divide(u, denom);
    }, updates),
  );
}
