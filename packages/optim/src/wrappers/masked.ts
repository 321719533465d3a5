// optax.masked (optax/transforms/_masking.py): apply a transformation to part of a pytree only.
// Masked-out leaves become `null` (an empty subtree, optax's MaskedNode), so the inner
// transformation neither sees them nor keeps state for them.
import { isTracer } from "@jaxts/core";
import {
  type ExtraArgs,
  type GradientTransformation,
  type OptState,
  type Params,
  transformation,
} from "../base.js";

/** A pytree (or prefix of one) of booleans, or a function of the params/updates returning one. */
export type Mask = unknown;
export type MaskOrFn = Mask | ((tree: unknown) => Mask);

/** `MaskedState`. */
export interface MaskedState {
  innerState: OptState;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x) && !isTracer(x);

/** Walks `mask` (a prefix of `t`), calling `leaf(m, ...subtrees)` at each boolean. */
function zipMask(mask: Mask, trees: unknown[], leaf: (m: boolean, ...xs: unknown[]) => unknown): unknown {
  if (typeof mask === "boolean") return leaf(mask, ...trees);
  if (Array.isArray(mask)) {
    return mask.map((m, i) =>
      zipMask(
        m,
        trees.map((t) => (t as unknown[] | null)?.[i]),
        leaf,
      ),
    );
  }
  if (isPlainObject(mask)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(mask)) {
      out[k] = zipMask(
        mask[k],
        trees.map((t) => (t as Record<string, unknown> | null)?.[k]),
        leaf,
      );
    }
    return out;
  }
  if (mask === null || mask === undefined) return trees[0];
  throw new TypeError(`masked: mask leaves must be booleans, got ${String(mask)}`);
}

/** `t` with the subtrees where `mask` is false replaced by `null`. */
export const maskTree = (t: unknown, mask: Mask): unknown => zipMask(mask, [t], (m, x) => (m ? x : null));

const resolveMask = (mask: MaskOrFn, t: unknown): Mask =>
  typeof mask === "function" ? (mask as (tree: unknown) => Mask)(t) : mask;

/**
 * `optax.masked(inner, mask)`: `inner` transforms the leaves where `mask` is true; the others pass
 * through unchanged. `mask` has the structure of the params (or a prefix of it), or is a function
 * of the params/updates that returns one.
 */
export function masked(inner: GradientTransformation, mask: MaskOrFn): GradientTransformation<MaskedState> {
  return transformation(
    (params: Params) => ({ innerState: inner.init(maskTree(params, resolveMask(mask, params))) }),
    (updates, state, params, extraArgs?: ExtraArgs) => {
      const m = resolveMask(mask, updates);
      const maskedParams = params === undefined || params === null ? params : maskTree(params, m);
      const [newMasked, innerState] = inner.update(
        maskTree(updates, m),
        state.innerState,
        maskedParams,
        extraArgs,
      );
      const merged = zipMask(m, [newMasked, updates], (keep, n, old) => (keep ? n : old));
      return [merged, { innerState }];
    },
  );
}
