// Wrapping a pure function of some inputs as a timed Instance, once per library, so each figure
// only says what it computes. Each wrapper frees the output of every run (and, in tfjs and jaxts,
// the intermediates) so that thousands of runs do not grow memory.
import { type Array as JaxjsArray, numpy as jaxjsNp } from "@jax-js/jax";
import * as tf from "@tensorflow/tfjs-core";
import { type Array as JaxtsArray, np, scope } from "jaxts";
import { readJaxjs, settleJaxjs } from "./targets/jaxjs.js";
import { readJaxts, settleJaxts } from "./targets/jaxts.js";
import { readTfjs, settleTfjs } from "./targets/tfjs.js";
import type { Instance } from "./types.js";

/** An input: row-major float32 values and a shape. */
export interface Input {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

export function jaxtsArray({ data, shape }: Input): JaxtsArray {
  // scope frees the flat array that reshape leaves behind.
  return scope(() => np.array(data).reshape(...shape));
}

export function jaxjsArray({ data, shape }: Input): JaxjsArray {
  return jaxjsNp.array(data).reshape([...shape]);
}

export function tfjsTensor({ data, shape }: Input): tf.Tensor {
  return tf.tensor(data, [...shape], "float32");
}

export function jaxtsInstance(inputs: readonly Input[], f: (...xs: JaxtsArray[]) => JaxtsArray): Instance {
  const xs = inputs.map(jaxtsArray);
  const compute = () => scope(() => f(...xs));
  return {
    async run() {
      const y = compute();
      await settleJaxts(y);
      y.dispose();
      return undefined;
    },
    async output() {
      const y = compute();
      const out = await readJaxts(y);
      y.dispose();
      return out;
    },
    dispose: () => xs.forEach((x) => x.dispose()),
  };
}

/** `f` follows jax-js's ownership rules: it consumes its arguments, so each call gets new references. */
export function jaxjsInstance(inputs: readonly Input[], f: (...xs: JaxjsArray[]) => JaxjsArray): Instance {
  const xs = inputs.map(jaxjsArray);
  const compute = () => f(...xs.map((x) => x.ref));
  return {
    async run() {
      const y = compute();
      await settleJaxjs(y);
      y.dispose();
      return undefined;
    },
    output: () => readJaxjs(compute()),
    dispose: () => xs.forEach((x) => x.dispose()),
  };
}

export function tfjsInstance(inputs: readonly Input[], f: (...xs: tf.Tensor[]) => tf.Tensor): Instance {
  const xs = inputs.map(tfjsTensor);
  const compute = () => tf.tidy(() => f(...xs));
  return {
    async run() {
      const y = compute();
      await settleTfjs(y);
      y.dispose();
      return undefined;
    },
    async output() {
      const y = compute();
      const out = await readTfjs(y);
      y.dispose();
      return out;
    },
    dispose: () => xs.forEach((x) => x.dispose()),
  };
}
