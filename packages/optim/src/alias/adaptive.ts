// More aliases of optax/_src/alias.py: radam, adabelief, yogi, novograd, lion.
import { type Args, parse } from "../args.js";
import type { GradientTransformation, Scalar, ScalarOrSchedule } from "../base.js";
import { chain } from "../combine.js";
import { addDecayedWeights } from "../transform/adding.js";
import { scaleByBelief, scaleByRadam, scaleByYogi } from "../transform/adaptive.js";
import { scaleByLion } from "../transform/lion.js";
import { scaleByNovograd } from "../transform/novograd.js";
import { scaleByLearningRate } from "../transform/scale.js";
import type { MaskOrFn } from "../wrappers/masked.js";

export interface RadamOptions {
  learningRate?: ScalarOrSchedule;
  b1?: Scalar;
  b2?: Scalar;
  eps?: Scalar;
  epsRoot?: Scalar;
  threshold?: Scalar;
  nesterov?: boolean;
}

/** `optax.radam(learning_rate, b1=0.9, b2=0.999, eps=1e-8, eps_root=0.0, threshold=5.0, *, nesterov=False)`. */
export function radam(
  ...args: Args<
    [learningRate: ScalarOrSchedule, b1: Scalar, b2: Scalar, eps: Scalar, epsRoot: Scalar, threshold: Scalar],
    RadamOptions
  >
): GradientTransformation {
  const { learningRate, ...o } = parse<RadamOptions>(
    "radam",
    ["learningRate", "b1", "b2", "eps", "epsRoot", "threshold", "nesterov"],
    args,
    {},
    ["learningRate"],
  );
  return chain(scaleByRadam(o), scaleByLearningRate(learningRate));
}

export interface AdabeliefOptions {
  learningRate?: ScalarOrSchedule;
  b1?: Scalar;
  b2?: Scalar;
  eps?: Scalar;
  epsRoot?: Scalar;
  nesterov?: boolean;
}

/** `optax.adabelief(learning_rate, b1=0.9, b2=0.999, eps=1e-16, eps_root=1e-16, *, nesterov=False)`. */
export function adabelief(
  ...args: Args<
    [learningRate: ScalarOrSchedule, b1: Scalar, b2: Scalar, eps: Scalar, epsRoot: Scalar],
    AdabeliefOptions
  >
): GradientTransformation {
  const { learningRate, ...o } = parse<AdabeliefOptions>(
    "adabelief",
    ["learningRate", "b1", "b2", "eps", "epsRoot", "nesterov"],
    args,
    {},
    ["learningRate"],
  );
  return chain(scaleByBelief(o), scaleByLearningRate(learningRate));
}

export interface YogiOptions {
  learningRate?: ScalarOrSchedule;
  b1?: Scalar;
  b2?: Scalar;
  eps?: Scalar;
}

/** `optax.yogi(learning_rate, b1=0.9, b2=0.999, eps=1e-3)`. */
export function yogi(
  ...args: Args<[learningRate: ScalarOrSchedule, b1: Scalar, b2: Scalar, eps: Scalar], YogiOptions>
): GradientTransformation {
  const { learningRate, ...o } = parse<YogiOptions>("yogi", ["learningRate", "b1", "b2", "eps"], args, {}, [
    "learningRate",
  ]);
  return chain(scaleByYogi(o), scaleByLearningRate(learningRate));
}

export interface NovogradOptions {
  learningRate?: ScalarOrSchedule;
  b1?: Scalar;
  b2?: Scalar;
  eps?: Scalar;
  epsRoot?: Scalar;
  weightDecay?: Scalar;
}

/** `optax.novograd(learning_rate, b1=0.9, b2=0.25, eps=1e-6, eps_root=0.0, weight_decay=0.0)`. */
export function novograd(
  ...args: Args<
    [
      learningRate: ScalarOrSchedule,
      b1: Scalar,
      b2: Scalar,
      eps: Scalar,
      epsRoot: Scalar,
      weightDecay: Scalar,
    ],
    NovogradOptions
  >
): GradientTransformation {
  const { learningRate, ...o } = parse<NovogradOptions>(
    "novograd",
    ["learningRate", "b1", "b2", "eps", "epsRoot", "weightDecay"],
    args,
    { eps: 1e-6 },
    ["learningRate"],
  );
  return chain(scaleByNovograd(o), scaleByLearningRate(learningRate));
}

export interface LionOptions {
  learningRate?: ScalarOrSchedule;
  b1?: Scalar;
  b2?: Scalar;
  muDtype?: string;
  weightDecay?: Scalar;
  mask?: MaskOrFn;
}

/**
 * `optax.lion(learning_rate, b1=0.9, b2=0.99, mu_dtype=None, weight_decay=1e-3, mask=None)`:
 * `chain(scale_by_lion, add_decayed_weights, scale_by_learning_rate)`.
 */
export function lion(
  ...args: Args<
    [
      learningRate: ScalarOrSchedule,
      b1: Scalar,
      b2: Scalar,
      muDtype: string,
      weightDecay: Scalar,
      mask: MaskOrFn,
    ],
    LionOptions
  >
): GradientTransformation {
  const o = parse<LionOptions>(
    "lion",
    ["learningRate", "b1", "b2", "muDtype", "weightDecay", "mask"],
    args,
    { weightDecay: 1e-3 },
    ["learningRate"],
  );
  return chain(
    scaleByLion({ b1: o.b1, b2: o.b2, muDtype: o.muDtype }),
    addDecayedWeights({ weightDecay: o.weightDecay, mask: o.mask }),
    scaleByLearningRate(o.learningRate),
  );
}
