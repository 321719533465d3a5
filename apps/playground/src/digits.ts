// The MNIST digits in the page: the binary asset build/digits.ts writes from apps/mnist's split,
// decoded back into apps/mnist's Digits shape so its gather() and the model take it as they are.
import type { Digits, Split } from "@jaxts/mnist/src/data.js";
import { PIXELS } from "@jaxts/mnist/src/data.js";

function split(bytes: Uint8Array, pixelsAt: number, labelsAt: number, size: number): Split {
  const images = new Float32Array(size * PIXELS);
  const raw = bytes.subarray(pixelsAt, pixelsAt + size * PIXELS);
  for (let i = 0; i < raw.length; i++) images[i] = raw[i] / 255;
  return { images, labels: Int32Array.from(bytes.subarray(labelsAt, labelsAt + size)), size };
}

export function decodeDigits(bytes: Uint8Array): Digits {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nTrain = view.getUint32(0, true);
  const nTest = view.getUint32(4, true);
  const labelsAt = 8 + (nTrain + nTest) * PIXELS;
  return {
    train: split(bytes, 8, labelsAt, nTrain),
    test: split(bytes, 8 + nTrain * PIXELS, labelsAt + nTrain, nTest),
  };
}

let cached: Promise<Digits> | undefined;

/** Fetches and decodes the digits once (about 8 MB). */
export function fetchDigits(): Promise<Digits> {
  cached ??= (async () => {
    const response = await fetch(new URL("digits.bin", document.baseURI));
    if (!response.ok) throw new Error(`digits.bin: HTTP ${response.status}`);
    return decodeDigits(new Uint8Array(await response.arrayBuffer()));
  })();
  return cached;
}
