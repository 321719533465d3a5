// Cosine schedules (optax/schedules/_schedule.py: cosine_decay_schedule,
// warmup_cosine_decay_schedule).
import { type Array as JArray, np } from "@jaxts/ndarray";
import { type Args, parse } from "../args.js";
import type { Count, Scalar, Schedule } from "../base.js";
import { add, asCount, div, mul, sub } from "../numerics.js";
import { joinSchedules } from "./join.js";
import { linearSchedule } from "./polynomial.js";

export interface CosineDecayScheduleOptions {
  initValue?: Scalar;
  decaySteps?: number;
  alpha?: Scalar;
  exponent?: Scalar;
}

/**
 * `optax.cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0)`:
 * `init * ((1 - alpha) * (0.5 * (1 + cos(pi * min(t, T) / T))) ** exponent + alpha)`.
 */
export function cosineDecaySchedule(
  ...args: Args<
    [initValue: Scalar, decaySteps: number, alpha: Scalar, exponent: Scalar],
    CosineDecayScheduleOptions
  >
): Schedule {
  const o = parse<Required<CosineDecayScheduleOptions>>(
    "cosine_decay_schedule",
    ["initValue", "decaySteps", "alpha", "exponent"],
    args,
    { alpha: 0, exponent: 1 },
    ["initValue", "decaySteps"],
  );
  if (!(o.decaySteps > 0)) {
    throw new RangeError(
      `The cosine_decay_schedule requires positive decay_steps, got decay_steps=${o.decaySteps}.`,
    );
  }
  return (count: Count): JArray => {
    // optax turns Python ints into floats here; an int32 count meets decay_steps (a float) as float32.
    const c = asCount(count).astype("float32");
    const t = np.minimum(c, o.decaySteps);
    const cosineDecay = np.multiply(0.5, np.add(1, np.cos(np.divide(np.multiply(Math.PI, t), o.decaySteps))));
    const decayed = add(mul(sub(1, o.alpha), np.power(cosineDecay, o.exponent)), o.alpha);
    return np.asarray(mul(o.initValue, decayed));
  };
}

export interface WarmupCosineDecayScheduleOptions {
  initValue?: Scalar;
  peakValue?: Scalar;
  warmupSteps?: number;
  decaySteps?: number;
  endValue?: Scalar;
  exponent?: Scalar;
}

/**
 * `optax.warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps,
 * end_value=0.0, exponent=1.0)`: linear warmup to `peak_value`, then cosine decay to `end_value`
 * (`decay_steps` counts the warmup).
 */
export function warmupCosineDecaySchedule(
  ...args: Args<
    [
      initValue: Scalar,
      peakValue: Scalar,
      warmupSteps: number,
      decaySteps: number,
      endValue: Scalar,
      exponent: Scalar,
    ],
    WarmupCosineDecayScheduleOptions
  >
): Schedule {
  const o = parse<Required<WarmupCosineDecayScheduleOptions>>(
    "warmup_cosine_decay_schedule",
    ["initValue", "peakValue", "warmupSteps", "decaySteps", "endValue", "exponent"],
    args,
    { endValue: 0, exponent: 1 },
    ["initValue", "peakValue", "warmupSteps", "decaySteps"],
  );
  const alpha = o.peakValue === 0 ? 0 : div(o.endValue, o.peakValue);
  return joinSchedules(
    [
      linearSchedule(o.initValue, o.peakValue, o.warmupSteps),
      cosineDecaySchedule(o.peakValue, o.decaySteps - o.warmupSteps, { alpha, exponent: o.exponent }),
    ],
    [o.warmupSteps],
  );
}
