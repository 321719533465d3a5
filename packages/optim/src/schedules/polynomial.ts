// Constant, polynomial and linear schedules (optax/schedules/_schedule.py).
import { type Array as JArray, np } from "@jaxts/ndarray";
import { type Args, parse } from "../args.js";
import type { Count, Scalar, Schedule } from "../base.js";
import { asCount, f32 } from "../numerics.js";

/** `optax.constant_schedule(value)`. */
export function constantSchedule(...args: Args<[value: Scalar], { value?: Scalar }>): Schedule {
  const { value } = parse<{ value: Scalar }>("constant_schedule", ["value"], args, {}, ["value"]);
  return () => f32(value);
}

export interface PolynomialScheduleOptions {
  initValue?: Scalar;
  endValue?: Scalar;
  power?: Scalar;
  transitionSteps?: number;
  transitionBegin?: number;
}

/**
 * `optax.polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0)`:
 * `(init - end) * (1 - t / T) ** power + end` with `t = clip(count - begin, 0, T)`; constant
 * `init_value` when `transition_steps <= 0`.
 */
export function polynomialSchedule(
  ...args: Args<
    [initValue: Scalar, endValue: Scalar, power: Scalar, transitionSteps: number, transitionBegin: number],
    PolynomialScheduleOptions
  >
): Schedule {
  const o = parse<Required<PolynomialScheduleOptions>>(
    "polynomial_schedule",
    ["initValue", "endValue", "power", "transitionSteps", "transitionBegin"],
    args,
    { transitionBegin: 0 },
    ["initValue", "endValue", "power", "transitionSteps"],
  );
  return polynomial(o);
}

function polynomial(o: Required<PolynomialScheduleOptions>): Schedule {
  if (o.transitionSteps <= 0) return constantSchedule(o.initValue);
  const begin = Math.max(0, o.transitionBegin);
  return (count: Count): JArray => {
    // jnp.asarray first: the difference init - end is taken in float32, as optax does.
    const initVal = f32(o.initValue);
    const endVal = f32(o.endValue);
    const t = np.clip(np.subtract(asCount(count), begin), 0, o.transitionSteps);
    const frac = np.subtract(1, np.divide(t, o.transitionSteps));
    return np.add(np.multiply(np.subtract(initVal, endVal), np.power(frac, o.power)), endVal);
  };
}

export interface LinearScheduleOptions {
  initValue?: Scalar;
  endValue?: Scalar;
  transitionSteps?: number;
  transitionBegin?: number;
}

/** `optax.linear_schedule(init_value, end_value, transition_steps, transition_begin=0)`: power 1. */
export function linearSchedule(
  ...args: Args<
    [initValue: Scalar, endValue: Scalar, transitionSteps: number, transitionBegin: number],
    LinearScheduleOptions
  >
): Schedule {
  const o = parse<Required<LinearScheduleOptions>>(
    "linear_schedule",
    ["initValue", "endValue", "transitionSteps", "transitionBegin"],
    args,
    { transitionBegin: 0 },
    ["initValue", "endValue", "transitionSteps"],
  );
  return polynomial({ ...o, power: 1 });
}
