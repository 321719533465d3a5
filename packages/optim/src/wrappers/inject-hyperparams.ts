// optax.inject_hyperparams (optax/schedules/_inject.py): hyperparameters kept in the state, so
// they can be read and changed between steps (and scheduled) without rebuilding the optimizer.
import { type Array as JArray, np } from "@jaxts/ndarray";
import { type GradientTransformation, type OptState, type Scalar, transformation } from "../base.js";
import { safeIncrement, zeroCount } from "../numerics.js";
import { leavesOf } from "../tree-utils.js";
import { isTracer } from "@jaxts/core";

/** `InjectHyperparamsState`: `hyperparams` maps each numeric hyperparameter to a scalar Array. */
export interface InjectHyperparamsState {
  count: JArray;
  hyperparams: Record<string, JArray>;
  innerState: OptState;
}

export interface InjectHyperparamsOptions {
  /** Names to pass through unchanged even if numeric (optax's `static_args`). */
  staticArgs?: readonly string[];
  /** dtype of the stored hyperparameters; the first leaf's dtype when omitted. */
  hyperparamDtype?: string;
}

/**
 * `optax.inject_hyperparams(inner_factory, static_args=(), hyperparam_dtype=None)`. The wrapped
 * factory takes one options object (`injectHyperparams(optim.adam)({ learningRate: 0.1 })`): numbers
 * and Arrays become `state.hyperparams` (edit them to change e.g. the learning rate mid-run),
 * functions are schedules evaluated at the step count, booleans and `staticArgs` pass through.
 */
export function injectHyperparams<O extends object>(
  innerFactory: (options: O) => GradientTransformation,
  options: InjectHyperparamsOptions = {},
): (hyperparams: O) => GradientTransformation<InjectHyperparamsState> {
  const staticArgs = new Set(options.staticArgs ?? []);
  return (hyperparams: O) => {
    const entries = Object.entries(hyperparams as Record<string, unknown>);
    const schedules = entries.filter(([k, v]) => !staticArgs.has(k) && typeof v === "function") as [
      string,
      (count: JArray) => Scalar,
    ][];
    const numeric = entries.filter(
      ([k, v]) => !staticArgs.has(k) && (typeof v === "number" || isTracer(v)),
    ) as [string, Scalar][];
    const other = Object.fromEntries(
      entries.filter(([k]) => !schedules.some(([s]) => s === k) && !numeric.some(([n]) => n === k)),
    );
    const dtypeOf = (tree: unknown): string =>
      options.hyperparamDtype ?? leavesOf(tree)[0]?.dtype ?? "float32";
    const asDtype = (v: Scalar, dtype: string): JArray => {
      const a = np.asarray(v);
      // Only floats follow the params' dtype, as optax's _convert_floats.
      return a.dtype.startsWith("float") ? a.astype(dtype as "float32") : a;
    };
    const scheduled = (count: JArray, dtype: string): Record<string, JArray> =>
      Object.fromEntries(schedules.map(([k, f]) => [k, asDtype(f(count), dtype)]));
    const build = (hp: Record<string, JArray>): GradientTransformation =>
      innerFactory({ ...other, ...hp } as O);
    return transformation(
      (params) => {
        const dtype = dtypeOf(params);
        const count = zeroCount();
        const hp = {
          ...Object.fromEntries(numeric.map(([k, v]) => [k, asDtype(v, dtype)])),
          ...scheduled(count, dtype),
        };
        return { count, hyperparams: hp, innerState: build(hp).init(params) };
      },
      (updates, state, params, extraArgs) => {
        const dtype = dtypeOf(updates);
        const hp = {
          ...Object.fromEntries(Object.entries(state.hyperparams).map(([k, v]) => [k, asDtype(v, dtype)])),
          ...scheduled(state.count, dtype),
        };
        const [u, innerState] = build(hp).update(updates, state.innerState, params, extraArgs);
        return [u, { count: safeIncrement(state.count), hyperparams: hp, innerState }];
      },
    );
  };
}
