import { contiguousView, type DType, type Expr, type LoopKernel } from "@jaxts/backend";
import { describe, expect, test } from "vitest";
import { compare, values } from "./helpers.js";

const load = (input: number, dtype: DType): Expr => ({ op: "load", input, dtype });

describe("SIMD128 elementwise kernels", () => {
  const f = (input: number): Expr => load(input, "float32");
  const bin = (alu: "add" | "mul" | "max" | "lt" | "div", x: Expr, y: Expr): Expr => ({
    op: "binary",
    alu,
    x,
    y,
    dtype: alu === "lt" ? "bool" : x.dtype,
  });
  test("chains with where, casts and broadcasts vectorise and match bit for bit", () => {
    const x = f(0);
    const y = f(1);
    const relu = bin("max", bin("mul", x, y), { op: "const", value: 0, dtype: "float32" });
    const picked: Expr = {
      op: "where",
      cond: bin("lt", x, y),
      x: relu,
      y: bin("div", x, y),
      dtype: "float32",
    };
    const asInt: Expr = { op: "cast", x: picked, dtype: "int32" };
    const back: Expr = {
      op: "cast",
      x: bin("add", asInt, { op: "const", value: -3, dtype: "int32" }),
      dtype: "float32",
    };
    for (const [rows, cols] of [
      [1, 37],
      [5, 8],
      [3, 103],
    ]) {
      const kernel: LoopKernel = {
        kind: "loop",
        shape: [rows, cols],
        inputs: [
          { dtype: "float32", view: contiguousView([rows, cols]) },
          { dtype: "float32", view: { shape: [rows, cols], strides: [1, 0], offset: 0 } },
        ],
        expr: back,
        dtype: "float32",
      };
      const r = compare(kernel, [values("float32", rows * cols), values("float32", rows, 5)]);
      expect(r, `${rows}×${cols}`).toMatchObject({ ok: true, path: "wasm", simd: true });
    }
  });

  test("strided, transposed and reversed inner loops gather their lanes", () => {
    const strided: LoopKernel = {
      kind: "loop",
      shape: [41],
      inputs: [{ dtype: "float32", view: { shape: [41], strides: [2], offset: 0 } }],
      expr: f(0),
      dtype: "float32",
    };
    expect(compare(strided, [values("float32", 82)])).toMatchObject({ ok: true, simd: true });
    // w − 0.01·gᵀ, as an SGD update of a weight stored transposed from its gradient.
    const [r, c] = [13, 11];
    const update: LoopKernel = {
      kind: "loop",
      shape: [r, c],
      inputs: [
        { dtype: "float32", view: contiguousView([r, c]) },
        { dtype: "float32", view: { shape: [r, c], strides: [1, r], offset: 0 } },
      ],
      expr: bin("add", f(0), bin("mul", f(1), { op: "const", value: -0.01, dtype: "float32" })),
      dtype: "float32",
    };
    expect(compare(update, [values("float32", r * c), values("float32", r * c, 3)])).toMatchObject({
      ok: true,
      simd: true,
    });
    const reversed: LoopKernel = {
      kind: "loop",
      shape: [3, 29],
      inputs: [{ dtype: "int32", view: { shape: [3, 29], strides: [-29, -1], offset: 86 } }],
      expr: load(0, "int32"),
      dtype: "int32",
    };
    expect(compare(reversed, [values("int32", 87)])).toMatchObject({ ok: true, simd: true });
  });

  test("non-32-bit dtypes stay scalar", () => {
    const f64: LoopKernel = {
      kind: "loop",
      shape: [40],
      inputs: [{ dtype: "float64", view: contiguousView([40]) }],
      expr: load(0, "float64"),
      dtype: "float64",
    };
    expect(compare(f64, [values("float64", 40)])).toMatchObject({ ok: true, simd: false });
  });
});

describe("SIMD128 reductions", () => {
  const ops = ["sum", "max", "min"] as const;
  for (const dtype of ["float32", "int32", "uint32"] as const) {
    test(`sum, max, min${dtype === "float32" ? "" : ", and, or, xor"} over ${dtype} rows vectorise`, () => {
      const all = dtype === "float32" ? ops : ([...ops, "and", "or", "xor"] as const);
      for (const op of all) {
        // Vectors per row: 9 (pairs for the two accumulators, one left over, a tail), 16, 3, 2.
        for (const [rows, cols, transposed] of [
          [3, 37, false],
          [2, 64, false],
          [5, 9, true],
          [4, 12, false],
          [2, 8, false],
        ] as [number, number, boolean][]) {
          // A product with a broadcast row (stride 0) exercises splat loads in the lanes.
          const kernel: LoopKernel = {
            kind: "loop",
            shape: [rows],
            inputs: [
              { dtype, view: { shape: [rows, cols], strides: transposed ? [1, 0] : [cols, 1], offset: 0 } },
              { dtype, view: { shape: [rows, cols], strides: [0, 1], offset: 0 } },
            ],
            expr: { op: "binary", alu: "add", x: load(0, dtype), y: load(1, dtype), dtype },
            reduce: { shape: [cols], op },
            dtype,
          };
          const r = compare(kernel, [values(dtype, rows * cols, 2), values(dtype, cols, 7)]);
          expect(r, `${op} ${rows}×${cols}`).toMatchObject({ ok: true, path: "wasm", simd: true });
        }
      }
    });
  }
});

describe("loop-invariant nodes are hoisted out of inner loops", () => {
  test("a node of the outer axis only, and a reduction of a broadcast value", () => {
    const b = load(1, "float32");
    const scaled: Expr = {
      op: "binary",
      alu: "mul",
      x: load(0, "float32"),
      y: { op: "unary", alu: "exp", x: b, dtype: "float32" },
      dtype: "float32",
    };
    const kernel: LoopKernel = {
      kind: "loop",
      shape: [3, 20],
      inputs: [
        { dtype: "float32", view: { shape: [3, 20], strides: [40, 2], offset: 0 } },
        { dtype: "float32", view: { shape: [3, 20], strides: [1, 0], offset: 0 } },
      ],
      expr: scaled,
      dtype: "float32",
    };
    expect(compare(kernel, [values("float32", 120), [0.5, -1, 2]])).toMatchObject({ ok: true, path: "wasm" });
    const broadcastSum: LoopKernel = {
      kind: "loop",
      shape: [3],
      inputs: [{ dtype: "float32", view: { shape: [3, 7, 5], strides: [1, 0, 0], offset: 0 } }],
      expr: { op: "unary", alu: "sin", x: load(0, "float32"), dtype: "float32" },
      reduce: { shape: [7, 5], op: "sum" },
      dtype: "float32",
    };
    expect(compare(broadcastSum, [[0.5, -1, 2]])).toMatchObject({ ok: true, path: "wasm" });
  });
});
