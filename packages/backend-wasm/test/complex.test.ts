import { contiguousView, type DType, type Expr, type LoopKernel } from "@jaxts/backend";
import { describe, expect, test } from "vitest";
import { compare, values } from "./helpers.js";

const load = (input: number, dtype: DType): Expr => ({ op: "load", input, dtype });

describe("complex values as pairs of float locals", () => {
  const pairs = (n: number, shift: number): number[] => values("float32", 2 * n, shift);
  for (const dtype of ["complex64", "complex128"] as const) {
    const part = dtype === "complex64" ? "float32" : "float64";
    const z = (input: number): Expr => load(input, dtype);
    test(`${dtype}: arithmetic, parts, comparisons and casts match the cpu backend bit for bit`, () => {
      const exprs: Expr[] = [
        { op: "unary", alu: "neg", x: z(0), dtype },
        { op: "unary", alu: "conj", x: z(0), dtype },
        { op: "unary", alu: "real", x: z(0), dtype: part },
        { op: "unary", alu: "imag", x: z(0), dtype: part },
        { op: "unary", alu: "abs", x: z(0), dtype: part },
        ...(["add", "sub", "mul"] as const).map(
          (alu): Expr => ({ op: "binary", alu, x: z(0), y: z(1), dtype }),
        ),
        ...(["eq", "ne"] as const).map(
          (alu): Expr => ({ op: "binary", alu, x: z(0), y: z(0), dtype: "bool" }),
        ),
        { op: "binary", alu: "eq", x: z(0), y: z(1), dtype: "bool" },
        {
          op: "binary",
          alu: "complex",
          x: { op: "unary", alu: "imag", x: z(0), dtype: part },
          y: { op: "unary", alu: "real", x: z(1), dtype: part },
          dtype,
        },
        {
          op: "where",
          cond: { op: "binary", alu: "ne", x: z(0), y: z(1), dtype: "bool" },
          x: z(0),
          y: { op: "const", value: [1.5, -2], dtype },
          dtype,
        },
        { op: "cast", x: z(0), dtype: dtype === "complex64" ? "complex128" : "complex64" },
        { op: "cast", x: z(0), dtype: "int32" },
        { op: "cast", x: z(0), dtype: "bool" },
        { op: "cast", x: load(2, "int32"), dtype },
      ];
      for (const expr of exprs) {
        const kernel: LoopKernel = {
          kind: "loop",
          shape: [13],
          inputs: [
            { dtype, view: contiguousView([13]) },
            { dtype, view: { shape: [13], strides: [-1], offset: 12, mask: [[2, 11]] } },
            { dtype: "int32", view: contiguousView([13]) },
          ],
          expr,
          dtype: expr.dtype,
        };
        const r = compare(kernel, [pairs(13, 0), pairs(13, 5), values("int32", 13)]);
        expect(r, `${expr.op} ${"alu" in expr ? expr.alu : ""} → ${expr.dtype}`).toMatchObject({
          ok: true,
          path: "wasm",
        });
      }
    });
  }
});
