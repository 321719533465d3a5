// jaxts as a bench target: one per backend it has here (cpu always; wasm when its package loads).
import { type Array, blockUntilReady, config, initBackend, memory } from "jaxts";
import { toFloat32 } from "../data.js";
import type { Target } from "../types.js";
import { READ_BACK_BELOW } from "./settle.js";
import type { Discovery } from "./discovery.js";

function target(backend: string): Target {
  return {
    id: `jaxts-${backend}`,
    family: "jaxts",
    backend,
    async activate() {
      // Arrays follow their inputs' backend, so pinning the default device for the arrays a
      // benchmark creates is enough to run the whole figure there.
      config.update("jax_default_device", backend);
    },
    live: () => memory().arrays,
  };
}

/**
 * The wasm backend lives in its own package, which registers "wasm" when imported. It is loaded
 * dynamically so the bench still runs (on cpu) where that package is missing or cannot start.
 */
async function loadWasm(): Promise<string | null> {
  try {
    await import("@jaxts/backend-wasm");
    const backend = await initBackend("wasm");
    return backend ? null : "the wasm backend is not available in this environment";
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export async function discoverJaxts(): Promise<Discovery> {
  const found: Discovery = { targets: [target("cpu")], unavailable: [] };
  const whyNotWasm = await loadWasm();
  if (whyNotWasm === null) found.targets.push(target("wasm"));
  else found.unavailable.push({ id: "jaxts-wasm", reason: whyNotWasm });
  return found;
}

/**
 * Waits for a jaxts output: a no-op on the synchronous backends, a queue flush on WebGPU. Small
 * outputs are read back, as they are in every library (see READ_BACK_BELOW).
 */
export async function settleJaxts(x: Array): Promise<void> {
  if (x.size <= READ_BACK_BELOW) await x.data();
  else await blockUntilReady(x);
}

/** Reads a jaxts output back as float32, untimed. */
export async function readJaxts(x: Array): Promise<Float32Array> {
  return toFloat32((await x.data()) as ArrayLike<number>);
}
