// Entry of the wasm-threads page: the wasm backend on one thread and on several (Web Workers over a
// shared memory, where the page is cross-origin isolated), on a 512×512 GEMM and a loop kernel
// large enough to be split, compared byte for byte.
import { type Backend, contiguousView, type Expr, type Kernel, sizeOf } from "@jaxts/backend";
import { createWasmBackend } from "@jaxts/backend-wasm";
// The pool's diagnostics are not part of the package's API; this is the same module the bundled
// backend uses (esbuild resolves the workspace link to this real path), so it sees the same pools.
import type { Heap } from "../../../../packages/backend-wasm/src/memory/heap.js";
import { mayBlock } from "../../../../packages/backend-wasm/src/threads/platform.js";
import {
  defaultThreads,
  existingPool,
  type ThreadPool,
  threadsSupported,
} from "../../../../packages/backend-wasm/src/threads/pool.js";
import type { KernelThreadsCheck, WasmThreadsResult } from "../checks/wasm-threads-result.js";
import { publish } from "./publish.js";

const THREADS = 2;
/** Iterations at most while waiting for the workers to take pieces of both kernels. */
const MAX_ITERATIONS = 40;
const N = 512;
/** Elements of the loop kernel: past its 2^17 split threshold, and not a multiple of 4 lanes. */
const ELEMENTS = 2 ** 18 + 3;

const f32 = (shape: number[]) => ({ dtype: "float32" as const, view: contiguousView(shape) });
const load = (input: number): Expr => ({ op: "load", input, dtype: "float32" });
const binary = (alu: "add" | "mul", x: Expr, y: Expr): Expr => ({
  op: "binary",
  alu,
  x,
  y,
  dtype: "float32",
});

const MATMUL: Kernel = {
  kind: "routine",
  routine: { name: "matmul", batch: [], m: N, n: N, k: N },
  inputs: [f32([N, N]), f32([N, N])],
  outputs: [{ dtype: "float32", shape: [N, N] }],
};
const loopKernel = (expr: Expr): Kernel => ({
  kind: "loop",
  shape: [ELEMENTS],
  inputs: [f32([ELEMENTS]), f32([ELEMENTS])],
  expr,
  dtype: "float32",
});
/** exp(x) + y: SIMD exp, whose rounding would show any piece computed differently. */
const EXP_ADD = loopKernel(binary("add", { op: "unary", alu: "exp", x: load(0), dtype: "float32" }, load(1)));
/** x·y + x on small integers: exact in float32, so its answer is known. */
const MUL_ADD = loopKernel(binary("add", binary("mul", load(0), load(1)), load(0)));

function randoms(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648 - 0.5) * 4;
  });
}

/** Integers in -4..4: every product and sum here is exact in float32, in any order. */
const smallInts = (n: number, seed: number): Float32Array => randoms(n, seed).map((x) => Math.round(x * 2));

function run(backend: Backend, kernel: Kernel, inputs: readonly Float32Array[]): Uint8Array {
  const ins = inputs.map((data) => {
    const buffer = backend.alloc(data.byteLength);
    backend.write(buffer, data);
    return buffer;
  });
  const shape = kernel.kind === "loop" ? kernel.shape : kernel.outputs[0].shape;
  const out = backend.alloc(sizeOf(shape) * 4);
  try {
    backend.run(backend.compile(kernel), ins, [out]);
    return backend.readSync!(out);
  } finally {
    for (const b of [...ins, out]) backend.free(b);
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

const floats = (bytes: Uint8Array): Float32Array => new Float32Array(bytes.slice().buffer);

function matmulExact(a: Float32Array, b: Float32Array, got: Float32Array): boolean {
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      let sum = 0;
      for (let p = 0; p < N; p++) sum += a[i * N + p] * b[p * N + j];
      if (got[i * N + j] !== sum) return false;
    }
  }
  return true;
}

const mulAddExact = (x: Float32Array, y: Float32Array, got: Float32Array): boolean =>
  got.every((v, i) => v === x[i] * y[i] + x[i]);

const poolOf = (backend: Backend): ThreadPool | undefined =>
  existingPool((backend as unknown as { heap: Heap }).heap);

interface Tally {
  identical: boolean;
  exact: boolean;
  piecesByWorkers: number;
}

/** Runs `kernel` on both backends; counts the pieces the workers computed on the threaded run. */
function compare(
  one: Backend,
  many: Backend,
  kernel: Kernel,
  inputs: Float32Array[],
  tally: Tally,
): Uint8Array {
  const want = run(one, kernel, inputs);
  const before = poolOf(many)?.piecesByWorkers ?? 0;
  const got = run(many, kernel, inputs);
  tally.piecesByWorkers += (poolOf(many)?.piecesByWorkers ?? 0) - before;
  tally.identical &&= sameBytes(want, got);
  return got;
}

async function check(): Promise<WasmThreadsResult> {
  const started = performance.now();
  const one = createWasmBackend({ threads: 1 });
  const many = createWasmBackend({ threads: THREADS });
  if (!one || !many) throw new Error("no WebAssembly");
  const matmul: Tally = { identical: true, exact: true, piecesByWorkers: 0 };
  const elementwise: Tally = { identical: true, exact: true, piecesByWorkers: 0 };
  const [a, b] = [randoms(N * N, 1), randoms(N * N, 2)];
  const [x, y] = [randoms(ELEMENTS, 3), randoms(ELEMENTS, 4)];
  const [ia, ib] = [smallInts(N * N, 5), smallInts(N * N, 6)];
  const [ix, iy] = [smallInts(ELEMENTS, 7), smallInts(ELEMENTS, 8)];
  let iterations = 0;
  // A Web Worker starts only once this thread returns to its event loop, and takes part in a
  // task only once it has received the task's module; until then this thread does every piece.
  // So repeat, yielding between iterations, until the workers took pieces of both kernels.
  while (iterations < MAX_ITERATIONS) {
    iterations++;
    compare(one, many, MATMUL, [a, b], matmul);
    compare(one, many, EXP_ADD, [x, y], elementwise);
    if (iterations === 1) {
      // Exactness once (the JavaScript reference product takes a while).
      matmul.exact = matmulExact(ia, ib, floats(compare(one, many, MATMUL, [ia, ib], matmul)));
      elementwise.exact = mulAddExact(ix, iy, floats(compare(one, many, MUL_ADD, [ix, iy], elementwise)));
    }
    const pool = poolOf(many);
    if (!pool || (matmul.piecesByWorkers > 0 && elementwise.piecesByWorkers > 0)) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const pool = poolOf(many);
  const kernelCheck = (kernel: string, t: Tally): KernelThreadsCheck => ({ kernel, ...t });
  return {
    ok: matmul.identical && matmul.exact && elementwise.identical && elementwise.exact,
    error: null,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === "function",
    hardwareConcurrency: navigator.hardwareConcurrency,
    threadsSupported: threadsSupported(),
    defaultThreads: defaultThreads(),
    mayBlock: mayBlock(),
    threads: THREADS,
    pool: pool !== undefined,
    startedWorkers: pool?.startedWorkers ?? 0,
    iterations,
    matmul: kernelCheck(`matmul ${N}×${N}×${N} float32`, matmul),
    elementwise: kernelCheck(`exp(x) + y and x·y + x over ${ELEMENTS} float32`, elementwise),
    ms: performance.now() - started,
  };
}

async function main(): Promise<WasmThreadsResult | { ok: false; error: string }> {
  try {
    return await check();
  } catch (e) {
    return { ok: false, error: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) };
  }
}

publish(await main());
