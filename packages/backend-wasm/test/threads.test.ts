import {
  type Backend,
  contiguousView,
  type DType,
  type Expr,
  type Kernel,
  type LoopKernel,
  registerBackend,
  type View,
} from "@jaxts/backend";
import { runGoldenOps } from "@jaxts/test-util/golden";
import { beforeAll, describe, expect, test } from "vitest";
import { createWasmBackend } from "../src/index.js";
import { instantiate } from "../src/loop-executable.js";
import { Heap } from "../src/memory/heap.js";
import { loopModuleFor } from "../src/module-cache.js";
import { defaultThreads, existingPool, ThreadPool, threadsSupported } from "../src/threads/pool.js";
import { runOn, values } from "./helpers.js";

// Threads split GEMM row blocks and the outermost output loop of loop kernels; every element is
// computed by the same code as on one thread, so results must be identical bit for bit.

const one = createWasmBackend({ threads: 1 })!;
const two = createWasmBackend({ threads: 2 })!;
// Splits every splittable loop kernel, however small, so that small shapes exercise the ranges.
const eager = createWasmBackend({ threads: 2, minSplitWork: 1 })!;

/**
 * Starts the backend's workers (a large product makes the pool) and waits until they run, so
 * that the comparisons below have workers claiming pieces rather than the calling thread alone.
 */
async function warm(backend: Backend): Promise<void> {
  if (!threadsSupported()) return;
  const n = 200;
  const kernel: Kernel = {
    kind: "routine",
    routine: { name: "matmul", batch: [], m: n, n, k: n },
    inputs: [
      { dtype: "float32", view: contiguousView([n, n]) },
      { dtype: "float32", view: contiguousView([n, n]) },
    ],
    outputs: [{ dtype: "float32", shape: [n, n] }],
  };
  runOn(backend, kernel, [new Array(n * n).fill(1), new Array(n * n).fill(1)]);
  const pool = existingPool((backend as unknown as { heap: Heap }).heap);
  if (!pool) throw new Error("no thread pool was started");
  const started = Date.now();
  while (pool.startedWorkers < pool.threads - 1 && Date.now() - started < 20_000) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(pool.startedWorkers).toBe(pool.threads - 1);
}

beforeAll(async () => {
  await warm(two);
  await warm(eager);
});

const load = (input: number, dtype: DType = "float32"): Expr => ({ op: "load", input, dtype });
const bin = (alu: "add" | "mul" | "max", x: Expr, y: Expr): Expr => ({
  op: "binary",
  alu,
  x,
  y,
  dtype: x.dtype,
});
const exp = (x: Expr): Expr => ({ op: "unary", alu: "exp", x, dtype: x.dtype });

function randoms(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648 - 0.5) * 8;
  });
}

function sameOn(backends: readonly Backend[], kernel: Kernel, inputs: readonly (readonly number[])[]): void {
  const [first, ...rest] = backends.map((b) => runOn(b, kernel, inputs));
  if ("error" in first) throw new Error(first.error);
  expect(first.path).toBe("wasm");
  for (const r of rest) {
    if ("error" in r) throw new Error(r.error);
    expect(r.outputs.length).toBe(first.outputs.length);
    r.outputs.forEach((bytes, k) => expect(Buffer.compare(bytes, first.outputs[k])).toBe(0));
  }
}

function loop(shape: number[], views: View[], expr: Expr, reduce?: LoopKernel["reduce"]): LoopKernel {
  return {
    kind: "loop",
    shape,
    inputs: views.map((view) => ({ dtype: "float32", view })),
    expr,
    dtype: reduce?.op === "argmax" ? "int32" : expr.dtype,
    reduce,
  };
}

test.runIf(threadsSupported())("Node defaults to min(4, available cores) threads", async () => {
  const os = await import("node:os");
  expect(defaultThreads()).toBe(Math.min(4, os.availableParallelism()));
});

