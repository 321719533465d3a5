// optax.join_schedules (optax/schedules/_join.py).
import { type Array as JArray, np } from "@jaxts/ndarray";
import type { Count, Schedule } from "../base.js";
import { asCount } from "../numerics.js";

/**
 * `optax.join_schedules(schedules, boundaries)`: `schedules[i + 1]` takes over at `boundaries[i]`,
 * called with the step counted from that boundary. Selected with `where`, so it traces under `jit`.
 */
export function joinSchedules(schedules: readonly Schedule[], boundaries: readonly number[]): Schedule {
  return (count: Count): JArray => {
    const step = asCount(count);
    let output = schedules[0](step);
    boundaries.forEach((boundary, i) => {
      const next = schedules[i + 1];
      if (next === undefined) return;
      output = np.where(np.less(step, boundary), output, next(np.subtract(step, boundary)));
    });
    return output;
  };
}
