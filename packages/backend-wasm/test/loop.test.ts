import {
  BINARY_OPS,
  COMPARISON_OPS,
  contiguousView,
  type DType,
  type Expr,
  type LoopKernel,
  REDUCE_OPS,
  UNARY_OPS,
} from "@jaxts/backend";
import { describe, expect, test } from "vitest";
import { compare, values } from "./helpers.js";

const REAL: DType[] = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "float32", "float64"];
const load = (input: number, dtype: DType): Expr => ({ op: "load", input, dtype });

function elementwise(shape: number[], dtypes: DType[], expr: Expr): LoopKernel {
  return {
    kind: "loop",
    shape,
    inputs: dtypes.map((dtype) => ({ dtype, view: contiguousView(shape) })),
    expr,
    dtype: expr.dtype,
  };
}

const N = 26;

describe("elementwise kernels match the cpu backend bit for bit", () => {
  for (const dtype of REAL) {
    test(`unary ops on ${dtype}`, () => {
      const wasmPaths: string[] = [];
      for (const alu of UNARY_OPS) {
        const rdtype = alu === "is_finite" ? "bool" : dtype;
        const kernel = elementwise([N], [dtype], { op: "unary", alu, x: load(0, dtype), dtype: rdtype });
        // float32 exp, log, tanh and logistic run as SIMD polynomials (simd-math.test.ts bounds their ulp).
        const polynomial = dtype === "float32" && ["exp", "log", "tanh", "logistic"].includes(alu);
        const r = compare(kernel, [values(dtype, N)], polynomial ? 1e-6 : 0);
        expect(r, `${alu} on ${dtype}`).toMatchObject({ ok: true });
        if (r.path === "wasm") wasmPaths.push(alu);
      }
      if (dtype === "float32") expect(wasmPaths).toContain("tanh");
      if (dtype === "int32") expect(wasmPaths).toContain("population_count");
    });

    test(`binary ops on ${dtype}`, () => {
      for (const alu of BINARY_OPS) {
        if (alu === "complex") continue;
        const rdtype = COMPARISON_OPS.has(alu) ? "bool" : dtype;
        // Every pair of test values: x varies along axis 0, y along axis 1.
        const kernel: LoopKernel = {
          kind: "loop",
          shape: [N, N],
          inputs: [
            { dtype, view: { shape: [N, N], strides: [1, 0], offset: 0 } },
            { dtype, view: { shape: [N, N], strides: [0, 1], offset: 0 } },
          ],
          expr: { op: "binary", alu, x: load(0, dtype), y: load(1, dtype), dtype: rdtype },
          dtype: rdtype,
        };
        const r = compare(kernel, [values(dtype, N), values(dtype, N)]);
        expect(r, `${alu} on ${dtype}`).toMatchObject({ ok: true });
      }
    });

    test(`casts and bitcasts from ${dtype}`, () => {
      for (const to of REAL) {
        const kernel = elementwise([N], [dtype], { op: "cast", x: load(0, dtype), dtype: to });
        expect(compare(kernel, [values(dtype, N)]), `cast ${dtype} → ${to}`).toMatchObject({ ok: true });
        const bit = elementwise([N], [dtype], { op: "bitcast", x: load(0, dtype), dtype: to });
        expect(compare(bit, [values(dtype, N)]), `bitcast ${dtype} → ${to}`).toMatchObject({ ok: true });
      }
    });
  }

  test("where, constants, index and shared nodes", () => {
    const x = load(0, "float32");
    const sq: Expr = { op: "binary", alu: "mul", x, y: x, dtype: "float32" };
    const idx: Expr = { op: "cast", x: { op: "index", axis: 1, dtype: "int32" }, dtype: "float32" };
    const cond: Expr = {
      op: "binary",
      alu: "gt",
      x: sq,
      y: { op: "const", value: 2, dtype: "float32" },
      dtype: "bool",
    };
    const expr: Expr = {
      op: "where",
      cond,
      x: sq,
      y: { op: "binary", alu: "add", x: sq, y: idx, dtype: "float32" },
      dtype: "float32",
    };
    const kernel: LoopKernel = {
      kind: "loop",
      shape: [4, 6],
      inputs: [{ dtype: "float32", view: contiguousView([4, 6]) }],
      expr,
      dtype: "float32",
    };
    const r = compare(kernel, [values("float32", 24)]);
    expect(r).toMatchObject({ ok: true, path: "wasm" });
  });
});

