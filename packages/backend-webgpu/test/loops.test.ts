import {
  contiguousView,
  type DType,
  type Expr,
  type LoopKernel,
  type ReduceOp,
  type View,
} from "@jaxts/backend";
import { describe, expect, test } from "vitest";
import { close, cpu, gpu, load, onGpu, runOn, sameValue, sourceOf } from "./helpers.js";

// Views, casts and reductions of loop kernels on the GPU against the cpu backend.

function values(n: number, dtype: DType, seed = 1): number[] {
  let s = seed;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const u = s / 2147483648;
    if (dtype === "bool") out.push(u < 0.5 ? 0 : 1);
    else if (dtype === "float32") out.push(Math.fround((u - 0.5) * 8));
    else if (dtype === "uint8") out.push(Math.floor(u * 256));
    else if (dtype === "uint32") out.push(Math.floor(u * 4294967296));
    else out.push(Math.floor((u - 0.5) * 200));
  }
  return out;
}

async function check(kernel: LoopKernel, inputs: { dtype: DType; values: number[] }[], rtol = 0) {
  expect(onGpu(kernel), "lowered to WGSL").toBe(true);
  const [g] = await runOn(gpu!, kernel, inputs);
  const [c] = await runOn(cpu, kernel, inputs);
  const bad = c.flatMap((want, i) =>
    (rtol === 0 ? sameValue(g[i], want) : close(g[i], want, rtol, rtol))
      ? []
      : [`[${i}] got ${g[i]}, want ${want}`],
  );
  expect(bad.slice(0, 10), sourceOf(kernel)).toEqual([]);
}

const unary = (alu: "neg" | "exp", x: Expr): Expr => ({ op: "unary", alu, x, dtype: x.dtype });

describe.skipIf(!gpu)("views", () => {
  const views: [string, View, number][] = [
    ["transposed", { shape: [3, 5], strides: [1, 3], offset: 0 }, 15],
    ["broadcast", { shape: [4, 6], strides: [0, 1], offset: 2 }, 8],
    ["reversed", { shape: [7], strides: [-1], offset: 6 }, 7],
    ["sliced", { shape: [2, 3], strides: [10, 2], offset: 3 }, 30],
    ["padded", { shape: [9], strides: [1], offset: -2, mask: [[2, 7]] }, 5],
    ["empty mask", { shape: [4], strides: [1], offset: 0, mask: [[2, 2]] }, 4],
  ];
  for (const dtype of ["float32", "int32", "bool", "uint8", "int16"] as DType[]) {
    for (const [name, view, size] of views) {
      test(`${name} ${dtype}`, async () => {
        const shape = view.shape;
        const x = load(0, dtype);
        const expr: Expr = dtype === "bool" ? { op: "unary", alu: "not", x, dtype } : unary("neg", x);
        await check({ kind: "loop", shape, inputs: [{ dtype, view }], expr, dtype }, [
          { dtype, values: values(size, dtype) },
        ]);
      });
    }
  }

  test("valid and index leaves", async () => {
    const view: View = {
      shape: [3, 4],
      strides: [2, 1],
      offset: -1,
      mask: [
        [0, 3],
        [1, 3],
      ],
    };
    const expr: Expr = {
      op: "where",
      cond: { op: "valid", input: 0, dtype: "bool" },
      x: load(0, "float32"),
      y: { op: "cast", x: { op: "index", axis: 1, dtype: "int32" }, dtype: "float32" },
      dtype: "float32",
    };
    await check(
      { kind: "loop", shape: [3, 4], inputs: [{ dtype: "float32", view }], expr, dtype: "float32" },
      [{ dtype: "float32", values: values(6, "float32") }],
    );
  });

  test("a large elementwise kernel folds its workgroups into two dimensions", async () => {
    const n = 64 * 70000;
    const view = contiguousView([n]);
    await check(
      {
        kind: "loop",
        shape: [n],
        inputs: [{ dtype: "int32", view }],
        expr: unary("neg", load(0, "int32")),
        dtype: "int32",
      },
      [{ dtype: "int32", values: values(n, "int32") }],
    );
  });
});

