// jaxts as a bench target: one per backend it has here (cpu always; wasm when its package loads;
// webgpu when its package finds an adapter).
import { type Array, blockUntilReady, config, initBackend, memory } from "jaxts";
import { toFloat32 } from "../data.js";
import type { Target } from "../types.js";
import type { Discovery } from "./discovery.js";
import { READ_BACK_BELOW } from "./settle.js";
import { loadWebgpu, SOFTWARE_GPU_PLAN, softwareGpuNote } from "./webgpu.js";

function target(backend: string, extra: Pick<Target, "plan" | "note" | "deferred"> = {}): Target {
  return {
    id: `jaxts-${backend}`,
    family: "jaxts",
    backend,
    ...extra,
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

/** jaxts's targets among `wanted`; webgpu is only started when asked for (it opens a GPU device). */
export async function discoverJaxts(wanted: readonly string[]): Promise<Discovery> {
  const found: Discovery = { targets: [target("cpu")], unavailable: [] };
  const whyNotWasm = await loadWasm();
  if (whyNotWasm === null) found.targets.push(target("wasm"));
  else found.unavailable.push({ id: "jaxts-wasm", reason: whyNotWasm });
  if (wanted.includes("jaxts-webgpu")) {
    const gpu = await loadWebgpu();
    if ("reason" in gpu) found.unavailable.push({ id: "jaxts-webgpu", reason: gpu.reason });
    else if (gpu.software)
      found.targets.push(
        target("webgpu", { plan: SOFTWARE_GPU_PLAN, note: softwareGpuNote(gpu.adapter), deferred: true }),
      );
    else found.targets.push(target("webgpu", { note: `jaxts-webgpu ran on ${gpu.adapter}.` }));
  }
  return found;
}

/**
 * Waits for a jaxts output: a no-op on the synchronous backends; on WebGPU, a flush of the queued
 * commands and a wait until the GPU has run them. Small outputs are read back, as they are in every
 * library (see READ_BACK_BELOW); on WebGPU that read is itself a submit-and-map of the output.
 */
export async function settleJaxts(x: Array): Promise<void> {
  if (x.size <= READ_BACK_BELOW) await x.data();
  else await blockUntilReady(x);
}

/** Reads a jaxts output back as float32, untimed. */
export async function readJaxts(x: Array): Promise<Float32Array> {
  return toFloat32((await x.data()) as ArrayLike<number>);
}
