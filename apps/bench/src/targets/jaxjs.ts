// @jax-js/jax as a bench target. In Node it has a wasm device (multi-threaded where
// SharedArrayBuffer exists) and a cpu device that its README calls a debugging interpreter:
// that one is measured only when asked for (`--targets jax-js-cpu`), its MLP step takes ~40 s.
import { type Array, defaultDevice, type Device, init } from "@jax-js/jax";
import { toFloat32 } from "../data.js";
import type { Target } from "../types.js";
import { READ_BACK_BELOW } from "./settle.js";
import type { Discovery } from "./discovery.js";

function target(backend: Device): Target {
  return {
    id: `jax-js-${backend}`,
    family: "jax-js",
    backend,
    async activate() {
      defaultDevice(backend);
    },
    // jax-js counts references per array but keeps no registry of live ones.
    live: () => undefined,
  };
}

export async function discoverJaxjs(wanted: readonly string[]): Promise<Discovery> {
  const found: Discovery = { targets: [], unavailable: [] };
  for (const backend of ["wasm", "cpu"] as const) {
    if (!wanted.includes(`jax-js-${backend}`)) continue;
    try {
      // init() with no argument probes WebGPU through `navigator`, which Node 20 lacks: name the device.
      const ready = await init(backend);
      if (ready.includes(backend)) found.targets.push(target(backend));
      else found.unavailable.push({ id: `jax-js-${backend}`, reason: "init() did not start it" });
    } catch (e) {
      found.unavailable.push({ id: `jax-js-${backend}`, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return found;
}

/**
 * Waits for a jax-js output. jax-js is lazy (an op is dispatched when something needs its value),
 * so this is what makes the timed work happen. Small outputs may be held as an unevaluated
 * expression that `blockUntilReady` does not compute, so those are read back (a few bytes).
 * It does not consume `x`.
 */
export async function settleJaxjs(x: Array): Promise<void> {
  if (x.size <= READ_BACK_BELOW) await x.ref.data();
  else await x.blockUntilReady();
}

/** Reads a jax-js output back as float32, untimed. Consumes `x`, as jax-js's `data()` does. */
export async function readJaxjs(x: Array): Promise<Float32Array> {
  return toFloat32((await x.data()) as ArrayLike<number>);
}
