// The fixed cost of one small eager op: chains `z = z + b` of adds on 4-element arrays, each
// chain's last result read back, reported per op. With so little data, this is dispatch: argument
// checks, dtype promotion, kernel lookup, allocation and freeing. Chains are kept short (and
// repeated) because a lazy library builds one growing expression along a chain, and a chain of
// thousands of ops measures that expression's growth rather than the cost of an op.
import type { Array as JaxjsArray } from "@jax-js/jax";
import * as tf from "@tensorflow/tfjs-core";
import type { Array as JaxtsArray } from "jaxts";
import { uniform } from "../data.js";
import { type Input, jaxjsArray, jaxtsArray, tfjsTensor } from "../instances.js";
import { readJaxjs, settleJaxjs } from "../targets/jaxjs.js";
import { readJaxts, settleJaxts } from "../targets/jaxts.js";
import { readTfjs, settleTfjs } from "../targets/tfjs.js";
import type { Benchmark, Case, Instance, Scale } from "../types.js";

/** Ops per chain, and chains per run. */
const SHAPE: Record<Scale, { ops: number; chains: number }> = {
  full: { ops: 50, chains: 40 },
  quick: { ops: 50, chains: 4 },
  tiny: { ops: 10, chains: 1 },
};

/** Runs `chains` chains, forcing the end of each, and returns µs per op. */
async function perOp<T>(
  { ops, chains }: { ops: number; chains: number },
  chain: () => T,
  settle: (x: T) => Promise<void>,
  free: (x: T) => void,
) {
  const start = performance.now();
  for (let i = 0; i < chains; i++) {
    const z = chain();
    await settle(z);
    free(z);
  }
  return ((performance.now() - start) * 1000) / (ops * chains);
}

function jaxts(shape: { ops: number; chains: number }, inputs: readonly Input[]): Instance {
  const { ops } = shape;
  const [a, b] = inputs.map(jaxtsArray);
  const chain = (): JaxtsArray => {
    let z = a;
    for (let i = 0; i < ops; i++) {
      const next = z.add(b);
      if (z !== a) z.dispose();
      z = next;
    }
    return z;
  };
  return {
    run: () => perOp(shape, chain, settleJaxts, (z) => z.dispose()),
    async output() {
      const z = chain();
      const out = await readJaxts(z);
      z.dispose();
      return out;
    },
    dispose: () => [a, b].forEach((x) => x.dispose()),
  };
}

function jaxjs(shape: { ops: number; chains: number }, inputs: readonly Input[]): Instance {
  const { ops } = shape;
  const [a, b] = inputs.map(jaxjsArray);
  // Each add consumes the previous z, which frees it: jax-js's ownership rules at work.
  const chain = (): JaxjsArray => {
    let z = a.ref;
    for (let i = 0; i < ops; i++) z = z.add(b.ref);
    return z;
  };
  return {
    run: () => perOp(shape, chain, settleJaxjs, (z) => z.dispose()),
    output: () => readJaxjs(chain()),
    dispose: () => [a, b].forEach((x) => x.dispose()),
  };
}

function tfjs(shape: { ops: number; chains: number }, inputs: readonly Input[]): Instance {
  const { ops } = shape;
  const [a, b] = inputs.map(tfjsTensor);
  // Manual disposal rather than tidy(), which would add its own bookkeeping to every op.
  const chain = (): tf.Tensor => {
    let z = a;
    for (let i = 0; i < ops; i++) {
      const next = tf.add(z, b);
      if (z !== a) z.dispose();
      z = next;
    }
    return z;
  };
  return {
    run: () => perOp(shape, chain, settleTfjs, (z) => z.dispose()),
    async output() {
      const z = chain();
      const out = await readTfjs(z);
      z.dispose();
      return out;
    },
    dispose: () => [a, b].forEach((x) => x.dispose()),
  };
}

function overheadCase(shape: { ops: number; chains: number }): Case {
  const inputs: Input[] = [
    { data: uniform(4, 6), shape: [4] },
    { data: uniform(4, 7), shape: [4] },
  ];
  return {
    benchmark: "overhead",
    label: "eager add, 4 elements (per op)",
    unit: "µs",
    setup: {
      jaxts: () => jaxts(shape, inputs),
      "jax-js": () => jaxjs(shape, inputs),
      tfjs: () => tfjs(shape, inputs),
    },
  };
}

export const overhead: Benchmark = {
  name: "overhead",
  description: "µs per eager op: chains of 50 adds of 4-element arrays, each chain's result read back.",
  cases: (scale) => [overheadCase(SHAPE[scale])],
};
