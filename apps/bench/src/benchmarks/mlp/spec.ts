// The MLP that the training-step figures run in every library: 784 → 256 → 10 with relu, mean
// softmax cross-entropy against one-hot labels, plain SGD. Parameters and data are generated once
// in JS, so each library starts from the same numbers and one step gives the same result.
import { oneHot, uniform } from "../../data.js";
import type { Input } from "../../instances.js";
import type { Scale } from "../../types.js";

export interface MlpShape {
  readonly inputs: number;
  readonly hidden: number;
  readonly classes: number;
  readonly batch: number;
}

export const SHAPES: Record<Scale, MlpShape> = {
  full: { inputs: 784, hidden: 256, classes: 10, batch: 128 },
  quick: { inputs: 784, hidden: 64, classes: 10, batch: 32 },
  tiny: { inputs: 12, hidden: 8, classes: 10, batch: 4 },
};

export const LEARNING_RATE = 0.01;

/** The parameter names, in the order the smoke test's snapshot concatenates them. */
export const PARAM_NAMES = ["w1", "b1", "w2", "b2"] as const;
export type ParamName = (typeof PARAM_NAMES)[number];

export interface MlpData {
  readonly params: Record<ParamName, Input>;
  readonly x: Input;
  readonly y: Input;
}

/** Glorot-uniform weights and small nonzero biases (zeros would hide a wrong bias gradient). */
export function mlpData({ inputs, hidden, classes, batch }: MlpShape): MlpData {
  const glorot = (fanIn: number, fanOut: number) => Math.sqrt(6 / (fanIn + fanOut));
  const g1 = glorot(inputs, hidden);
  const g2 = glorot(hidden, classes);
  return {
    params: {
      w1: { data: uniform(inputs * hidden, 11, -g1, g1), shape: [inputs, hidden] },
      b1: { data: uniform(hidden, 12, -0.1, 0.1), shape: [hidden] },
      w2: { data: uniform(hidden * classes, 13, -g2, g2), shape: [hidden, classes] },
      b2: { data: uniform(classes, 14, -0.1, 0.1), shape: [classes] },
    },
    x: { data: uniform(batch * inputs, 15, 0, 1), shape: [batch, inputs] },
    y: { data: oneHot(batch, classes), shape: [batch, classes] },
  };
}

/** FLOPs of one step: the two matmuls forward and twice that backward (bias/relu/softmax are noise). */
export function stepFlops({ inputs, hidden, classes, batch }: MlpShape): number {
  return 3 * 2 * batch * (inputs * hidden + hidden * classes);
}

/** A training loop on one library, driven by the harness. */
export interface Trainer {
  /** One SGD step; resolves when the new parameters and the loss are computed, with the loss. */
  step(): Promise<number>;
  /** The last loss followed by every parameter, flattened in PARAM_NAMES order (untimed). */
  snapshot(): Promise<Float32Array>;
  /** Drops the jit'd step for a fresh one whose first call traces and compiles again. */
  recompile?(): void;
  dispose(): void;
}

/** Concatenates a loss and parameter arrays into one flat Float32Array. */
export function concat(loss: number, parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(1 + parts.reduce((n, p) => n + p.length, 0));
  out[0] = loss;
  let offset = 1;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
