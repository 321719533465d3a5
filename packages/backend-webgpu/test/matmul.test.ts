import {
  contiguousView,
  type DType,
  type Expr,
  type KernelInput,
  type RoutineKernel,
  type View,
} from "@jaxts/backend";
import { describe, expect, test } from "vitest";
import { close, cpu, gpu, load, onGpu, runOn, sameValue, sourceOf } from "./helpers.js";

// The tiled WGSL matmul against the cpu backend: odd sizes, transposed and broadcast operands,
// batches and fused epilogues.

function values(n: number, dtype: DType, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    const u = s / 2147483648;
    return dtype === "float32" ? Math.fround((u - 0.5) * 8) : Math.floor((u - 0.5) * 2000);
  });
}

/** A [...batch, rows, cols] view over a contiguous buffer, transposed and/or with broadcast batch axes. */
function operand(
  batch: readonly number[],
  rows: number,
  cols: number,
  transposed: boolean,
  broadcast: readonly boolean[],
): { view: View; size: number } {
  const strides: number[] = [];
  let s = rows * cols;
  for (let d = batch.length - 1; d >= 0; d--) {
    strides[d] = broadcast[d] ? 0 : s;
    if (!broadcast[d]) s *= batch[d];
  }
  const inner = transposed ? [1, rows] : [cols, 1];
  return { view: { shape: [...batch, rows, cols], strides: [...strides, ...inner], offset: 0 }, size: s };
}

interface Case {
  batch?: number[];
  m: number;
  n: number;
  k: number;
  ta?: boolean;
  tb?: boolean;
  bcastA?: boolean[];
  bcastB?: boolean[];
  dtype?: DType;
  epilogue?: { expr: Expr; extras: KernelInput[]; sizes: number[]; out: DType };
}

async function check(c: Case): Promise<void> {
  const batch = c.batch ?? [];
  const dtype = c.dtype ?? "float32";
  const a = operand(batch, c.m, c.k, c.ta ?? false, c.bcastA ?? batch.map(() => false));
  const b = operand(batch, c.k, c.n, c.tb ?? false, c.bcastB ?? batch.map(() => false));
  const kernel: RoutineKernel = {
    kind: "routine",
    routine: { name: "matmul", batch, m: c.m, n: c.n, k: c.k, epilogue: c.epilogue?.expr },
    inputs: [{ dtype, view: a.view }, { dtype, view: b.view }, ...(c.epilogue?.extras ?? [])],
    outputs: [{ dtype: c.epilogue?.out ?? dtype, shape: [...batch, c.m, c.n] }],
  };
  expect(onGpu(kernel), sourceOf(kernel)).toBe(true);
  const inputs = [
    { dtype, values: values(a.size, dtype, 1) },
    { dtype, values: values(b.size, dtype, 2) },
    ...(c.epilogue?.extras ?? []).map((x, i) => ({
      dtype: x.dtype,
      values: values(c.epilogue!.sizes[i], x.dtype, 3 + i),
    })),
  ];
  const [g] = await runOn(gpu!, kernel, inputs);
  const [want] = await runOn(cpu, kernel, inputs);
  // f32 accumulation (the cpu backend accumulates in float64): |error| ≲ k·eps·max|a·b|.
  const atol = c.k * 16 * 2 ** -22;
  const bad = want.flatMap((w, i) =>
    (dtype === "float32" ? close(g[i], w, 1e-5, atol) : sameValue(g[i], w))
      ? []
      : [`[${i}] got ${g[i]}, want ${w}`],
  );
  expect(bad.slice(0, 8), sourceOf(kernel).slice(0, 4000)).toEqual([]);
}

const SIZES = [1, 7, 65, 130];

