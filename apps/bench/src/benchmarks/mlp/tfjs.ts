// The MLP step in TensorFlow.js, which has no jit: its usual eager step, tf.variableGrads over
// the variables and an in-place SGD assign, inside tidy() so the step's temporaries are freed.
import * as tf from "@tensorflow/tfjs-core";
import { tfjsTensor } from "../../instances.js";
import { readTfjs } from "../../targets/tfjs.js";
import { concat, LEARNING_RATE, type MlpData, PARAM_NAMES, type ParamName, type Trainer } from "./spec.js";

type Params = Record<ParamName, tf.Variable>;

function loss(p: Params, x: tf.Tensor, y: tf.Tensor): tf.Scalar {
  const h = tf.relu(tf.add(tf.matMul(x, p.w1), p.b1));
  const logits = tf.add(tf.matMul(h, p.w2), p.b2);
  // A mean over every axis is rank 0; tfjs's types do not track ranks through reductions.
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), y), -1))) as tf.Scalar;
}

export function tfjsTrainer(data: MlpData): Trainer {
  const params = {} as Params;
  for (const k of PARAM_NAMES) {
    const initial = tfjsTensor(data.params[k]);
    params[k] = tf.variable(initial);
    initial.dispose();
  }
  const x = tfjsTensor(data.x);
  const y = tfjsTensor(data.y);
  const list = PARAM_NAMES.map((k) => params[k]);
  let last = Number.NaN;
  return {
    async step() {
      const value = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => loss(params, x, y), list);
        for (const v of list) v.assign(tf.sub(v, tf.mul(grads[v.name], LEARNING_RATE)));
        return value;
      });
      // Reading the loss is what a training loop does, and it waits for the step.
      last = value.dataSync()[0];
      value.dispose();
      return last;
    },
    async snapshot() {
      const parts = await Promise.all(PARAM_NAMES.map((k) => readTfjs(params[k])));
      return concat(last, parts);
    },
    dispose() {
      for (const v of list) v.dispose();
      x.dispose();
      y.dispose();
    },
  };
}
