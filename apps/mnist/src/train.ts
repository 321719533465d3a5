import { type Array, jit, np, optim, random, valueAndGrad } from "jaxts";
import { type Digits, gather, PIXELS, type Split } from "./data.js";
import { initMlp, type Params, predict } from "./model.js";
import { Progress } from "./progress.js";

export interface TrainOptions {
  /** Hidden layer widths (default [128]): the MLP is 784 → ...hidden → 10. */
  hidden?: readonly number[];
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  /** Stop after this many steps in all (for quick runs); the default trains every epoch through. */
  maxSteps?: number;
  /** Draw a progress bar on stderr (default true). */
  progress?: boolean;
  /** Called after each epoch (main prints it; tests collect it). */
  onEpoch?: (result: EpochResult) => void;
}

export interface EpochResult {
  readonly epoch: number;
  /** The mean training loss over the epoch's steps. */
  readonly loss: number;
  readonly testAccuracy: number;
  readonly seconds: number;
}

export interface TrainResult {
  readonly params: Params;
  readonly optState: unknown;
  readonly history: readonly EpochResult[];
  readonly steps: number;
  readonly seconds: number;
}

/** The mean cross-entropy of the logits against integer labels (optax's loss, averaged). */
export function loss(params: Params, x: Array, y: Array): Array {
  return optim.softmaxCrossEntropyWithIntegerLabels(predict(params, x), y).mean();
}

/** The fraction of `split` classified correctly, evaluated in one jit'ed pass. */
const correct = jit((params: Params, x: Array, y: Array) =>
  np.sum(np.equal(np.argmax(predict(params, x), 1), y)),
);

export function accuracy(params: Params, split: Split): number {
  const x = np.array(split.images).reshape(split.size, PIXELS);
  const y = np.array(split.labels);
  return Number(correct(params, x, y).item()) / split.size;
}

/** Trains an MLP classifier with Adam on `data.train`, reporting test accuracy after each epoch. */
export function train(data: Digits, options: TrainOptions = {}): TrainResult {
  const { hidden = [128], epochs = 10, batchSize = 128, learningRate = 1e-3, seed = 0 } = options;
  const tx = optim.adam(learningRate);
  const [initKey, shuffleKey] = random.split(random.key(seed));
  let params = initMlp(initKey, [PIXELS, ...hidden, 10]);
  let optState = tx.init(params);

  // One jit'ed step: the loss and its gradient, Adam's update, the new parameters. It is traced
  // once (every batch has the same shape, so the last partial batch is dropped) and then replayed.
  const step = jit((p: Params, s: unknown, x: Array, y: Array) => {
    const [value, grads] = valueAndGrad(loss)(p, x, y);
    const [updates, newState] = tx.update(grads, s, p);
    return [optim.applyUpdates(p, updates), newState, value] as const;
  });

  const perEpoch = Math.floor(data.train.size / batchSize);
  const history: EpochResult[] = [];
  const started = performance.now();
  let steps = 0;
  let epochKey = shuffleKey;
  for (let epoch = 1; epoch <= epochs && steps !== options.maxSteps; epoch++) {
    const epochStart = performance.now();
    let permKey: Array;
    [epochKey, permKey] = random.split(epochKey);
    const order = random.permutation(permKey, data.train.size).dataSync();
    const bar = options.progress === false ? undefined : new Progress(`epoch ${epoch}/${epochs}`, perEpoch);
    let total = 0;
    let count = 0;
    for (let b = 0; b < perEpoch && steps !== options.maxSteps; b++) {
      const batch = gather(data.train, order, b * batchSize, batchSize);
      const x = np.array(batch.images).reshape(batch.size, PIXELS);
      const y = np.array(batch.labels);
      let value: Array;
      [params, optState, value] = step(params, optState, x, y);
      total += Number(value.item());
      count++;
      steps++;
      bar?.tick(1, `loss ${(total / count).toFixed(4)}`);
    }
    bar?.finish();
    const result: EpochResult = {
      epoch,
      loss: total / count,
      testAccuracy: accuracy(params, data.test),
      seconds: (performance.now() - epochStart) / 1000,
    };
    history.push(result);
    options.onEpoch?.(result);
  }
  return { params, optState, history, steps, seconds: (performance.now() - started) / 1000 };
}