test.runIf(threadsSupported())("workers compute the pieces they claim, with the math imports", () => {
  // float64 logistic and pow run scalar and call JavaScript functions that the worker rebuilds
  // from source. The calling thread dawdles on each piece it claims, so the worker claims some.
  const heap = new Heap({ shared: true });
  const n = 4096;
  const f64 = (input: number): Expr => load(input, "float64");
  const expr: Expr = {
    op: "binary",
    alu: "pow",
    x: { op: "unary", alu: "logistic", x: f64(0), dtype: "float64" },
    y: f64(0),
    dtype: "float64",
  };
  const kernel: LoopKernel = {
    kind: "loop",
    shape: [n],
    inputs: [{ dtype: "float64", view: contiguousView([n]) }],
    expr,
    dtype: "float64",
  };
  const compiled = loopModuleFor(kernel, { shared: true, maximumPages: heap.maximumPages });
  if (!("module" in compiled)) throw new Error("not lowered");
  const input = heap.allocate(n * 8).address;
  const output = heap.allocate(n * 8).address;
  const xs = randoms(n, 10);
  new Float64Array(heap.memory.buffer, input, n).set(xs);
  const run = instantiate(compiled.module, heap);
  const pool = new ThreadPool(heap, 2);
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const logistic = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
  const want = xs.map((x) => logistic(x) ** x);
  try {
    const slow = (...args: number[]) => {
      Atomics.wait(nap, 0, 0, 5);
      run(...args);
    };
    // A new worker takes a while to start; until it does, the calling thread computes everything.
    const started = Date.now();
    while (pool.piecesByWorkers === 0 && Date.now() - started < 20_000) {
      new Float64Array(heap.memory.buffer, output, n).fill(0);
      pool.loopRange(pool.register(compiled.module), slow, [input, output], n, 1);
      expect(Array.from(new Float64Array(heap.memory.buffer, output, n))).toEqual(want);
    }
    expect(pool.piecesByWorkers).toBeGreaterThan(0);
  } finally {
    pool.close();
  }
});

describe("results are identical with 1 and 2 threads", () => {
  test("exp(x) + y over 300,003 elements (SIMD, split at multiples of four lanes)", () => {
    const n = 300_003;
    const kernel = loop([n], [contiguousView([n]), contiguousView([n])], bin("add", exp(load(0)), load(1)));
    sameOn([one, two, eager], kernel, [randoms(n, 1), randoms(n, 2)]);
  });

  test("2-D SIMD with a broadcast row, transposed and padded views, index", () => {
    const [r, c] = [37, 41];
    const row: View = { shape: [r, c], strides: [0, 1], offset: 0 };
    const transposed: View = { shape: [r, c], strides: [1, r], offset: 0 };
    const padded: View = {
      shape: [r, c],
      strides: [c - 4, 1],
      offset: -2,
      mask: [
        [0, r],
        [2, c - 2],
      ],
    };
    const x = randoms(r * c, 3);
    sameOn([one, eager], loop([r, c], [contiguousView([r, c]), row], bin("mul", exp(load(0)), load(1))), [
      x,
      randoms(c, 4),
    ]);
    sameOn([one, eager], loop([r, c], [transposed, padded], bin("add", load(0), load(1))), [
      x,
      randoms(r * (c - 4), 5),
    ]);
    const indexed: Expr = { op: "cast", x: { op: "index", axis: 0, dtype: "int32" }, dtype: "float32" };
    sameOn([one, eager], loop([r, c], [contiguousView([r, c])], bin("add", load(0), indexed)), [x]);
  });

  test("reductions split over their output rows; a full reduction runs whole", () => {
    const [r, c] = [1000, 203];
    const x = randoms(r * c, 6);
    const view: View = { shape: [r, c], strides: [c, 1], offset: 0 };
    for (const op of ["sum", "max", "argmax"] as const) {
      sameOn([one, two, eager], loop([r], [view], load(0), { op, shape: [c] }), [x]);
    }
    const columns: View = { shape: [c, r], strides: [1, c], offset: 0 };
    sameOn([one, eager], loop([c], [columns], exp(load(0)), { op: "sum", shape: [r] }), [x]);
    sameOn([one, eager], loop([], [contiguousView([r * c])], load(0), { op: "sum", shape: [r * c] }), [x]);
    const ints = values("int32", r * c);
    const intKernel: LoopKernel = {
      kind: "loop",
      shape: [r],
      inputs: [{ dtype: "int32", view }],
      expr: load(0, "int32"),
      dtype: "int32",
      reduce: { op: "sum", shape: [c] },
    };
    sameOn([one, eager], intKernel, [ints]);
  });

  test("GEMM row blocks through several blocks of k, with a fused epilogue", () => {
    const [m, n, k] = [301, 200, 600];
    const epilogue = bin("max", bin("add", { op: "acc", dtype: "float32" }, load(2)), {
      op: "const",
      value: 0,
      dtype: "float32",
    });
    const kernel: Kernel = {
      kind: "routine",
      routine: { name: "matmul", batch: [], m, n, k, epilogue },
      inputs: [
        { dtype: "float32", view: contiguousView([m, k]) },
        { dtype: "float32", view: { shape: [k, n], strides: [1, k], offset: 0 } },
        { dtype: "float32", view: { shape: [m, n], strides: [0, 1], offset: 0 } },
      ],
      outputs: [{ dtype: "float32", shape: [m, n] }],
    };
    sameOn([one, two, eager], kernel, [randoms(m * k, 7), randoms(k * n, 8), randoms(n, 9)]);
  });
});

