// Adding to updates (optax/transforms/_adding.py: add_decayed_weights).
import { type Args, parse } from "../args.js";
import {
  type EmptyState,
  type GradientTransformation,
  requireParams,
  type Scalar,
  stateless,
} from "../base.js";
import { add, mul } from "../numerics.js";
import { mapLeaves } from "../tree-utils.js";
import { type MaskedState, type MaskOrFn, masked } from "../wrappers/masked.js";

export interface AddDecayedWeightsOptions {
  weightDecay?: Scalar;
  /** Options-only when it is a pytree of booleans (a plain object would read as options). */
  mask?: MaskOrFn;
}

/**
 * `optax.add_decayed_weights(weight_decay=0.0, mask=None)`: `g + weight_decay * p`, on the leaves
 * `mask` selects (all of them without a mask).
 */
export function addDecayedWeights(
  ...args: Args<[weightDecay: Scalar, mask: MaskOrFn], AddDecayedWeightsOptions>
): GradientTransformation<EmptyState | MaskedState> {
  const o = parse<AddDecayedWeightsOptions>("add_decayed_weights", ["weightDecay", "mask"], args, {
    weightDecay: 0,
  });
  const wd = o.weightDecay ?? 0;
  const tx = stateless((updates, params) =>
    mapLeaves((g, p) => add(g, mul(wd, p)), updates, requireParams(params)),
  );
  return o.mask === undefined || o.mask === null ? tx : masked(tx, o.mask);
}
