// Which targets run here: every library on every backend it can start in this process.
import type { Target } from "../types.js";
import type { Discovery } from "./discovery.js";
import { discoverJaxjs } from "./jaxjs.js";
import { discoverJaxts } from "./jaxts.js";
import { discoverTfjs } from "./tfjs.js";

/**
 * The targets measured when `--targets` is not given (jax-js's cpu interpreter is left out).
 * jaxts-webgpu runs where an adapter is found and is otherwise noted as not run; on a software
 * adapter (llvmpipe) its reps are capped, see targets/webgpu.ts.
 */
export const DEFAULT_TARGETS = [
  "jaxts-cpu",
  "jaxts-wasm",
  "jaxts-webgpu",
  "jax-js-wasm",
  "tfjs-wasm",
  "tfjs-cpu",
];
export const ALL_TARGETS = [...DEFAULT_TARGETS, "jax-js-cpu"];

export async function discoverTargets(wanted: readonly string[] = DEFAULT_TARGETS): Promise<Discovery> {
  const parts = [await discoverJaxts(wanted), await discoverJaxjs(wanted), await discoverTfjs(wanted)];
  const keep = (t: Target) => wanted.includes(t.id);
  return {
    targets: parts.flatMap((p) => p.targets).filter(keep),
    unavailable: parts.flatMap((p) => p.unavailable).filter((u) => wanted.includes(u.id)),
  };
}
