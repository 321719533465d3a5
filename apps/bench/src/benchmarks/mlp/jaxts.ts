// The MLP step in jaxts: valueAndGrad + SGD under one jit, traced once and replayed.
import { type Array, blockUntilReady, jit, nn, np, valueAndGrad } from "jaxts";
import { jaxtsArray } from "../../instances.js";
import { readJaxts } from "../../targets/jaxts.js";
import { concat, LEARNING_RATE, type MlpData, PARAM_NAMES, type ParamName, type Trainer } from "./spec.js";

type Params = Record<ParamName, Array>;

function loss(p: Params, x: Array, y: Array): Array {
  const h = nn.relu(np.matmul(x, p.w1).add(p.b1));
  const logits = np.matmul(h, p.w2).add(p.b2);
  return nn.logSoftmax(logits).mul(y).sum(-1).mean().neg();
}

function makeStep() {
  return jit((p: Params, x: Array, y: Array) => {
    const [value, grads] = valueAndGrad(loss)(p, x, y);
    const next = {} as Params;
    for (const k of PARAM_NAMES) next[k] = p[k].sub(grads[k].mul(LEARNING_RATE));
    return [next, value] as const;
  });
}

export function jaxtsTrainer(data: MlpData): Trainer {
  let params = {} as Params;
  for (const k of PARAM_NAMES) params[k] = jaxtsArray(data.params[k]);
  const x = jaxtsArray(data.x);
  const y = jaxtsArray(data.y);
  let step = makeStep();
  let last = Number.NaN;
  return {
    async step() {
      const [next, value] = step(params, x, y);
      await blockUntilReady([next, value]);
      for (const k of PARAM_NAMES) params[k].dispose();
      params = next;
      // An asynchronous read: WebGPU has no synchronous one (item() throws there).
      last = (await readJaxts(value))[0];
      value.dispose();
      return last;
    },
    async snapshot() {
      const parts = await Promise.all(PARAM_NAMES.map((k) => readJaxts(params[k])));
      return concat(last, parts);
    },
    recompile() {
      step = makeStep();
    },
    dispose() {
      for (const k of PARAM_NAMES) params[k].dispose();
      x.dispose();
      y.dispose();
    },
  };
}
