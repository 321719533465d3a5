// float32 matrix products: square `x·y` at several sizes, and `xᵀ·y`, which a library can run
// without materialising the transpose (jaxts folds it into the product's strides).
import { numpy as jaxjsNp } from "@jax-js/jax";
import * as tf from "@tensorflow/tfjs-core";
import { np } from "jaxts";
import { uniform } from "../data.js";
import { type Input, jaxjsInstance, jaxtsInstance, tfjsInstance } from "../instances.js";
import type { Benchmark, Case, Scale } from "../types.js";

const SIZES: Record<Scale, { square: number[]; transposed: number }> = {
  full: { square: [256, 512, 1024], transposed: 1024 },
  quick: { square: [64, 128], transposed: 128 },
  tiny: { square: [8, 17], transposed: 9 },
};

function inputs(n: number): Input[] {
  return [
    { data: uniform(n * n, 1), shape: [n, n] },
    { data: uniform(n * n, 2), shape: [n, n] },
  ];
}

function square(n: number): Case {
  const xs = inputs(n);
  return {
    benchmark: "matmul",
    label: `matmul ${n}×${n}`,
    unit: "ms",
    flops: 2 * n ** 3,
    setup: {
      jaxts: () => jaxtsInstance(xs, (x, y) => np.matmul(x, y)),
      "jax-js": () => jaxjsInstance(xs, (x, y) => jaxjsNp.matmul(x, y)),
      tfjs: () => tfjsInstance(xs, (x, y) => tf.matMul(x, y)),
    },
  };
}

function transposed(n: number): Case {
  const xs = inputs(n);
  return {
    benchmark: "matmul",
    label: `xᵀ·y ${n}×${n}`,
    unit: "ms",
    flops: 2 * n ** 3,
    setup: {
      jaxts: () => jaxtsInstance(xs, (x, y) => np.matmul(x.T, y)),
      "jax-js": () => jaxjsInstance(xs, (x, y) => jaxjsNp.matmul(x.transpose(), y)),
      // tfjs's own flag, so its kernel reads x transposed rather than copying it.
      tfjs: () => tfjsInstance(xs, (x, y) => tf.matMul(x, y, true, false)),
    },
  };
}

export const matmul: Benchmark = {
  name: "matmul",
  description: "float32 matrix product of two n×n matrices (2n³ flops), and xᵀ·y with x transposed in place.",
  cases: (scale) => [...SIZES[scale].square.map(square), transposed(SIZES[scale].transposed)],
};
