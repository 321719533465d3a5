// optax.sgd (optax/_src/alias.py).
import { type Args, parse } from "../args.js";
import { type GradientTransformation, identity, type Scalar, type ScalarOrSchedule } from "../base.js";
import { chain } from "../combine.js";
import { trace } from "../transform/accumulation.js";
import { scaleByLearningRate } from "../transform/scale.js";

export interface SgdOptions {
  learningRate?: ScalarOrSchedule;
  momentum?: Scalar | null;
  nesterov?: boolean;
  accumulatorDtype?: string;
}

/**
 * `optax.sgd(learning_rate, momentum=None, nesterov=False, accumulator_dtype=None)`:
 * `chain(trace(momentum, nesterov) or identity, scale_by_learning_rate(lr))`.
 */
export function sgd(
  ...args: Args<
    [learningRate: ScalarOrSchedule, momentum: Scalar | null, nesterov: boolean, accumulatorDtype: string],
    SgdOptions
  >
): GradientTransformation {
  const o = parse<SgdOptions>(
    "sgd",
    ["learningRate", "momentum", "nesterov", "accumulatorDtype"],
    args,
    { nesterov: false },
    ["learningRate"],
  );
  const momentum =
    o.momentum === undefined || o.momentum === null
      ? identity()
      : trace(o.momentum, { nesterov: o.nesterov, accumulatorDtype: o.accumulatorDtype });
  return chain(momentum, scaleByLearningRate(o.learningRate));
}
