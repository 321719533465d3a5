// The Adam family of optax/_src/alias.py: adam, adamw, nadam, nadamw, amsgrad, adamax.
import { type Args, parse } from "../args.js";
import type { GradientTransformation, Scalar, ScalarOrSchedule } from "../base.js";
import { chain } from "../combine.js";
import { scaleByAdam, scaleByAdamax, scaleByAmsgrad } from "../transform/adam.js";
import { addDecayedWeights } from "../transform/adding.js";
import { scaleByLearningRate } from "../transform/scale.js";
import type { MaskOrFn } from "../wrappers/masked.js";

export interface AdamOptions {
  learningRate?: ScalarOrSchedule;
  b1?: Scalar;
  b2?: Scalar;
  eps?: Scalar;
  epsRoot?: Scalar;
  muDtype?: string;
  nesterov?: boolean;
}

type AdamPositional = [
  learningRate: ScalarOrSchedule,
  b1: Scalar,
  b2: Scalar,
  eps: Scalar,
  epsRoot: Scalar,
  muDtype: string,
];

const ADAM_NAMES = ["learningRate", "b1", "b2", "eps", "epsRoot", "muDtype", "nesterov"] as const;
const ADAM_DEFAULTS = { b1: 0.9, b2: 0.999, eps: 1e-8, epsRoot: 0, nesterov: false };

function adamLike(fn: string, args: readonly unknown[], nesterov: boolean): GradientTransformation {
  const o = parse<AdamOptions>(fn, ADAM_NAMES, args, { ...ADAM_DEFAULTS, nesterov }, ["learningRate"]);
  return chain(
    scaleByAdam({
      b1: o.b1,
      b2: o.b2,
      eps: o.eps,
      epsRoot: o.epsRoot,
      muDtype: o.muDtype,
      nesterov: o.nesterov,
    }),
    scaleByLearningRate(o.learningRate),
  );
}

/**
 * `optax.adam(learning_rate, b1=0.9, b2=0.999, eps=1e-8, eps_root=0.0, mu_dtype=None, *,
 * nesterov=False)`: `chain(scale_by_adam(...), scale_by_learning_rate(lr))`.
 */
export function adam(...args: Args<AdamPositional, AdamOptions>): GradientTransformation {
  return adamLike("adam", args, false);
}

/** `optax.nadam`: Adam with Nesterov momentum (Dozat 2016). */
export function nadam(...args: Args<AdamPositional, Omit<AdamOptions, "nesterov">>): GradientTransformation {
  return adamLike("nadam", args, true);
}

export interface AdamWOptions extends AdamOptions {
  weightDecay?: Scalar;
  mask?: MaskOrFn;
}

function adamwLike(fn: string, args: readonly unknown[], nesterov: boolean): GradientTransformation {
  const o = parse<AdamWOptions>(
    fn,
    ["learningRate", "b1", "b2", "eps", "epsRoot", "muDtype", "weightDecay", "mask", "nesterov"],
    args,
    { ...ADAM_DEFAULTS, weightDecay: 1e-4, nesterov },
    ["learningRate"],
  );
  return chain(
    scaleByAdam({
      b1: o.b1,
      b2: o.b2,
      eps: o.eps,
      epsRoot: o.epsRoot,
      muDtype: o.muDtype,
      nesterov: o.nesterov,
    }),
    addDecayedWeights({ weightDecay: o.weightDecay, mask: o.mask }),
    scaleByLearningRate(o.learningRate),
  );
}

type AdamWPositional = [...AdamPositional, weightDecay: Scalar, mask: MaskOrFn];

/**
 * `optax.adamw(learning_rate, b1=0.9, b2=0.999, eps=1e-8, eps_root=0.0, mu_dtype=None,
 * weight_decay=1e-4, mask=None, *, nesterov=False)`: Adam, then `+ weight_decay * p`, then the
 * learning rate (so the decay is scaled by the learning rate, as in PyTorch).
 */
export function adamw(...args: Args<AdamWPositional, AdamWOptions>): GradientTransformation {
  return adamwLike("adamw", args, false);
}

/** `optax.nadamw`: AdamW with Nesterov momentum. */
export function nadamw(
  ...args: Args<AdamWPositional, Omit<AdamWOptions, "nesterov">>
): GradientTransformation {
  return adamwLike("nadamw", args, true);
}

/** `optax.amsgrad(learning_rate, b1=0.9, b2=0.999, eps=1e-8, eps_root=0.0, mu_dtype=None)`. */
export function amsgrad(
  ...args: Args<AdamPositional, Omit<AdamOptions, "nesterov">>
): GradientTransformation {
  const o = parse<AdamOptions>("amsgrad", ADAM_NAMES.slice(0, 6), args, ADAM_DEFAULTS, ["learningRate"]);
  return chain(
    scaleByAmsgrad({ b1: o.b1, b2: o.b2, eps: o.eps, epsRoot: o.epsRoot, muDtype: o.muDtype }),
    scaleByLearningRate(o.learningRate),
  );
}

/** `optax.adamax(learning_rate, b1=0.9, b2=0.999, eps=1e-8)`. */
export function adamax(
  ...args: Args<[learningRate: ScalarOrSchedule, b1: Scalar, b2: Scalar, eps: Scalar], AdamOptions>
): GradientTransformation {
  const o = parse<AdamOptions>("adamax", ["learningRate", "b1", "b2", "eps"], args, ADAM_DEFAULTS, [
    "learningRate",
  ]);
  return chain(scaleByAdamax({ b1: o.b1, b2: o.b2, eps: o.eps }), scaleByLearningRate(o.learningRate));
}
