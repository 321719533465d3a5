// The types every transformation shares (optax/_src/base.py), and the trivial transformations.
import type { Array as JArray } from "@jaxts/ndarray";
import { zerosLike } from "./tree-utils.js";

/** A pytree of parameters: Arrays in JS arrays, plain objects, `null` for an empty subtree. */
export type Params = unknown;
/** A pytree of updates (gradients on the way in, parameter deltas on the way out). */
export type Updates = unknown;
/**
 * A transformation's state: a plain pytree of Arrays (counts are int32 scalars, as in optax), so
 * it passes through `jit` and can be saved like parameters. `{}` is optax's `EmptyState()`.
 */
export type OptState = unknown;

/** Extra keyword arguments some transformations take in `update` (optax's `**extra_args`). */
export type ExtraArgs = Readonly<Record<string, unknown>>;

/** A step count: a JS number (a Python int) or an int32 Array (what states carry). */
export type Count = number | JArray;

/** optax's `Schedule`: maps a step count to a value, traceable under `jit`. */
export type Schedule = (count: Count) => JArray;

/** A hyperparameter: a JS number (a Python float) or an Array (e.g. one injected by `injectHyperparams`). */
export type Scalar = number | JArray;

/** optax's `ScalarOrSchedule`. */
export type ScalarOrSchedule = Scalar | Schedule;

/**
 * optax's `GradientTransformation`: `init(params)` builds the state, and
 * `update(updates, state, params?)` returns `[newUpdates, newState]` (a 2-tuple, as in optax).
 * Every transformation here also takes optax's extra arguments (a trailing object), so
 * `GradientTransformationExtraArgs` is the same interface.
 */
export interface GradientTransformation<S = OptState> {
  init(params: Params): S;
  update<U>(updates: U, state: S, params?: Params, extraArgs?: ExtraArgs): [U, S];
}

/** optax's `GradientTransformationExtraArgs`: `update` accepts extra arguments (all ours do). */
export type GradientTransformationExtraArgs<S = OptState> = GradientTransformation<S>;

/** optax's `EmptyState()`: a pytree with no leaves. */
export type EmptyState = Record<string, never>;

export const emptyState = (): EmptyState => ({});

/** `base.init_empty_state`. */
export const initEmptyState = (_params: Params): EmptyState => emptyState();

/** Builds a transformation from plain functions, typing `update` as generic over the updates. */
export function transformation<S>(
  init: (params: Params) => S,
  update: (updates: Updates, state: S, params?: Params, extraArgs?: ExtraArgs) => [Updates, S],
): GradientTransformation<S> {
  return {
    init,
    update: <U>(updates: U, state: S, params?: Params, extraArgs?: ExtraArgs): [U, S] =>
      update(updates, state, params, extraArgs) as [U, S],
  };
}

/** A transformation whose `update` needs no state: `init` gives `{}`. */
export function stateless(
  update: (updates: Updates, params?: Params) => Updates,
): GradientTransformation<EmptyState> {
  return transformation(initEmptyState, (updates, state, params) => [update(updates, params), state]);
}

/** `optax.identity()`: passes updates through unchanged. */
export function identity(): GradientTransformation<EmptyState> {
  return stateless((updates) => updates);
}

/** `optax.set_to_zero()`: replaces every update with zeros (freezes parameters). */
export function setToZero(): GradientTransformation<EmptyState> {
  return stateless((updates) => zerosLike(updates));
}

/** optax's `NO_PARAMS_MSG`, for transformations that need `params`. */
export const NO_PARAMS_MSG =
  "You are using a transformation that requires the current value of parameters, but you are not " +
  "passing `params` when calling `update`.";

export function requireParams(params: Params | undefined): Params {
  if (params === undefined || params === null) throw new Error(NO_PARAMS_MSG);
  return params;
}