test("a module runs only iterations lo..hi of its outermost loop", () => {
  const heap = new Heap({ shared: false });
  const [r, c] = [6, 5];
  // A broadcast row keeps the two loops apart (contiguous ones would merge into one).
  const row: View = { shape: [r, c], strides: [0, 1], offset: 0 };
  const kernel = loop([r, c], [contiguousView([r, c]), row], bin("add", load(0), load(1)));
  const compiled = loopModuleFor(kernel, { shared: false, maximumPages: heap.maximumPages });
  if (!("module" in compiled)) throw new Error("not lowered");
  expect(compiled.split).toMatchObject({ size: r, grain: 1, work: r * c });
  const input = heap.allocate(r * c * 4).address;
  const output = heap.allocate(r * c * 4).address;
  const mem = () => new Float32Array(heap.memory.buffer);
  for (let i = 0; i < r * c; i++) mem()[input / 4 + i] = i;
  mem().fill(-1, output / 4, output / 4 + r * c);
  instantiate(compiled.module, heap)(input, input, output, 2, 4);
  const got = Array.from(mem().subarray(output / 4, output / 4 + r * c));
  expect(got).toEqual(got.map((_, i) => (i >= 2 * c && i < 4 * c ? i + (i % c) : -1)));
});

// The golden fixtures' numpy, nn and lax functions with every splittable loop kernel split.
registerBackend("wasm-split", () => eager);
test("golden subset with every loop kernel split between 2 threads", () => {
  const picked = /^(numpy|nn|lax)\./;
  const result = runGoldenOps({ device: "wasm-split", filter: (fn) => picked.test(fn) });
  expect(result.counts.passed).toBeGreaterThan(500);
  const failed = result.results.filter((r) => r.outcome.status === "fail");
  expect(failed.length, JSON.stringify(failed.slice(0, 3))).toBe(0);
});

// On a busy 2-core machine (CI runs two test processes at once) a worker may not be scheduled
// before the calling thread has claimed every piece of a task, so the comparisons above may all
// have run on the calling thread; products are run here until workers have computed pieces.
test.runIf(threadsSupported())("the workers compute pieces of tasks", async () => {
  const n = 384;
  const kernel: Kernel = {
    kind: "routine",
    routine: { name: "matmul", batch: [], m: n, n, k: n },
    inputs: [
      { dtype: "float32", view: contiguousView([n, n]) },
      { dtype: "float32", view: contiguousView([n, n]) },
    ],
    outputs: [{ dtype: "float32", shape: [n, n] }],
  };
  const inputs = [randoms(n * n, 1), randoms(n * n, 2)];
  for (const backend of [two, eager]) {
    const pool = existingPool((backend as unknown as { heap: Heap }).heap);
    if (!pool) throw new Error("no thread pool was started");
    const deadline = Date.now() + 30_000;
    while (pool.piecesByWorkers === 0 && Date.now() < deadline) {
      runOn(backend, kernel, inputs);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(pool.piecesByWorkers).toBeGreaterThan(0);
  }
});
