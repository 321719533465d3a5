// Accumulating past updates (optax/transforms/_accumulation.py: trace, ema).
import type { Array as JArray } from "@jaxts/ndarray";
import { type Args, parse } from "../args.js";
import { type GradientTransformation, type Scalar, transformation } from "../base.js";
import { add, mul, safeIncrement, zeroCount } from "../numerics.js";
import { biasCorrection, mapLeaves, treeCast, updateMoment, zerosLike } from "../tree-utils.js";

export interface TraceOptions {
  decay?: Scalar;
  nesterov?: boolean;
  accumulatorDtype?: string;
}

/** `TraceState`. */
export interface TraceState {
  trace: unknown;
}

/**
 * `optax.trace(decay, nesterov=False, accumulator_dtype=None)`: `t = g + decay * t`, and with
 * Nesterov the update is `g + decay * t` of the new trace.
 */
export function trace(
  ...args: Args<[decay: Scalar, nesterov: boolean, accumulatorDtype: string], TraceOptions>
): GradientTransformation<TraceState> {
  const o = parse<Required<TraceOptions>>(
    "trace",
    ["decay", "nesterov", "accumulatorDtype"],
    args,
    { nesterov: false },
    ["decay"],
  );
  const f = (g: JArray, t: JArray): JArray => add(g, mul(o.decay, t));
  return transformation(
    (params) => ({ trace: zerosLike(params, o.accumulatorDtype) }),
    (updates, state) => {
      const newTrace = mapLeaves(f, updates, state.trace);
      const u = o.nesterov ? mapLeaves(f, updates, newTrace) : newTrace;
      return [u, { trace: treeCast(newTrace, o.accumulatorDtype) }];
    },
  );
}

export interface EmaOptions {
  decay?: Scalar;
  debias?: boolean;
  accumulatorDtype?: string;
}

/** `EmaState`. */
export interface EmaState {
  count: JArray;
  ema: unknown;
}

/** `optax.ema(decay, debias=True, accumulator_dtype=None)`: `ema = (1 - decay) * g + decay * ema`. */
export function ema(
  ...args: Args<[decay: Scalar, debias: boolean, accumulatorDtype: string], EmaOptions>
): GradientTransformation<EmaState> {
  const o = parse<Required<EmaOptions>>(
    "ema",
    ["decay", "debias", "accumulatorDtype"],
    args,
    { debias: true },
    ["decay"],
  );
  return transformation(
    (params) => ({ count: zeroCount(), ema: zerosLike(params, o.accumulatorDtype) }),
    (updates, state) => {
      const newEma = updateMoment(updates, state.ema, o.decay, 1);
      const count = safeIncrement(state.count);
      const u = o.debias ? biasCorrection(newEma, o.decay, count) : newEma;
      return [u, { count, ema: treeCast(newEma, o.accumulatorDtype) }];
    },
  );
}