describe("views", () => {
  const add = (a: DType): Expr => ({ op: "binary", alu: "add", x: load(0, a), y: load(1, a), dtype: a });
  test("transposed, broadcast, reversed and offset views", () => {
    const kernel: LoopKernel = {
      kind: "loop",
      shape: [3, 5],
      inputs: [
        { dtype: "float32", view: { shape: [3, 5], strides: [1, 3], offset: 0 } },
        { dtype: "float32", view: { shape: [3, 5], strides: [0, -1], offset: 6 } },
      ],
      expr: add("float32"),
      dtype: "float32",
    };
    expect(compare(kernel, [values("float32", 15), values("float32", 8)])).toMatchObject({
      ok: true,
      path: "wasm",
    });
  });

  test("masked (padded) views read zero outside, and valid reports it", () => {
    const view = {
      shape: [4, 6],
      strides: [3, 1],
      offset: -4,
      mask: [
        [1, 3],
        [1, 4],
      ] as [number, number][],
    };
    const kernel: LoopKernel = {
      kind: "loop",
      shape: [4, 6],
      inputs: [
        { dtype: "int32", view },
        { dtype: "int32", view },
      ],
      expr: {
        op: "binary",
        alu: "add",
        x: load(0, "int32"),
        y: { op: "cast", x: { op: "valid", input: 1, dtype: "bool" }, dtype: "int32" },
        dtype: "int32",
      },
      dtype: "int32",
    };
    expect(compare(kernel, [values("int32", 6), values("int32", 6)])).toMatchObject({
      ok: true,
      path: "wasm",
    });
  });

  test("a view that reads past its buffer is rejected", () => {
    const kernel: LoopKernel = {
      kind: "loop",
      shape: [8],
      inputs: [{ dtype: "float32", view: contiguousView([8], 4) }],
      expr: load(0, "float32"),
      dtype: "float32",
    };
    const r = compare(kernel, [values("float32", 8)]);
    expect(r.ok).toBe(true);
    expect(r.want).toMatch(/reads elements/);
  });
});

describe("reductions", () => {
  for (const dtype of REAL) {
    test(`every reduce op over ${dtype}`, () => {
      for (const op of REDUCE_OPS) {
        for (const [shape, rshape, strides] of [
          [[4], [7], [7, 1]],
          [[7], [4], [1, 7]],
          [[], [28], [1]],
          [[2, 2], [7], [14, 7, 1]],
        ] as [number[], number[], number[]][]) {
          const acc = op === "argmax" || op === "argmin" ? "int32" : dtype;
          const kernel: LoopKernel = {
            kind: "loop",
            shape,
            inputs: [{ dtype, view: { shape: [...shape, ...rshape], strides, offset: 0 } }],
            expr: load(0, dtype),
            reduce: { shape: rshape, op },
            dtype: acc,
          };
          const r = compare(kernel, [values(dtype, 28, 3)]);
          expect(r, `${op} over ${dtype} ${shape}/${rshape}`).toMatchObject({ ok: true });
        }
      }
    });
  }

  test("epilogues read the accumulator and output-shaped inputs", () => {
    const kernel: LoopKernel = {
      kind: "loop",
      shape: [5],
      inputs: [
        { dtype: "float32", view: { shape: [5, 6], strides: [6, 1], offset: 0 } },
        { dtype: "float32", view: { shape: [5], strides: [1], offset: 0 } },
      ],
      expr: { op: "unary", alu: "exp", x: load(0, "float32"), dtype: "float32" },
      reduce: {
        shape: [6],
        op: "sum",
        epilogue: {
          op: "binary",
          alu: "div",
          x: { op: "acc", dtype: "float32" },
          y: load(1, "float32"),
          dtype: "float32",
        },
      },
      dtype: "float32",
    };
    expect(
      compare(kernel, [values("float32", 30).map((v) => (Number.isFinite(v) ? v % 5 : 1)), [1, 2, 3, 4, 5]]),
    ).toMatchObject({
      ok: true,
      path: "wasm",
    });
  });

  test("empty reductions give the identity", () => {
    const kernel: LoopKernel = {
      kind: "loop",
      shape: [3],
      inputs: [{ dtype: "float32", view: { shape: [3, 0], strides: [0, 1], offset: 0 } }],
      expr: load(0, "float32"),
      reduce: { shape: [0], op: "max" },
      dtype: "float32",
    };
    expect(compare(kernel, [[1]])).toMatchObject({ ok: true, path: "wasm" });
  });
});
