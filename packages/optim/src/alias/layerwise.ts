// Layer-wise and factored aliases of optax/_src/alias.py: lamb, lars, adafactor.
import { type Args, parse } from "../args.js";
import type { GradientTransformation, Scalar, ScalarOrSchedule } from "../base.js";
import { chain } from "../combine.js";
import { ema, trace } from "../transform/accumulation.js";
import { scaleByAdam } from "../transform/adam.js";
import { addDecayedWeights } from "../transform/adding.js";
import { clipByBlockRms } from "../transform/clipping.js";
import { scaleByFactoredRms } from "../transform/factored.js";
import { scale, scaleByLearningRate } from "../transform/scale.js";
import { scaleByParamBlockRms, scaleByTrustRatio } from "../transform/trust-ratio.js";
import { type MaskOrFn, masked } from "../wrappers/masked.js";

export interface LambOptions {
  learningRate?: ScalarOrSchedule;
  b1?: Scalar;
  b2?: Scalar;
  eps?: Scalar;
  epsRoot?: Scalar;
  weightDecay?: Scalar;
  mask?: MaskOrFn;
}

/**
 * `optax.lamb(learning_rate, b1=0.9, b2=0.999, eps=1e-6, eps_root=0.0, weight_decay=0.0,
 * mask=None)`: Adam, weight decay, trust ratio, learning rate.
 */
export function lamb(
  ...args: Args<
    [
      learningRate: ScalarOrSchedule,
      b1: Scalar,
      b2: Scalar,
      eps: Scalar,
      epsRoot: Scalar,
      weightDecay: Scalar,
    ],
    LambOptions
  >
): GradientTransformation {
  const o = parse<LambOptions>(
    "lamb",
    ["learningRate", "b1", "b2", "eps", "epsRoot", "weightDecay", "mask"],
    args,
    { eps: 1e-6, weightDecay: 0 },
    ["learningRate"],
  );
  return chain(
    scaleByAdam({ b1: o.b1, b2: o.b2, eps: o.eps, epsRoot: o.epsRoot }),
    addDecayedWeights({ weightDecay: o.weightDecay, mask: o.mask }),
    scaleByTrustRatio(),
    scaleByLearningRate(o.learningRate),
  );
}

export interface LarsOptions {
  learningRate?: ScalarOrSchedule;
  weightDecay?: Scalar;
  weightDecayMask?: MaskOrFn;
  trustCoefficient?: Scalar;
  eps?: Scalar;
  trustRatioMask?: MaskOrFn;
  momentum?: Scalar;
  nesterov?: boolean;
}

/**
 * `optax.lars(learning_rate, weight_decay=0., weight_decay_mask=True, trust_coefficient=0.001,
 * eps=0., trust_ratio_mask=True, momentum=0.9, nesterov=False)`.
 */
export function lars(
  ...args: Args<
    [
      learningRate: ScalarOrSchedule,
      weightDecay: Scalar,
      weightDecayMask: MaskOrFn,
      trustCoefficient: Scalar,
      eps: Scalar,
      trustRatioMask: MaskOrFn,
      momentum: Scalar,
      nesterov: boolean,
    ],
    LarsOptions
  >
): GradientTransformation {
  const o = parse<Required<LarsOptions>>(
    "lars",
    [
      "learningRate",
      "weightDecay",
      "weightDecayMask",
      "trustCoefficient",
      "eps",
      "trustRatioMask",
      "momentum",
      "nesterov",
    ],
    args,
    {
      weightDecay: 0,
      weightDecayMask: true,
      trustCoefficient: 0.001,
      eps: 0,
      trustRatioMask: true,
      momentum: 0.9,
      nesterov: false,
    },
    ["learningRate"],
  );
  return chain(
    addDecayedWeights({ weightDecay: o.weightDecay, mask: o.weightDecayMask }),
    masked(scaleByTrustRatio({ trustCoefficient: o.trustCoefficient, eps: o.eps }), o.trustRatioMask),
    scaleByLearningRate(o.learningRate),
    trace(o.momentum, { nesterov: o.nesterov }),
  );
}

export interface AdafactorOptions {
  learningRate?: ScalarOrSchedule | null;
  minDimSizeToFactor?: number;
  decayRate?: number;
  decayOffset?: number;
  multiplyByParameterScale?: boolean;
  clippingThreshold?: Scalar | null;
  momentum?: Scalar | null;
  dtypeMomentum?: string;
  weightDecayRate?: Scalar | null;
  eps?: number;
  factored?: boolean;
  weightDecayMask?: MaskOrFn;
}

/**
 * `optax.adafactor(learning_rate=None, min_dim_size_to_factor=128, decay_rate=0.8,
 * decay_offset=0, multiply_by_parameter_scale=True, clipping_threshold=1.0, momentum=None,
 * dtype_momentum=float32, weight_decay_rate=None, eps=1e-30, factored=True,
 * weight_decay_mask=None)`: options-only (twelve positional parameters read badly).
 */
export function adafactor(
  ...args: Args<[learningRate: ScalarOrSchedule | null], AdafactorOptions>
): GradientTransformation {
  const o = parse<Required<AdafactorOptions>>(
    "adafactor",
    [
      "learningRate",
      "minDimSizeToFactor",
      "decayRate",
      "decayOffset",
      "multiplyByParameterScale",
      "clippingThreshold",
      "momentum",
      "dtypeMomentum",
      "weightDecayRate",
      "eps",
      "factored",
      "weightDecayMask",
    ],
    args,
    {
      learningRate: null,
      minDimSizeToFactor: 128,
      decayRate: 0.8,
      decayOffset: 0,
      multiplyByParameterScale: true,
      clippingThreshold: 1,
      momentum: null,
      dtypeMomentum: "float32",
      weightDecayRate: null,
      eps: 1e-30,
      factored: true,
      weightDecayMask: null,
    },
  );
  const tx: GradientTransformation[] = [
    scaleByFactoredRms(o.factored, o.decayRate, o.decayOffset, o.minDimSizeToFactor, o.eps),
  ];
  if (o.clippingThreshold !== null) tx.push(clipByBlockRms(o.clippingThreshold));
  if (o.learningRate !== null) tx.push(scaleByLearningRate(o.learningRate, { flipSign: false }));
  if (o.multiplyByParameterScale) tx.push(scaleByParamBlockRms());
  if (o.momentum !== null) tx.push(ema(o.momentum, { debias: false, accumulatorDtype: o.dtypeMomentum }));
  if (o.weightDecayRate !== null)
    tx.push(addDecayedWeights({ weightDecay: o.weightDecayRate, mask: o.weightDecayMask }));
  // In gradient descent we follow the negative gradient.
  tx.push(scale(-1));
  return chain(...tx);
}
