import { type Backend, registerBackend } from "@jaxts/backend";
import { WebGpuBackend } from "./backend.js";
import { acquireGpu, type WebGpuOptions } from "./device/acquire.js";

export { WebGpuBackend, WebGpuExecutable } from "./backend.js";
export { type AcquiredGpu, acquireGpu, type WebGpuOptions } from "./device/acquire.js";
export { DeviceLostError, GpuOutOfMemoryError } from "./runtime/errors.js";

/**
 * Makes a webgpu backend on the device `options` describe (by default: `navigator.gpu`, else
 * Node's `webgpu` package, falling back to Dawn's OpenGL backend in compatibility mode), or null
 * when no WebGPU adapter is found.
 */
export async function createWebGpuBackend(options: WebGpuOptions = {}): Promise<WebGpuBackend | null> {
  const gpu = await acquireGpu(options);
  return gpu ? new WebGpuBackend(gpu) : null;
}

/**
 * Registers (or re-registers, before first use) the `"webgpu"` backend with priority 20, so that it
 * is the default device once `await initBackend("webgpu")` has found an adapter.
 */
export function registerWebGpuBackend(options: WebGpuOptions = {}): void {
  registerBackend("webgpu", (): Promise<Backend | null> => createWebGpuBackend(options), { priority: 20 });
}

registerWebGpuBackend();
