// The training demo: apps/mnist's MLP (its model and loss, imported) trained with a jit'ed
// valueAndGrad + Adam step, in chunks of steps between which the page repaints. Unlike apps/mnist's
// train(), nothing here reads synchronously: on webgpu reads are asynchronous, so each chunk's
// losses are stacked and read with one `await data()`.
import { type Digits, gather, PIXELS, type Split } from "@jaxts/mnist/src/data.js";
import { initMlp, type Params, predict } from "@jaxts/mnist/src/model.js";
import { loss } from "@jaxts/mnist/src/train.js";
import { Array as JaxArray, jit, np, optim, random, tree, valueAndGrad } from "jaxts";

export interface TrainOptions {
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly hidden: readonly number[];
  readonly seed: number;
  /** Steps between repaints (and loss reads). */
  readonly chunk: number;
}

export const DEFAULT_TRAIN: TrainOptions = {
  steps: 300,
  batchSize: 128,
  learningRate: 1e-3,
  hidden: [128],
  seed: 0,
  chunk: 10,
};

export interface TrainProgress {
  /** The loss of every step so far. */
  readonly losses: readonly number[];
  readonly step: number;
  readonly steps: number;
  readonly seconds: number;
}

export interface TrainResult extends TrainProgress {
  readonly testAccuracy: number;
  readonly device: string;
}

/** Frees the arrays of `old` that `kept` does not hold (a jit'ed step may pass an input through). */
function disposeReplaced(old: unknown, kept: unknown): void {
  const keep = new Set(tree.leaves(kept));
  for (const leaf of tree.leaves(old)) if (leaf instanceof JaxArray && !keep.has(leaf)) leaf.dispose();
}

const toArrays = (split: Split): [JaxArray, JaxArray] => [
  np.array(split.images).reshape(split.size, PIXELS),
  np.array(split.labels),
];

/** Yields to the browser so the plot and the progress text repaint. */
const nextFrame = (): Promise<void> => new Promise((ok) => setTimeout(ok, 0));

/**
 * Trains on `data.train` for `options.steps` steps on the default device, calling `onProgress`
 * after each chunk, and returns the losses and the test accuracy.
 */
export async function trainMlp(
  data: Digits,
  options: TrainOptions,
  onProgress: (p: TrainProgress) => void,
): Promise<TrainResult> {
  const { steps, batchSize, learningRate, hidden, seed, chunk } = options;
  const started = performance.now();
  const tx = optim.adam(learningRate);
  const [initKey, shuffleKey] = random.split(random.key(seed));
  let params: Params = initMlp(initKey, [PIXELS, ...hidden, 10]);
  let optState: unknown = tx.init(params);
  const device = String(params[0].w.device);

  // Made per run: jit's cache is keyed by shapes, not devices, and a trace's constants live on the
  // device it ran on, so a step traced on webgpu cannot be replayed on wasm after a switch.
  const step = jit((p: Params, s: unknown, x: JaxArray, y: JaxArray) => {
    const [value, grads] = valueAndGrad(loss)(p, x, y);
    const [updates, newState] = tx.update(grads, s, p);
    return [optim.applyUpdates(p, updates), newState, value] as const;
  });
  const correct = jit((p: Params, x: JaxArray, y: JaxArray) =>
    np.sum(np.equal(np.argmax(predict(p, x), 1), y)),
  );

  const perEpoch = Math.floor(data.train.size / batchSize);
  const losses: number[] = [];
  let order: ArrayLike<number> = [];
  let epochKey = shuffleKey;
  while (losses.length < steps) {
    const values: JaxArray[] = [];
    for (let i = 0; i < chunk && losses.length + values.length < steps; i++) {
      const s = losses.length + values.length;
      if (s % perEpoch === 0) {
        // A new epoch: a new order of the training set, read once to the host for gather().
        let permKey: JaxArray;
        [epochKey, permKey] = random.split(epochKey);
        order = await random.permutation(permKey, data.train.size).data();
      }
      const [x, y] = toArrays(gather(data.train, order, (s % perEpoch) * batchSize, batchSize));
      const [newParams, newState, value] = step(params, optState, x, y);
      disposeReplaced([params, optState, x, y], [newParams, newState]);
      params = newParams;
      optState = newState;
      values.push(value);
    }
    const stacked = np.stack(values);
    losses.push(...Array.from(await stacked.data(), Number));
    for (const v of [stacked, ...values]) v.dispose();
    onProgress({ losses, step: losses.length, steps, seconds: (performance.now() - started) / 1000 });
    await nextFrame();
  }

  const [xTest, yTest] = toArrays(data.test);
  const count = correct(params, xTest, yTest);
  const testAccuracy = Number((await count.data())[0]) / data.test.size;
  disposeReplaced([params, optState, xTest, yTest, count], []);
  return {
    losses,
    step: losses.length,
    steps,
    seconds: (performance.now() - started) / 1000,
    testAccuracy,
    device,
  };
}
