import { type Array, nn, np, random } from "jaxts";

/** One dense layer: `x @ w + b`. */
export interface Dense {
  readonly w: Array;
  readonly b: Array;
}

/** An MLP's parameters: a pytree (a list of `{ w, b }`), so grad, jit, optimizers and tree.save take it whole. */
export type Params = Dense[];

/**
 * He-normal initialisation, as JAX's MLP examples use for relu networks: `w ~ N(0, 2 / fanIn)`,
 * `b = 0`. One key per layer, split from `key`.
 */
export function initMlp(key: Array, sizes: readonly number[]): Params {
  const keys = [...random.split(key, sizes.length - 1)];
  return keys.map((k, i) => ({
    w: random.normal(k, [sizes[i], sizes[i + 1]]).mul(Math.sqrt(2 / sizes[i])),
    b: np.zeros([sizes[i + 1]]),
  }));
}

/** The logits for a batch `x` of shape `[batch, 784]`: relu between layers, none after the last. */
export function predict(params: Params, x: Array): Array {
  let h = x;
  params.forEach(({ w, b }, i) => {
    h = np.matmul(h, w).add(b);
    if (i < params.length - 1) h = nn.relu(h);
  });
  return h;
}
