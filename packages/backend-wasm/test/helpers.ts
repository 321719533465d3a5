import { type Backend, contiguousView, type DType, type Kernel, sizeOf, storageView } from "@jaxts/backend";
import { createCpuBackend } from "@jaxts/backend-cpu";
import { createWasmBackend, type WasmExecutable } from "../src/index.js";

export const cpu = createCpuBackend();
export const wasm = createWasmBackend()!;

export const FLOATS = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1.5,
  2.5,
  -2.5,
  3.7,
  -3.7,
  1e-40,
  -1e-40,
  1e30,
  -1e30,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  100,
  -100,
  88.7,
  0.1,
  1e-3,
  7,
  0.9999,
  -0.9999,
];
export const INTS = [
  0, 1, -1, 2, 7, -7, 127, -128, 255, 32767, -32768, 65535, 2147483647, -2147483648, 31, 32, 33, 8, 16, 3, -3,
  100, -100, 5,
];

/** Test values for `dtype`, `n` of them (cycling), as the storage's typed array would wrap them. */
export function values(dtype: DType, n: number, shift = 0): number[] {
  const pool = dtype === "bool" ? [0, 1, 1, 0, 1] : dtype.startsWith("float") ? FLOATS : INTS;
  return Array.from({ length: n }, (_, i) => pool[(i + shift) % pool.length]);
}

function upload(backend: Backend, dtype: DType, data: readonly number[]) {
  // Complex data is given as interleaved (re, im) numbers.
  const elements = dtype.startsWith("complex") ? data.length / 2 : data.length;
  const storage = storageView(dtype, new ArrayBuffer(Math.max(8, data.length * 8)), 0, elements);
  data.forEach((v, i) => {
    storage[i] = dtype === "bool" ? (v ? 1 : 0) : v;
  });
  const buf = backend.alloc(storage.byteLength);
  backend.write(buf, storage);
  return buf;
}

/** Runs a kernel on one backend and returns each output's bytes (or the error it threw). */
export function runOn(
  backend: Backend,
  kernel: Kernel,
  inputs: readonly (readonly number[])[],
): { outputs: Uint8Array[]; path?: string; simd?: boolean } | { error: string } {
  const ins = kernel.inputs.map((input, k) => upload(backend, input.dtype, inputs[k]));
  const outSpecs = kernel.kind === "loop" ? [{ dtype: kernel.dtype, shape: kernel.shape }] : kernel.outputs;
  const outs = outSpecs.map((o) => backend.alloc(sizeOf(o.shape) * bytesOf(o.dtype)));
  try {
    const exe = backend.compile(kernel);
    backend.run(exe, ins, outs);
    const { path, simd } = exe as WasmExecutable;
    return { outputs: outs.map((b) => backend.readSync!(b)), path, simd };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    for (const b of [...ins, ...outs]) backend.free(b);
  }
}

function bytesOf(dtype: DType): number {
  return (
    storageView(dtype, new ArrayBuffer(16), 0, 1).BYTES_PER_ELEMENT * (dtype.startsWith("complex") ? 2 : 1)
  );
}

/** The numbers in output bytes of `dtype` (NaNs as NaN, so that payloads do not matter). */
export function decode(dtype: DType, bytes: Uint8Array): number[] {
  const copy = new Uint8Array(bytes);
  return [...storageView(dtype, copy.buffer, 0, Math.floor(copy.byteLength / bytesOf(dtype)))];
}

/** Compares wasm with cpu on one kernel: equal bits (NaN = NaN) or within `rtol`. */
export function compare(kernel: Kernel, inputs: readonly (readonly number[])[], rtol = 0) {
  const want = runOn(cpu, kernel, inputs);
  const got = runOn(wasm, kernel, inputs);
  if ("error" in want) return { ok: "error" in got, want: want.error, got, path: undefined };
  if ("error" in got) return { ok: false, want, got: got.error, path: undefined };
  const dtypes = kernel.kind === "loop" ? [kernel.dtype] : kernel.outputs.map((o) => o.dtype);
  for (let k = 0; k < dtypes.length; k++) {
    const a = decode(dtypes[k], want.outputs[k]);
    const b = decode(dtypes[k], got.outputs[k]);
    for (let i = 0; i < a.length; i++) {
      const same = Object.is(a[i], b[i]) || (Number.isNaN(a[i]) && Number.isNaN(b[i]));
      const close = rtol > 0 && Math.abs(a[i] - b[i]) <= rtol * Math.max(1, Math.abs(a[i]));
      if (!same && !close) {
        return { ok: false, want: a, got: b, index: i, path: got.path, simd: got.simd };
      }
    }
  }
  return { ok: true, path: got.path, simd: got.simd };
}

export function view1d(n: number) {
  return contiguousView([n]);
}