describe.skipIf(!gpu)("casts", () => {
  const dtypes: DType[] = ["float32", "int32", "uint32", "int8", "uint8", "int16", "uint16", "bool"];
  const floats = [
    0,
    -0,
    1.5,
    -1.5,
    2.5e9,
    -2.5e9,
    5e9,
    300,
    -300,
    70000,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -1e30,
    127.9,
    255.5,
  ];
  for (const from of dtypes) {
    for (const to of dtypes) {
      if (from === to) continue;
      test(`${from} -> ${to}`, async () => {
        const vals = from === "float32" ? floats.map(Math.fround) : values(40, from, 7);
        const n = vals.length;
        const kernel: LoopKernel = {
          kind: "loop",
          shape: [n],
          inputs: [{ dtype: from, view: contiguousView([n]) }],
          expr: { op: "cast", x: load(0, from), dtype: to },
          dtype: to,
        };
        await check(kernel, [{ dtype: from, values: vals }]);
      });
    }
  }
  for (const [from, to] of [
    ["float32", "int32"],
    ["int32", "uint32"],
    ["uint32", "float32"],
    ["int8", "uint8"],
    ["uint16", "int16"],
  ] as [DType, DType][]) {
    test(`bitcast ${from} -> ${to}`, async () => {
      const vals = from === "float32" ? [1.5, -2, Number.NaN, 0, -0] : values(20, from, 3);
      const kernel: LoopKernel = {
        kind: "loop",
        shape: [vals.length],
        inputs: [{ dtype: from, view: contiguousView([vals.length]) }],
        expr: { op: "bitcast", x: load(0, from), dtype: to },
        dtype: to,
      };
      await check(kernel, [{ dtype: from, values: vals }]);
    });
  }
});

function reduction(
  op: ReduceOp,
  dtype: DType,
  outer: number[],
  inner: number[],
  epilogue?: Expr,
): LoopKernel {
  const full = [...outer, ...inner];
  const arg = op === "argmax" || op === "argmin";
  return {
    kind: "loop",
    shape: outer,
    inputs: [{ dtype, view: contiguousView(full) }],
    expr: load(0, dtype),
    reduce: { shape: inner, op, epilogue },
    dtype: epilogue ? epilogue.dtype : arg ? "int32" : dtype,
  };
}

describe.skipIf(!gpu)("reductions", () => {
  const shapes: [number[], number[]][] = [
    [[5], [7]], // serial
    [[3], [300]], // workgroup tree
    [[], [1000]],
    [
      [2, 3],
      [4, 50],
    ],
    [[9000], [3]],
  ];
  const cases: [ReduceOp, DType[]][] = [
    ["sum", ["float32", "int32", "uint8"]],
    ["prod", ["int32"]],
    ["max", ["float32", "int32", "uint32", "int8", "bool"]],
    ["min", ["float32", "int32", "uint8", "bool"]],
    ["and", ["bool", "int32"]],
    ["or", ["bool", "uint8"]],
    ["xor", ["bool", "int32"]],
    ["argmax", ["float32", "int32", "bool"]],
    ["argmin", ["float32", "uint8"]],
  ];
  for (const [op, dtypes] of cases) {
    for (const dtype of dtypes) {
      for (const [outer, inner] of shapes) {
        test(`${op} ${dtype} [${outer}] over [${inner}]`, async () => {
          const n = [...outer, ...inner].reduce((a, b) => a * b, 1);
          const vals = values(n, dtype, n + 3);
          if (dtype === "float32" && n > 20) vals[17] = Number.NaN;
          // float sums: the cpu backend adds in float64, the GPU in float32 along a tree.
          const rtol = op === "sum" && dtype === "float32" ? 1e-5 : 0;
          await check(reduction(op, dtype, outer, inner), [{ dtype, values: vals }], rtol);
        });
      }
    }
  }

  test("argmax takes the first of equal maxima", async () => {
    const vals = Array.from({ length: 600 }, (_, i) => (i % 100 === 37 ? 5 : 1));
    await check(reduction("argmax", "float32", [2], [300]), [{ dtype: "float32", values: vals }]);
  });

  test("epilogue over the accumulator and an input", async () => {
    const epilogue: Expr = {
      op: "binary",
      alu: "gt",
      x: { op: "acc", dtype: "float32" },
      y: { op: "const", value: 0, dtype: "float32" },
      dtype: "bool",
    };
    await check(reduction("sum", "float32", [37], [100], epilogue), [
      { dtype: "float32", values: values(3700, "float32") },
    ]);
  });
});
