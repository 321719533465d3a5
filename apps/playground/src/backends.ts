// Which backends this browser has. cpu always works; wasm where WebAssembly does; webgpu where
// navigator.gpu gives an adapter (Chrome with WebGPU, or chromium --enable-unsafe-webgpu, which
// without a GPU is SwiftShader). The umbrella registers wasm and cpu; webgpu is imported here,
// which registers it, and starts asynchronously, through initBackend.
import "@jaxts/backend-webgpu";
import type { WasmBackend } from "@jaxts/backend-wasm";
import type { WebGpuBackend } from "@jaxts/backend-webgpu";
import { config, initBackend } from "jaxts";

export const BACKENDS = ["webgpu", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface BackendStatus {
  readonly name: BackendName;
  readonly available: boolean;
  /** The adapter or engine, or why the backend is unavailable. */
  readonly detail: string;
}

function adapterDetail(backend: WebGpuBackend): string {
  const info = backend.gpu.adapter?.info;
  const parts = [info?.vendor, info?.architecture, info?.device, info?.description].filter((s) => s);
  return parts.length ? parts.join(" / ") : "adapter (no info)";
}

function wasmDetail(backend: WasmBackend): string {
  const threads = backend.threads === 1 ? "1 thread" : `${backend.threads} threads`;
  const why =
    backend.threads === 1 && !globalThis.crossOriginIsolated ? " (page not cross-origin isolated)" : "";
  return `${threads}${why}${backend.fma ? ", relaxed SIMD" : ""}`;
}

async function probe(name: BackendName): Promise<BackendStatus> {
  if (name === "webgpu" && !("gpu" in navigator)) {
    return { name, available: false, detail: "navigator.gpu is missing (no WebGPU in this browser)" };
  }
  try {
    const backend = await initBackend(name);
    if (!backend) {
      const detail = name === "webgpu" ? "navigator.gpu found no adapter" : "not available here";
      return { name, available: false, detail };
    }
    const detail =
      name === "webgpu"
        ? adapterDetail(backend as WebGpuBackend)
        : name === "wasm"
          ? wasmDetail(backend as WasmBackend)
          : "JavaScript";
    return { name, available: true, detail };
  } catch (e) {
    return { name, available: false, detail: e instanceof Error ? e.message : String(e) };
  }
}

/** Starts every backend this browser supports and reports each. */
export async function probeBackends(): Promise<BackendStatus[]> {
  return Promise.all(BACKENDS.map(probe));
}

/** Makes `name` the device new arrays go to (JAX's jax_default_device). */
export function selectBackend(name: BackendName): void {
  config.update("jax_default_device", name);
}
