// RMSProp-like aliases of optax/_src/alias.py: rmsprop, adagrad, adadelta.
import { type Args, parse } from "../args.js";
import { type GradientTransformation, identity, type Scalar, type ScalarOrSchedule } from "../base.js";
import { chain } from "../combine.js";
import { trace } from "../transform/accumulation.js";
import { addDecayedWeights } from "../transform/adding.js";
import { scaleByAdadelta } from "../transform/novograd.js";
import { scaleByRms, scaleByRss, scaleByStddev } from "../transform/rms.js";
import { scaleByLearningRate } from "../transform/scale.js";
import type { MaskOrFn } from "../wrappers/masked.js";

export interface RmspropOptions {
  learningRate?: ScalarOrSchedule;
  decay?: Scalar;
  eps?: Scalar;
  initialScale?: Scalar;
  epsInSqrt?: boolean;
  centered?: boolean;
  momentum?: Scalar | null;
  nesterov?: boolean;
  biasCorrection?: boolean;
}

/**
 * `optax.rmsprop(learning_rate, decay=0.9, eps=1e-8, initial_scale=0., eps_in_sqrt=True,
 * centered=False, momentum=None, nesterov=False, bias_correction=False)`.
 */
export function rmsprop(
  ...args: Args<
    [
      learningRate: ScalarOrSchedule,
      decay: Scalar,
      eps: Scalar,
      initialScale: Scalar,
      epsInSqrt: boolean,
      centered: boolean,
      momentum: Scalar | null,
      nesterov: boolean,
      biasCorrection: boolean,
    ],
    RmspropOptions
  >
): GradientTransformation {
  const o = parse<Required<RmspropOptions>>(
    "rmsprop",
    [
      "learningRate",
      "decay",
      "eps",
      "initialScale",
      "epsInSqrt",
      "centered",
      "momentum",
      "nesterov",
      "biasCorrection",
    ],
    args,
    {
      decay: 0.9,
      eps: 1e-8,
      initialScale: 0,
      epsInSqrt: true,
      centered: false,
      momentum: null,
      nesterov: false,
      biasCorrection: false,
    },
    ["learningRate"],
  );
  const rms = o.centered ? scaleByStddev : scaleByRms;
  return chain(
    rms({
      decay: o.decay,
      eps: o.eps,
      initialScale: o.initialScale,
      epsInSqrt: o.epsInSqrt,
      biasCorrection: o.biasCorrection,
    }),
    scaleByLearningRate(o.learningRate),
    o.momentum === null ? identity() : trace(o.momentum, { nesterov: o.nesterov }),
  );
}

export interface AdagradOptions {
  learningRate?: ScalarOrSchedule;
  initialAccumulatorValue?: Scalar;
  eps?: Scalar;
}

/** `optax.adagrad(learning_rate, initial_accumulator_value=0.1, eps=1e-7)`. */
export function adagrad(
  ...args: Args<
    [learningRate: ScalarOrSchedule, initialAccumulatorValue: Scalar, eps: Scalar],
    AdagradOptions
  >
): GradientTransformation {
  const o = parse<Required<AdagradOptions>>(
    "adagrad",
    ["learningRate", "initialAccumulatorValue", "eps"],
    args,
    { initialAccumulatorValue: 0.1, eps: 1e-7 },
    ["learningRate"],
  );
  return chain(
    scaleByRss({ initialAccumulatorValue: o.initialAccumulatorValue, eps: o.eps }),
    scaleByLearningRate(o.learningRate),
  );
}

export interface AdadeltaOptions {
  learningRate?: ScalarOrSchedule | null;
  rho?: Scalar;
  eps?: Scalar;
  weightDecay?: Scalar;
  weightDecayMask?: MaskOrFn;
}

/** `optax.adadelta(learning_rate=None, rho=0.9, eps=1e-6, weight_decay=0.0, weight_decay_mask=None)`. */
export function adadelta(
  ...args: Args<
    [
      learningRate: ScalarOrSchedule | null,
      rho: Scalar,
      eps: Scalar,
      weightDecay: Scalar,
      weightDecayMask: MaskOrFn,
    ],
    AdadeltaOptions
  >
): GradientTransformation {
  const o = parse<AdadeltaOptions>(
    "adadelta",
    ["learningRate", "rho", "eps", "weightDecay", "weightDecayMask"],
    args,
    { rho: 0.9, eps: 1e-6, weightDecay: 0 },
  );
  return chain(
    addDecayedWeights({ weightDecay: o.weightDecay, mask: o.weightDecayMask }),
    scaleByAdadelta({ rho: o.rho, eps: o.eps }),
    scaleByLearningRate(o.learningRate),
  );
}
