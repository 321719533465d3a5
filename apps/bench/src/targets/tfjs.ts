// TensorFlow.js as a bench target: tfjs-core with its wasm backend (XNNPACK; single-threaded in
// Node, where its multithreading check fails) and its plain-JS cpu backend.
import { createRequire } from "node:module";
import { dirname } from "node:path";
// tfjs-core's Node bundle registers no gradients (its training API fails with "gradient function
// not found"); the umbrella package is how tfjs users get them, so it is loaded for that alone.
import "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import * as tf from "@tensorflow/tfjs-core";
import { toFloat32 } from "../data.js";
import type { Target } from "../types.js";
import { READ_BACK_BELOW } from "./settle.js";
import type { Discovery } from "./discovery.js";

function target(backend: string): Target {
  return {
    id: `tfjs-${backend}`,
    family: "tfjs",
    backend,
    async activate() {
      await tf.setBackend(backend);
      await tf.ready();
    },
    live: () => tf.memory().numTensors,
  };
}

/**
 * The wasm backend fetches its .wasm binaries at start; in Node they are read from the package's
 * dist folder, which `setWasmPaths` must name (with a trailing slash).
 */
function pointAtWasmFiles(): void {
  const require = createRequire(import.meta.url);
  setWasmPaths(`${dirname(require.resolve("@tensorflow/tfjs-backend-wasm"))}/`);
}

export async function discoverTfjs(wanted: readonly string[]): Promise<Discovery> {
  // Production mode drops the debug checks and the "install tfjs-node" banner on stderr.
  tf.enableProdMode();
  pointAtWasmFiles();
  const found: Discovery = { targets: [], unavailable: [] };
  for (const backend of ["wasm", "cpu"]) {
    if (!wanted.includes(`tfjs-${backend}`)) continue;
    try {
      if (await tf.setBackend(backend)) found.targets.push(target(backend));
      else found.unavailable.push({ id: `tfjs-${backend}`, reason: "setBackend() returned false" });
    } catch (e) {
      found.unavailable.push({ id: `tfjs-${backend}`, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return found;
}

/**
 * Waits for a tfjs output. The cpu and wasm backends run each kernel to completion inside the
 * call, so nothing is pending; other backends (webgl, webgpu) are asynchronous and are read back.
 * Reading back on the synchronous ones would add a copy of the whole output to the timing.
 */
export async function settleTfjs(x: tf.Tensor): Promise<void> {
  const backend = tf.getBackend();
  if (x.size <= READ_BACK_BELOW || (backend !== "cpu" && backend !== "wasm")) await x.data();
}

/** Reads a tfjs output back as float32, untimed. */
export async function readTfjs(x: tf.Tensor): Promise<Float32Array> {
  return toFloat32((await x.data()) as ArrayLike<number>);
}
