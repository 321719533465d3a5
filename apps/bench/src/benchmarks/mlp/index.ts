// The training-step figures: one jit'd SGD step of the MLP (tfjs: its eager step), and the jit
// compile time, measured as a fresh step's first call minus its steady-state call.
import type { Benchmark, Case, Instance, Scale } from "../../types.js";
import { jaxjsTrainer } from "./jaxjs.js";
import { jaxtsTrainer } from "./jaxts.js";
import { type MlpData, mlpData, SHAPES, stepFlops, type Trainer } from "./spec.js";
import { tfjsTrainer } from "./tfjs.js";

/** Calls after the first used to find the steady-state time (the fastest of them). */
const STEADY_CALLS = 3;

function stepInstance(trainer: Trainer): Instance {
  return {
    async run() {
      await trainer.step();
      return undefined;
    },
    async output() {
      await trainer.step();
      return trainer.snapshot();
    },
    dispose: () => trainer.dispose(),
  };
}

/** Each run compiles afresh: the first call's time, less the fastest of the calls after it. */
function compileInstance(trainer: Trainer): Instance {
  const timed = async () => {
    const start = performance.now();
    await trainer.step();
    return performance.now() - start;
  };
  return {
    async run() {
      trainer.recompile!();
      const first = await timed();
      let steady = Number.POSITIVE_INFINITY;
      for (let i = 0; i < STEADY_CALLS; i++) steady = Math.min(steady, await timed());
      // Where compiling costs less than the steps vary (a software GPU's 70 ms steps move by
      // several ms), the difference can come out negative: that reads as "nothing measurable".
      return Math.max(0, first - steady);
    },
    async output() {
      trainer.recompile!();
      await trainer.step();
      return trainer.snapshot();
    },
    dispose: () => trainer.dispose(),
  };
}

function label(scale: Scale): string {
  const { inputs, hidden, classes, batch } = SHAPES[scale];
  return `${inputs}→${hidden}→${classes}, batch ${batch}`;
}

function stepCase(scale: Scale, data: MlpData): Case {
  return {
    benchmark: "mlp",
    label: `MLP train step (${label(scale)})`,
    unit: "ms",
    flops: stepFlops(SHAPES[scale]),
    setup: {
      jaxts: () => stepInstance(jaxtsTrainer(data)),
      "jax-js": () => stepInstance(jaxjsTrainer(data)),
      tfjs: () => stepInstance(tfjsTrainer(data)),
    },
  };
}

function compileCase(scale: Scale, data: MlpData): Case {
  return {
    benchmark: "mlp",
    label: `jit compile, MLP step (${label(scale)})`,
    unit: "ms",
    // The first call is the measurement, so nothing may warm it; each rep recompiles.
    warmup: 0,
    maxReps: 5,
    setup: {
      jaxts: () => compileInstance(jaxtsTrainer(data)),
      "jax-js": () => compileInstance(jaxjsTrainer(data)),
    },
  };
}

export const mlp: Benchmark = {
  name: "mlp",
  description:
    "One SGD training step of a relu MLP (valueAndGrad under jit; tfjs eager with variableGrads), and jit compile time.",
  cases(scale) {
    const data = mlpData(SHAPES[scale]);
    return [compileCase(scale, data), stepCase(scale, data)];
  },
};
