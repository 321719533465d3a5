// Exponential and piecewise schedules (optax/schedules/_schedule.py: exponential_decay,
// warmup_exponential_decay_schedule, piecewise_constant_schedule).
import { type Array as JArray, np } from "@jaxts/ndarray";
import { type Args, parse } from "../args.js";
import type { Count, Scalar, Schedule } from "../base.js";
import { asCount, f32, mul, sub } from "../numerics.js";
import { joinSchedules } from "./join.js";
import { constantSchedule, linearSchedule } from "./polynomial.js";

export interface ExponentialDecayOptions {
  initValue?: Scalar;
  transitionSteps?: number;
  decayRate?: Scalar;
  transitionBegin?: number;
  staircase?: boolean;
  endValue?: Scalar | null;
}

type ExponentialPositional = [
  initValue: Scalar,
  transitionSteps: number,
  decayRate: Scalar,
  transitionBegin: number,
  staircase: boolean,
  endValue: Scalar | null,
];

/**
 * `optax.exponential_decay(init_value, transition_steps, decay_rate, transition_begin=0,
 * staircase=False, end_value=None)`: `init * decay_rate ** ((t - begin) / T)` (the exponent
 * floored with `staircase`), `init` before `begin`, bounded by `end_value`.
 */
export function exponentialDecay(...args: Args<ExponentialPositional, ExponentialDecayOptions>): Schedule {
  const o = parse<Required<ExponentialDecayOptions>>(
    "exponential_decay",
    ["initValue", "transitionSteps", "decayRate", "transitionBegin", "staircase", "endValue"],
    args,
    { transitionBegin: 0, staircase: false, endValue: null },
    ["initValue", "transitionSteps", "decayRate"],
  );
  return exponential(o);
}

function exponential(o: Required<ExponentialDecayOptions>): Schedule {
  if (o.transitionSteps <= 0 || o.decayRate === 0) return constantSchedule(o.initValue);
  const begin = Math.max(0, o.transitionBegin);
  const end = o.endValue;
  // decay_rate < 1 decays towards a lower bound, > 1 grows towards an upper bound.
  const clipFn = typeof o.decayRate === "number" && o.decayRate >= 1 ? np.minimum : np.maximum;
  return (count: Count): JArray => {
    const decreased = np.subtract(asCount(count), begin);
    let p = np.divide(decreased, o.transitionSteps);
    if (o.staircase) p = np.floor(p);
    let value = np.where(np.lessEqual(decreased, 0), o.initValue, mul(o.initValue, np.power(o.decayRate, p)));
    if (end !== null && end !== undefined) value = clipFn(value, end);
    return value;
  };
}

export interface WarmupExponentialDecayScheduleOptions extends ExponentialDecayOptions {
  peakValue?: Scalar;
  warmupSteps?: number;
}

/**
 * `optax.warmup_exponential_decay_schedule(init_value, peak_value, warmup_steps, transition_steps,
 * decay_rate, transition_begin=0, staircase=False, end_value=None)`.
 */
export function warmupExponentialDecaySchedule(
  ...args: Args<
    [
      initValue: Scalar,
      peakValue: Scalar,
      warmupSteps: number,
      transitionSteps: number,
      decayRate: Scalar,
      transitionBegin: number,
      staircase: boolean,
      endValue: Scalar | null,
    ],
    WarmupExponentialDecayScheduleOptions
  >
): Schedule {
  const o = parse<Required<WarmupExponentialDecayScheduleOptions>>(
    "warmup_exponential_decay_schedule",
    [
      "initValue",
      "peakValue",
      "warmupSteps",
      "transitionSteps",
      "decayRate",
      "transitionBegin",
      "staircase",
      "endValue",
    ],
    args,
    { transitionBegin: 0, staircase: false, endValue: null },
    ["initValue", "peakValue", "warmupSteps", "transitionSteps", "decayRate"],
  );
  return joinSchedules(
    [linearSchedule(o.initValue, o.peakValue, o.warmupSteps), exponential({ ...o, initValue: o.peakValue })],
    [o.warmupSteps],
  );
}

type BoundariesAndScales = Readonly<Record<number, number>> | ReadonlyMap<number, number>;

export interface PiecewiseConstantScheduleOptions {
  initValue?: Scalar;
  boundariesAndScales?: BoundariesAndScales | null;
}

/**
 * `optax.piecewise_constant_schedule(init_value, boundaries_and_scales=None)`: `init_value` times
 * every scale whose boundary the step has reached. Boundaries are step numbers: the keys of an
 * object (`{ 100: 0.1 }`) or of a Map. A second argument whose keys are all step numbers is the
 * boundaries; otherwise it is the options object.
 */
export function piecewiseConstantSchedule(
  ...args:
    | [initValue: Scalar, boundariesAndScales?: BoundariesAndScales | null]
    | [initValue: Scalar, options: PiecewiseConstantScheduleOptions]
    | [options: PiecewiseConstantScheduleOptions]
): Schedule {
  const second = args[1];
  const isBoundaries =
    second instanceof Map ||
    (typeof second === "object" && second !== null && Object.keys(second).every((k) => /^-?\d+$/.test(k)));
  const o = isBoundaries
    ? { initValue: args[0] as Scalar, boundariesAndScales: second as BoundariesAndScales }
    : parse<PiecewiseConstantScheduleOptions>(
        "piecewise_constant_schedule",
        ["initValue", "boundariesAndScales"],
        args,
        {},
        ["initValue"],
      );
  const initValue = o.initValue as Scalar;
  const b = o.boundariesAndScales;
  const entries: [number, number][] =
    b === undefined || b === null
      ? []
      : b instanceof Map
        ? [...b.entries()]
        : Object.entries(b).map(([k, v]): [number, number] => [Number(k), v as number]);
  if (entries.some(([, s]) => s < 0)) {
    throw new RangeError("`piecewise_constant_schedule` expects non-negative scale factors");
  }
  entries.sort((a, b) => a[0] - b[0]);
  return (count: Count): JArray => {
    const c = asCount(count);
    let v: Scalar = initValue;
    for (const [threshold, scale] of entries) {
      // `jnp.maximum(0.0, sign(...))`: the Python float 0.0 makes the indicator float32.
      const indicator = np.maximum(0, np.sign(np.subtract(threshold, c))).astype("float32");
      // `v * indicator + (1 - indicator) * scale * v`, in optax's order.
      v = np.add(mul(v, indicator), mul(mul(sub(1, indicator), scale), v));
    }
    return typeof v === "number" ? f32(v) : v;
  };
}
