// Memory-bound figures: an elementwise chain `exp(x) + y` and a full reduction `sum(x)`.
import { numpy as jaxjsNp } from "@jax-js/jax";
import * as tf from "@tensorflow/tfjs-core";
import { np } from "jaxts";
import { uniform } from "../data.js";
import { type Input, jaxjsInstance, jaxtsInstance, tfjsInstance } from "../instances.js";
import type { Benchmark, Case, Scale } from "../types.js";

const SIZES: Record<Scale, { expAdd: number[]; sum: number }> = {
  full: { expAdd: [1_000_000, 10_000_000], sum: 10_000_000 },
  quick: { expAdd: [100_000], sum: 100_000 },
  tiny: { expAdd: [1000], sum: 1000 },
};

/** "1M", "10M", "100k": the row label's element count. */
export function count(n: number): string {
  if (n >= 1e6 && n % 1e6 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 1e3 === 0) return `${n / 1e3}k`;
  return String(n);
}

function expAdd(n: number): Case {
  const xs: Input[] = [
    { data: uniform(n, 3), shape: [n] },
    { data: uniform(n, 4), shape: [n] },
  ];
  return {
    benchmark: "elementwise",
    label: `exp(x)+y ${count(n)}`,
    unit: "ms",
    setup: {
      jaxts: () => jaxtsInstance(xs, (x, y) => np.exp(x).add(y)),
      "jax-js": () => jaxjsInstance(xs, (x, y) => jaxjsNp.exp(x).add(y)),
      tfjs: () => tfjsInstance(xs, (x, y) => tf.add(tf.exp(x), y)),
    },
  };
}

function sum(n: number): Case {
  // Values in [0, 1): a sum of 10M of them stays well inside float32's range and comparable.
  const xs: Input[] = [{ data: uniform(n, 5, 0, 1), shape: [n] }];
  return {
    benchmark: "elementwise",
    label: `sum ${count(n)}`,
    unit: "ms",
    setup: {
      jaxts: () => jaxtsInstance(xs, (x) => np.sum(x)),
      "jax-js": () => jaxjsInstance(xs, (x) => jaxjsNp.sum(x)),
      tfjs: () => tfjsInstance(xs, (x) => tf.sum(x)),
    },
  };
}

export const elementwise: Benchmark = {
  name: "elementwise",
  description: "exp(x)+y over n float32 elements (eager: two ops, or one fused loop), and sum of n elements.",
  cases: (scale) => [...SIZES[scale].expAdd.map(expAdd), sum(SIZES[scale].sum)],
};
