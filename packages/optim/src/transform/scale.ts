// Scaling by constants and schedules (optax/_src/transform.py: scale, scale_by_schedule,
// scale_by_learning_rate, scale_by_sign).
import { np } from "@jaxts/ndarray";
import {
  type EmptyState,
  type GradientTransformation,
  identity,
  type Scalar,
  type ScalarOrSchedule,
  type Schedule,
  stateless,
  transformation,
} from "../base.js";
import { mul, neg, safeIncrement, zeroCount } from "../numerics.js";
import { mapLeaves } from "../tree-utils.js";
import type { Array as JArray } from "@jaxts/ndarray";

/** `optax.scale(step_size)`: multiplies every update by `stepSize`. */
export function scale(stepSize: Scalar): GradientTransformation<EmptyState> {
  return stateless((updates) => mapLeaves((g) => mul(stepSize, g), updates));
}

/** `ScaleByScheduleState`. */
export interface ScaleByScheduleState {
  count: JArray;
}

/** `optax.scale_by_schedule(step_size_fn)`: multiplies by `stepSizeFn(count)`, then counts. */
export function scaleBySchedule(stepSizeFn: Schedule): GradientTransformation<ScaleByScheduleState> {
  return transformation(
    () => ({ count: zeroCount() }),
    (updates, state) => {
      const stepSize = stepSizeFn(state.count);
      // `jnp.array(step_size, dtype=g.dtype) * g`.
      const u = mapLeaves((g) => np.multiply(np.asarray(stepSize).astype(g.dtype), g), updates);
      return [u, { count: safeIncrement(state.count) }];
    },
  );
}

export const isSchedule = (x: unknown): x is Schedule => typeof x === "function";

/**
 * `optax.scale_by_learning_rate(learning_rate, *, flip_sign=True)`: multiplies by `-learningRate`
 * (a number, an Array or a schedule); `undefined`/`null` means no scaling.
 */
export function scaleByLearningRate(
  learningRate: ScalarOrSchedule | null | undefined,
  options: { flipSign?: boolean } = {},
): GradientTransformation {
  if (learningRate === undefined || learningRate === null) return identity();
  const m = options.flipSign === false ? 1 : -1;
  if (isSchedule(learningRate)) return scaleBySchedule((count) => np.asarray(mul(m, learningRate(count))));
  return scale(m === -1 ? neg(learningRate) : learningRate);
}

/** `optax.scale_by_sign()`: the sign of every update. */
export function scaleBySign(): GradientTransformation<EmptyState> {
  return stateless((updates) => mapLeaves((g) => np.sign(g), updates));
}
