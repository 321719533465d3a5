// The MNIST digits for the browser. apps/mnist's loadDigits reads the `mnist` package's 21 MB of
// JSON with require(), which a page cannot do (and should not download); this plugin runs that same
// loader in Node and serves its split as one compact binary asset, /digits.bin, in dev and build.
//
// Layout (little-endian): u32 trainSize, u32 testSize, then train pixels, test pixels (u8, the
// package's [0, 1] values times 255, rounded), then train labels, test labels (u8).
// A relative path, not "@jaxts/mnist/...": Vite bundles the config's relative imports (so this
// TypeScript file is compiled) but leaves package imports to Node, which cannot load .ts.
import { type Digits, loadDigits, PIXELS } from "../../mnist/src/data.js";
import type { Plugin } from "vite";

export const DIGITS_FILE = "digits.bin";

export function encodeDigits(digits: Digits): Uint8Array {
  const { train, test } = digits;
  const n = train.size + test.size;
  const out = new Uint8Array(8 + n * PIXELS + n);
  new DataView(out.buffer).setUint32(0, train.size, true);
  new DataView(out.buffer).setUint32(4, test.size, true);
  let at = 8;
  for (const split of [train, test]) {
    for (let i = 0; i < split.images.length; i++) out[at + i] = Math.round(split.images[i] * 255);
    at += split.images.length;
  }
  out.set(train.labels, at);
  out.set(test.labels, at + train.size);
  return out;
}

export function digitsAsset(): Plugin {
  let bytes: Uint8Array | undefined;
  // Encoded once per process, on first use: about a second for the 10,000 digits.
  const encoded = (): Uint8Array => {
    bytes ??= encodeDigits(loadDigits());
    return bytes;
  };
  return {
    name: "jaxts-digits-asset",
    configureServer(server) {
      server.middlewares.use(`/${DIGITS_FILE}`, (_req, res) => {
        res.setHeader("content-type", "application/octet-stream");
        res.end(encoded());
      });
    },
    generateBundle() {
      this.emitFile({ type: "asset", fileName: DIGITS_FILE, source: encoded() });
    },
  };
}
