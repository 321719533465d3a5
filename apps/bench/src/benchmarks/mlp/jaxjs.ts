// The MLP step in @jax-js/jax: valueAndGrad + SGD under one jit. jax-js functions consume their
// arguments, so parameters that are read twice (for the gradient and for the update) take `.ref`.
import { type Array, blockUntilReady, jit, nn, numpy as np, tree, valueAndGrad } from "@jax-js/jax";
import { jaxjsArray } from "../../instances.js";
import { readJaxjs } from "../../targets/jaxjs.js";
import { concat, LEARNING_RATE, type MlpData, PARAM_NAMES, type Trainer } from "./spec.js";

// A type alias, not an interface: jax-js's JsTree typing only accepts aliases.
type Params = { w1: Array; b1: Array; w2: Array; b2: Array };

function loss(p: Params, x: Array, y: Array): Array {
  const h = nn.relu(np.matmul(x, p.w1).add(p.b1));
  const logits = np.matmul(h, p.w2).add(p.b2);
  return nn.logSoftmax(logits).mul(y).sum(-1).mean().neg();
}

function makeStep() {
  return jit((p: Params, x: Array, y: Array): [Params, Array] => {
    const [value, g] = valueAndGrad(loss)(tree.ref(p), x, y);
    const next: Params = {
      w1: p.w1.sub(g.w1.mul(LEARNING_RATE)),
      b1: p.b1.sub(g.b1.mul(LEARNING_RATE)),
      w2: p.w2.sub(g.w2.mul(LEARNING_RATE)),
      b2: p.b2.sub(g.b2.mul(LEARNING_RATE)),
    };
    return [next, value];
  });
}

export function jaxjsTrainer(data: MlpData): Trainer {
  let params: Params = {
    w1: jaxjsArray(data.params.w1),
    b1: jaxjsArray(data.params.b1),
    w2: jaxjsArray(data.params.w2),
    b2: jaxjsArray(data.params.b2),
  };
  const x = jaxjsArray(data.x);
  const y = jaxjsArray(data.y);
  let step = makeStep();
  let last = Number.NaN;
  return {
    async step() {
      // The call consumes the old parameters (freeing them) and new references to x and y.
      const [next, value] = step(params, x.ref, y.ref);
      await blockUntilReady([next, value]);
      params = next;
      last = (await readJaxjs(value))[0];
      return last;
    },
    async snapshot() {
      const parts = await Promise.all(PARAM_NAMES.map((k) => readJaxjs(params[k].ref)));
      return concat(last, parts);
    },
    recompile() {
      step.dispose();
      step = makeStep();
    },
    dispose() {
      step.dispose();
      tree.dispose(params);
      x.dispose();
      y.dispose();
    },
  };
}
