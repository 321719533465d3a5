import { type Expr, type RoutineKernel, sizeOf, type View } from "@jaxts/backend";
import { describe, expect, test } from "vitest";
import { createWasmBackend, wasmFeatures } from "../src/index.js";
import { compare, cpu, runOn } from "./helpers.js";

/** A [batch..., rows, cols] view over contiguous data, transposed (stored [batch..., cols, rows]) or not. */
function operand(batch: number[], rows: number, cols: number, transposed: boolean): View {
  const shape = [...batch, rows, cols];
  const inner = transposed ? [1, rows] : [cols, 1];
  const strides: number[] = [];
  let s = rows * cols;
  for (let i = batch.length - 1; i >= 0; i--) {
    strides.unshift(s);
    s *= batch[i];
  }
  return { shape, strides: [...strides, ...inner], offset: 0 };
}

function matmul(
  batch: number[],
  m: number,
  n: number,
  k: number,
  ta: boolean,
  tb: boolean,
  epilogue?: Expr,
): RoutineKernel {
  return {
    kind: "routine",
    routine: { name: "matmul", batch, m, n, k, epilogue },
    inputs: [
      { dtype: "float32", view: operand(batch, m, k, ta) },
      { dtype: "float32", view: operand(batch, k, n, tb) },
      ...(epilogue
        ? [
            {
              dtype: "float32" as const,
              view: { shape: [...batch, m, n], strides: [...batch.map(() => 0), 0, 1], offset: 0 },
            },
          ]
        : []),
    ],
    outputs: [{ dtype: "float32", shape: [...batch, m, n] }],
  };
}

function randoms(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  });
}

describe("float32 matmul", () => {
  for (const [m, n, k] of [
    [1, 1, 1],
    [4, 8, 3],
    [5, 9, 7],
    [33, 17, 300],
    [70, 1030, 20],
    [3, 4, 0],
  ]) {
    test(`${m}×${k} · ${k}×${n}, every transpose combination`, () => {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          const kernel = matmul([], m, n, k, ta, tb);
          const r = compare(kernel, [randoms(m * k, 1), randoms(k * n, 2)], 1e-5);
          expect(r, `ta=${ta} tb=${tb}`).toMatchObject({ ok: true, path: "wasm" });
        }
      }
    });
  }

  test("batched, with a broadcast batch axis", () => {
    const kernel = matmul([2, 3], 6, 10, 5, false, true);
    const lhs = kernel.inputs[0];
    const broadcast: RoutineKernel = {
      ...kernel,
      inputs: [
        { ...lhs, view: { ...lhs.view, strides: [0, ...lhs.view.strides.slice(1)] } },
        kernel.inputs[1],
      ],
    };
    for (const kn of [kernel, broadcast]) {
      const r = compare(kn, [randoms(2 * 3 * 6 * 5, 3), randoms(2 * 3 * 5 * 10, 4)], 1e-5);
      expect(r).toMatchObject({ ok: true, path: "wasm" });
    }
  });

  test("a fused epilogue (bias add, then relu)", () => {
    const acc: Expr = { op: "acc", dtype: "float32" };
    const biased: Expr = {
      op: "binary",
      alu: "add",
      x: acc,
      y: { op: "load", input: 2, dtype: "float32" },
      dtype: "float32",
    };
    const relu: Expr = {
      op: "binary",
      alu: "max",
      x: biased,
      y: { op: "const", value: 0, dtype: "float32" },
      dtype: "float32",
    };
    const kernel = matmul([], 9, 11, 13, false, false, relu);
    const r = compare(kernel, [randoms(9 * 13, 5), randoms(13 * 11, 6), randoms(11, 7)], 1e-5);
    expect(r).toMatchObject({ ok: true, path: "wasm" });
  });
});

// The plain kernel has 5-row register tiles (6 with FMA): the cases cover partial row panels,
// several row blocks (60 rows each), k beyond one KC block, and threads.
test("the micro-kernel without fused multiply-add agrees too", () => {
  for (const [threads, batch, m, n, k, ta] of [
    [1, [2], 37, 45, 70, true],
    [2, [], 203, 130, 300, false],
  ] as [number, number[], number, number, number, boolean][]) {
    const plain = createWasmBackend({ fma: false, threads })!;
    const kernel = matmul(batch, m, n, k, ta, false);
    const inputs = [randoms(sizeOf(batch) * m * k, 8), randoms(sizeOf(batch) * k * n, 9)];
    const want = runOn(cpu, kernel, inputs);
    const got = runOn(plain, kernel, inputs);
    if ("error" in want || "error" in got) throw new Error("matmul failed");
    const a = new Float32Array(want.outputs[0].slice().buffer);
    const b = new Float32Array(got.outputs[0].slice().buffer);
    for (let i = 0; i < a.length; i++)
      expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-5 * Math.max(1, Math.abs(a[i])));
  }
});

test("worker threads split the row blocks and agree with the cpu backend", () => {
  const threaded = createWasmBackend({ threads: 2 })!;
  for (const [m, n, k, ta, tb] of [
    [200, 130, 300, false, false],
    [301, 77, 129, true, true],
  ] as [number, number, number, boolean, boolean][]) {
    const kernel = matmul([], m, n, k, ta, tb);
    const inputs = [randoms(m * k, 10), randoms(k * n, 11)];
    const want = runOn(cpu, kernel, inputs);
    const got = runOn(threaded, kernel, inputs);
    if ("error" in want || "error" in got) throw new Error("matmul failed");
    const a = new Float32Array(want.outputs[0].slice().buffer);
    const b = new Float32Array(got.outputs[0].slice().buffer);
    let worst = 0;
    for (let i = 0; i < a.length; i++)
      worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i])));
    expect(worst, `${m}×${k}·${k}×${n}`).toBeLessThan(1e-5);
  }
  expect(() => createWasmBackend({ threads: 0 })).toThrow(RangeError);
});

// Node 20's V8 has relaxed SIMD behind a flag that the backend turns on (features.ts); later
// engines have it by default. Either way Node runs the fused kernel unless told not to.
test("Node runs the fused multiply-add kernel unless JAXTS_WASM_RELAXED_SIMD=0", () => {
  expect(wasmFeatures().relaxedSimd).toBe(process.env.JAXTS_WASM_RELAXED_SIMD !== "0");
});

// Both backends accumulate a float32 product as one multiply-add after another along k, rounded
// each time (XLA's order); with fused multiply-add the roundings are the same, so results agree
// bit for bit, across blocks of k, edge tiles, transposes and threads.
test.runIf(wasmFeatures().relaxedSimd)(
  "with FMA, float32 products equal the cpu backend's bit for bit",
  () => {
    for (const [threads, batch, m, n, k, ta, tb] of [
      [1, [2], 37, 45, 70, true, false],
      [2, [], 203, 130, 600, false, true],
      [1, [], 7, 300, 257, true, true],
    ] as [number, number[], number, number, number, boolean, boolean][]) {
      const fused = createWasmBackend({ threads })!;
      const kernel = matmul(batch, m, n, k, ta, tb);
      const inputs = [randoms(sizeOf(batch) * m * k, 21), randoms(sizeOf(batch) * k * n, 22)];
      const want = runOn(cpu, kernel, inputs);
      const got = runOn(fused, kernel, inputs);
      if ("error" in want || "error" in got) throw new Error("matmul failed");
      expect(Array.from(new Uint32Array(got.outputs[0].slice().buffer))).toEqual(
        Array.from(new Uint32Array(want.outputs[0].slice().buffer)),
      );
    }
  },
);
