// optax.apply_if_finite (optax/transforms/_conditionality.py).
import { type Array as JArray, np } from "@jaxts/ndarray";
import { type GradientTransformation, type OptState, transformation } from "../base.js";
import { safeIncrement, zeroCount } from "../numerics.js";
import { leavesOf, treeWhere, zerosLike } from "../tree-utils.js";

/** `ApplyIfFiniteState`. */
export interface ApplyIfFiniteState {
  notfiniteCount: JArray;
  lastFinite: JArray;
  totalNotfinite: JArray;
  innerState: OptState;
}

/**
 * `optax.apply_if_finite(inner, max_consecutive_errors)`: applies `inner` only when every update
 * is finite; otherwise returns zero updates and keeps the inner state, until more than
 * `maxConsecutiveErrors` non-finite steps in a row force the update through. optax branches with
 * `lax.cond`; here both results are computed and selected with `where` (same values, no control
 * flow to trace under `jit`).
 */
export function applyIfFinite(
  inner: GradientTransformation,
  maxConsecutiveErrors: number,
): GradientTransformation<ApplyIfFiniteState> {
  return transformation(
    (params) => ({
      notfiniteCount: zeroCount(),
      lastFinite: np.array(true),
      totalNotfinite: zeroCount(),
      innerState: inner.init(params),
    }),
    (updates, state, params, extraArgs) => {
      const finite = leavesOf(updates).map((u) => np.all(np.isfinite(u)));
      const isFinite = finite.length === 0 ? np.array(true) : np.all(np.stack(finite));
      const notfiniteCount = np.where(isFinite, zeroCount(), safeIncrement(state.notfiniteCount));
      const apply = np.logicalOr(isFinite, np.greater(notfiniteCount, maxConsecutiveErrors));
      const [newUpdates, newInner] = inner.update(updates, state.innerState, params, extraArgs);
      return [
        treeWhere(apply, newUpdates, zerosLike(updates)),
        {
          notfiniteCount,
          lastFinite: isFinite,
          totalNotfinite: np.where(isFinite, state.totalNotfinite, safeIncrement(state.totalNotfinite)),
          innerState: treeWhere(apply, newInner, state.innerState),
        },
      ];
    },
  );
}
