// optax.MultiSteps (optax/transforms/_accumulation.py): gradient accumulation over mini-steps.
import type { DType } from "@jaxts/backend";
import { type Array as JArray, np } from "@jaxts/ndarray";
import {
  type Count,
  type ExtraArgs,
  type GradientTransformation,
  type OptState,
  type Params,
  transformation,
} from "../base.js";
import { safeIncrement, zeroCount } from "../numerics.js";
import { mapLeaves, treeWhere, zerosLike } from "../tree-utils.js";

/** `MultiStepsState`. */
export interface MultiStepsState {
  miniStep: JArray;
  gradientStep: JArray;
  innerOptState: OptState;
  accGrads: unknown;
  skipState: unknown;
}

/** `ShouldSkipUpdateFunction`: returns a bool scalar (skip this mini-step?) and a state to keep. */
export type ShouldSkipUpdateFn = (
  updates: unknown,
  gradientStep: JArray,
  params?: Params,
) => [JArray, unknown];

export interface MultiStepsOptions {
  useGradMean?: boolean;
  shouldSkipUpdateFn?: ShouldSkipUpdateFn | null;
  accumulatorDtype?: string;
}

/** `optax.skip_not_finite`: skip when any update has an inf or a NaN. */
export const skipNotFinite: ShouldSkipUpdateFn = (updates) => {
  let numNotFinite: JArray = np.zeros([], { dtype: "int32" });
  mapLeaves((x) => {
    numNotFinite = np.add(numNotFinite, np.sum(np.logicalNot(np.isfinite(x))).astype("int32"));
    return x;
  }, updates);
  const shouldSkip = np.greater(numNotFinite, 0);
  return [shouldSkip, { shouldSkip, numNotFinite }];
};

/**
 * `optax.MultiSteps(opt, every_k_schedule, use_grad_mean=True, should_skip_update_fn=None)` as a
 * transformation, with `hasUpdated(state)`: the updates of `k` consecutive calls are accumulated
 * (averaged by default, with Welford's running mean) and passed to `opt` on the k-th call; the
 * other calls return zeros. The choice is made with `where`, so it traces under `jit`.
 */
export function multiSteps(
  opt: GradientTransformation,
  everyKSchedule: number | ((gradientStep: Count) => Count),
  options: MultiStepsOptions = {},
): GradientTransformation<MultiStepsState> & { hasUpdated(state: MultiStepsState): JArray } {
  const everyK = typeof everyKSchedule === "number" ? () => everyKSchedule : everyKSchedule;
  const useMean = options.useGradMean ?? true;
  const accDtype = options.accumulatorDtype ?? "float32";
  const shouldSkip: ShouldSkipUpdateFn = options.shouldSkipUpdateFn ?? (() => [np.array(false), []]);
  const tx = transformation(
    (params): MultiStepsState => {
      const gradientStep = zeroCount();
      const [, skipState] = shouldSkip(zerosLike(params), gradientStep, params);
      return {
        miniStep: zeroCount(),
        gradientStep,
        innerOptState: opt.init(params),
        accGrads: zerosLike(params, accDtype),
        skipState,
      };
    },
    (updates, state, params, extraArgs?: ExtraArgs) => {
      const kSteps = np.asarray(everyK(state.gradientStep));
      const [skip, skipState] = shouldSkip(updates, state.gradientStep, params);
      const accGrads = mapLeaves(
        (g, acc) =>
          useMean ? np.add(acc, np.divide(np.subtract(g, acc), np.add(state.miniStep, 1))) : np.add(g, acc),
        updates,
        state.accGrads,
      );
      const [finalUpdates, newInner] = opt.update(
        mapLeaves((a, u) => a.astype(u.dtype), accGrads, updates),
        state.innerOptState,
        params,
        extraArgs,
      );
      const emit = np.equal(state.miniStep, np.subtract(kSteps, 1));
      const notEmit = np.subtract(1, emit.astype("int32"));
      const done: MultiStepsState = {
        miniStep: np.remainder(safeIncrement(state.miniStep), kSteps),
        gradientStep: np.where(emit, safeIncrement(state.gradientStep), state.gradientStep),
        innerOptState: mapLeaves(
          (st, nst) => np.where(emit, nst, st).astype(st.dtype),
          state.innerOptState,
          newInner,
        ),
        accGrads: mapLeaves((ga) => np.multiply(notEmit, ga).astype(accDtype as DType), accGrads),
        skipState,
      };
      const out = mapLeaves((ga) => np.multiply(emit.astype(ga.dtype), ga), finalUpdates);
      // A skipped mini-step leaves everything as it was and proposes zeros.
      const skipped: MultiStepsState = { ...state, skipState };
      const next: MultiStepsState = {
        ...treeWhere(skip, { ...skipped, skipState: null }, { ...done, skipState: null }),
        skipState,
      };
      return [treeWhere(skip, zerosLike(out), out), next];
    },
  );
  return {
    ...tx,
    hasUpdated: (state: MultiStepsState) =>
      np.logicalAnd(np.equal(state.miniStep, 0), np.greater(state.gradientStep, 0)),
  };
}
