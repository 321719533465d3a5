// optax.chain and optax.apply_updates (optax/transforms/_combining.py, optax/_src/update.py).
import { tree } from "@jaxts/core";
import type { Array as JArray } from "@jaxts/ndarray";
import { type GradientTransformation, type OptState, type Params, transformation } from "./base.js";

/**
 * `optax.chain(*transforms)`: applies the transformations in order; the state is the array of
 * their states (optax's tuple).
 */
export function chain(...transforms: GradientTransformation[]): GradientTransformation {
  // Typed as an opaque OptState for callers (it is an OptState[]), so chains compose like any transformation.
  return transformation<OptState>(
    (params) => transforms.map((t) => t.init(params)),
    (updates, state, params, extraArgs) => {
      if (!Array.isArray(state) || state.length !== transforms.length) {
        throw new Error(
          "The number of updates and states has to be the same in chain! Make sure you have " +
            "called init first!",
        );
      }
      const newState: OptState[] = [];
      transforms.forEach((t, i) => {
        const [u, s] = t.update(updates, state[i], params, extraArgs);
        updates = u;
        newState.push(s);
      });
      return [updates, newState];
    },
  );
}

/**
 * `optax.apply_updates(params, updates)`: `params + updates` leaf by leaf, cast back to each
 * parameter's dtype (so float32 params stay float32 whatever the updates are).
 */
export function applyUpdates<P extends Params>(params: P, updates: unknown): P {
  return tree.map(
    ((p: JArray, u: JArray) => p.add(u).astype(p.dtype)) as (leaf: never, ...rest: never[]) => unknown,
    params,
    updates,
  );
}