describe.skipIf(!gpu)("tiled matmul", () => {
  for (const m of SIZES)
    for (const n of SIZES)
      test(`m=${m} n=${n} k=${(m * 3 + n) % 131 || 1}`, async () => {
        await check({ m, n, k: (m * 3 + n) % 131 || 1 });
      });
  for (const k of [1, 7, 16, 65, 130])
    test(`k=${k}`, async () => {
      await check({ m: 65, n: 7, k });
    });
  for (const [ta, tb] of [
    [true, false],
    [false, true],
    [true, true],
  ])
    test(`transposes lhs=${ta} rhs=${tb}`, async () => {
      await check({ m: 65, n: 130, k: 7, ta, tb });
      await check({ m: 7, n: 1, k: 65, ta, tb });
    });
  test("batches", async () => {
    await check({ batch: [3], m: 7, n: 65, k: 130 });
    await check({ batch: [2, 3], m: 65, n: 7, k: 7, ta: true });
  });
  test("broadcast batches", async () => {
    await check({ batch: [2, 3], m: 7, n: 65, k: 7, bcastA: [false, true] });
    await check({ batch: [4], m: 130, n: 7, k: 65, bcastB: [true], tb: true });
  });
  test("empty", async () => {
    await check({ m: 7, n: 5, k: 0 });
    await check({ batch: [0], m: 7, n: 5, k: 3 });
  });
  test("int32 and uint32 wrap", async () => {
    await check({ m: 65, n: 7, k: 130, dtype: "int32" });
    await check({ batch: [2], m: 7, n: 7, k: 65, dtype: "uint32", tb: true });
  });

  const acc: Expr = { op: "acc", dtype: "float32" };
  test("epilogue: bias and relu", async () => {
    const bias: KernelInput = { dtype: "float32", view: { shape: [65, 130], strides: [0, 1], offset: 0 } };
    const expr: Expr = {
      op: "binary",
      alu: "max",
      x: { op: "binary", alu: "add", x: acc, y: load(2, "float32"), dtype: "float32" },
      y: { op: "const", value: 0, dtype: "float32" },
      dtype: "float32",
    };
    await check({ m: 65, n: 130, k: 7, epilogue: { expr, extras: [bias], sizes: [130], out: "float32" } });
  });
  test("epilogue: batched residual, cast and bool", async () => {
    const res: KernelInput = { dtype: "float32", view: contiguousView([2, 7, 68]) };
    const sum: Expr = { op: "binary", alu: "mul", x: acc, y: load(2, "float32"), dtype: "float32" };
    await check({
      batch: [2],
      m: 7,
      n: 68,
      k: 65,
      epilogue: { expr: sum, extras: [res], sizes: [2 * 7 * 68], out: "float32" },
    });
    const toInt: Expr = { op: "cast", x: acc, dtype: "int32" };
    await check({ m: 7, n: 65, k: 7, epilogue: { expr: toInt, extras: [], sizes: [], out: "int32" } });
    const positive: Expr = {
      op: "binary",
      alu: "gt",
      x: acc,
      y: { op: "const", value: 0, dtype: "float32" },
      dtype: "bool",
    };
    await check({ m: 65, n: 68, k: 7, epilogue: { expr: positive, extras: [], sizes: [], out: "bool" } });
    const half: Expr = { op: "cast", x: acc, dtype: "int16" };
    await check({ m: 9, n: 4, k: 7, epilogue: { expr: half, extras: [], sizes: [], out: "int16" } });
  });
  test("packed output with n % 4 ≠ 0 stays on the fallback", () => {
    const positive: Expr = { op: "cast", x: acc, dtype: "bool" };
    const kernel: RoutineKernel = {
      kind: "routine",
      routine: { name: "matmul", batch: [], m: 3, n: 5, k: 2, epilogue: positive },
      inputs: [
        { dtype: "float32", view: contiguousView([3, 2]) },
        { dtype: "float32", view: contiguousView([2, 5]) },
      ],
      outputs: [{ dtype: "bool", shape: [3, 5] }],
    };
    expect(onGpu(kernel)).toBe(false);
  });
});
