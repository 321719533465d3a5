import {
  type Backend,
  type DType,
  type Expr,
  getBackend,
  initBackend,
  itemsize,
  type Kernel,
  storageView,
} from "@jaxts/backend";
import "@jaxts/backend-cpu";
import { type WebGpuBackend, WebGpuExecutable } from "../src/index.js";

/**
 * The webgpu backend, or null when this machine has no WebGPU adapter (tests then skip, saying
 * so). On the CI machine Dawn's OpenGL backend finds Mesa's llvmpipe, so it is never null there.
 */
export const gpu = (await initBackend("webgpu")) as WebGpuBackend | null;
// CI must exercise the backend (llvmpipe is there): a missing adapter fails the run instead of skipping.
if (!gpu && process.env.CI) {
  throw new Error(
    "webgpu: no WebGPU adapter found in CI (expected Dawn's OpenGL backend on Mesa's llvmpipe)",
  );
}
if (!gpu)
  console.warn(
    "webgpu tests skipped: no WebGPU adapter found (neither navigator.gpu nor Node's webgpu package)",
  );
export const cpu: Backend = getBackend("cpu");

export interface HostArray {
  readonly dtype: DType;
  readonly values: ArrayLike<number>;
}

export const arr = (dtype: DType, values: ArrayLike<number>): HostArray => ({ dtype, values });

export function encode(a: HostArray): Uint8Array {
  const s = storageView(a.dtype, new ArrayBuffer(a.values.length * itemsize(a.dtype)));
  for (let i = 0; i < a.values.length; i++) s[i] = a.values[i];
  return new Uint8Array(s.buffer);
}

export function decode(dtype: DType, bytes: Uint8Array): number[] {
  const copy = bytes.slice();
  return Array.from(storageView(dtype, copy.buffer, 0, Math.floor(copy.byteLength / itemsize(dtype))));
}

function outSpecs(kernel: Kernel): { dtype: DType; size: number }[] {
  const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
  return kernel.kind === "loop"
    ? [{ dtype: kernel.dtype, size: size(kernel.shape) }]
    : kernel.outputs.map((o) => ({ dtype: o.dtype, size: size(o.shape) }));
}

/** Runs a kernel on one backend, returning each output's values. */
export async function runOn(
  backend: Backend,
  kernel: Kernel,
  inputs: readonly HostArray[],
): Promise<number[][]> {
  const ins = inputs.map((a) => {
    const bytes = encode(a);
    const b = backend.alloc(bytes.byteLength);
    backend.write(b, bytes);
    return b;
  });
  const specs = outSpecs(kernel);
  const outs = specs.map((o) => backend.alloc(o.size * itemsize(o.dtype)));
  backend.run(backend.compile(kernel), ins, outs);
  const result = await Promise.all(
    outs.map((b, k) => backend.read(b).then((bytes) => decode(specs[k].dtype, bytes))),
  );
  for (const b of [...ins, ...outs]) backend.free(b);
  return result;
}

/** Whether the webgpu backend runs the kernel as WGSL (not on the cpu fallback). */
export function onGpu(kernel: Kernel): boolean {
  const exe = gpu!.compile(kernel);
  return exe instanceof WebGpuExecutable && exe.onGpu;
}

/** The WGSL (or fallback reason) of a kernel, for failure messages. */
export function sourceOf(kernel: Kernel): string {
  const exe = gpu!.compile(kernel);
  return exe instanceof WebGpuExecutable ? exe.source : "";
}

/** Same bits, with float32 subnormals flushed to signed zero (XLA's CPU flushes them; WGSL may not). */
export function sameValue(a: number, b: number): boolean {
  const flush = (x: number) => (x !== 0 && Math.abs(x) < 1.1754943508222875e-38 ? (x < 0 ? -0 : 0) : x);
  return Object.is(flush(a), flush(b));
}

/** Whether a and b agree within `rtol` relative (or `atol` absolute), NaN equal to NaN. */
export function close(a: number, b: number, rtol: number, atol = 0): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

export const load = (input: number, dtype: DType): Expr => ({ op: "load", input, dtype });
