import {
  type BinaryOp,
  COMPARISON_OPS,
  contiguousView,
  type DType,
  type Expr,
  type LoopKernel,
  type UnaryOp,
  UNARY_OPS,
} from "@jaxts/backend";
import { describe, expect, test } from "vitest";
import { close, cpu, gpu, load, onGpu, runOn, sameValue, sourceOf } from "./helpers.js";

// Every ALU op the WGSL code generator lowers, on the GPU against the cpu backend (the reference).
// Exact ops must agree bit for bit (float32 subnormals flushed, as XLA flushes them); WGSL's
// transcendental built-ins are checked to TRANSCENDENTAL's tolerance, within the golden ELEMENTWISE
// tier (rtol 2e-6, about 16 ulp).

const TRANSCENDENTAL = { rtol: 2e-6, atol: 5e-7 };

const F32 = [
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
  0.1,
  1e-3,
  -1e-3,
  1e-6,
  10,
  -10,
  100,
  1e10,
  -1e10,
  88.5,
  -90,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  0.9999,
  -0.9999,
  2,
  3,
  1e-30,
  0.3333,
  7.25,
].map(Math.fround);
const I32 = [0, 1, -1, 2, -2, 7, -7, 100, -100, 2147483647, -2147483648, 65535, 31, 32, 33, 123456789, -5, 3];
const U32 = [0, 1, 2, 7, 100, 4294967295, 2147483648, 65535, 31, 32, 33, 123456789, 5, 3];
const I8 = [0, 1, -1, 127, -128, 5, -5, 100, 7, 8, 9, 3];
const U8 = [0, 1, 255, 128, 5, 100, 7, 8, 9, 3];
const BOOL = [0, 1, 1, 0];

const VALUES: Partial<Record<DType, number[]>> = {
  float32: F32,
  int32: I32,
  uint32: U32,
  int8: I8,
  uint8: U8,
  int16: [0, 1, -1, 32767, -32768, 300, -300, 15, 16, 17],
  uint16: [0, 1, 65535, 32768, 300, 15, 16, 17],
  bool: BOOL,
};

const EXACT_UNARY: ReadonlySet<UnaryOp> = new Set([
  "neg",
  "not",
  "abs",
  "sign",
  "floor",
  "ceil",
  "round_away",
  "round_even",
  "is_finite",
  "conj",
  "population_count",
  "clz",
  "sqrt",
] as UnaryOp[]);

function unaryKernel(op: UnaryOp, dtype: DType, n: number): LoopKernel {
  const outDType = op === "is_finite" ? "bool" : dtype;
  return {
    kind: "loop",
    shape: [n],
    inputs: [{ dtype, view: contiguousView([n]) }],
    expr: { op: "unary", alu: op, x: load(0, dtype), dtype: outDType },
    dtype: outDType,
  };
}

async function compare(
  kernel: LoopKernel,
  inputs: { dtype: DType; values: number[] }[],
  exact: boolean,
  label: string,
  tol = TRANSCENDENTAL,
) {
  expect(onGpu(kernel), `${label} should be lowered to WGSL`).toBe(true);
  const [g] = await runOn(gpu!, kernel, inputs);
  const [c] = await runOn(cpu, kernel, inputs);
  const bad: string[] = [];
  c.forEach((want, i) => {
    const ok = exact ? sameValue(g[i], want) : close(g[i], want, tol.rtol, tol.atol);
    if (!ok) bad.push(`[${i}] ${inputs.map((a) => a.values[i]).join(", ")}: got ${g[i]}, want ${want}`);
  });
  expect(bad, `${label}\n${sourceOf(kernel)}`).toEqual([]);
}

// Ops tested with their own dtypes above, ops that run on the CPU fallback (README), complex-only ops.
const SPECIAL_UNARY = new Set<UnaryOp>([
  "neg",
  "not",
  "abs",
  "sign",
  "population_count",
  "clz",
  "erf",
  "erfc",
  "lgamma",
  "digamma",
  "real",
  "imag",
  "conj",
]);

const UNARY_CASES: [UnaryOp, DType[]][] = [
  ["neg", ["float32", "int32", "uint32", "int8", "uint8", "int16", "uint16"]],
  ["not", ["bool", "int32", "uint32", "int8", "uint8"]],
  ["abs", ["float32", "int32", "uint32", "int8"]],
  ["sign", ["float32", "int32", "uint32", "int8"]],
  ["population_count", ["int32", "uint32", "int8", "uint8", "int16"]],
  ["clz", ["int32", "uint32", "int8", "uint8", "uint16"]],
  // Every other unary op on float32, from the IR's own list, so a new op is tested here at once.
  ...UNARY_OPS.filter((op) => !SPECIAL_UNARY.has(op)).map((op): [UnaryOp, DType[]] => [op, ["float32"]]),
];

describe.skipIf(!gpu)("unary ops match the cpu backend", () => {
  for (const [op, dtypes] of UNARY_CASES) {
    for (const dtype of dtypes) {
      test(`${op} ${dtype}`, async () => {
        let values = VALUES[dtype]!;
        // Cephes' range reduction (codegen/float-math.ts) is accurate below |x| ~ 8192.
        if (op === "sin" || op === "cos" || op === "tan")
          values = values.filter((v) => !(Math.abs(v) > 8192));
        if (op === "erf_inv")
          values = [0, 0.5, -0.5, 0.9, -0.99, 0.999999, 1, -1, 0.1, 1e-5, 1.5, Number.NaN];
        const kernel = unaryKernel(op, dtype, values.length);
        await compare(
          kernel,
          [{ dtype, values }],
          EXACT_UNARY.has(op) || dtype !== "float32",
          `${op} ${dtype}`,
        );
      });
    }
  }
});

function pairs(values: number[]): [number[], number[]] {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const x of values)
    for (const y of values) {
      xs.push(x);
      ys.push(y);
    }
  return [xs, ys];
}

function binaryKernel(op: BinaryOp, dtype: DType, n: number): LoopKernel {
  const outDType = COMPARISON_OPS.has(op) ? "bool" : dtype;
  const expr: Expr = { op: "binary", alu: op, x: load(0, dtype), y: load(1, dtype), dtype: outDType };
  return {
    kind: "loop",
    shape: [n],
    inputs: [
      { dtype, view: contiguousView([n]) },
      { dtype, view: contiguousView([n]) },
    ],
    expr,
    dtype: outDType,
  };
}

const INTS: DType[] = ["int32", "uint32", "int8", "uint8", "int16", "uint16"];
const BINARY_CASES: [BinaryOp, DType[]][] = [
  ["add", ["float32", "bool", ...INTS]],
  ["sub", ["float32", ...INTS]],
  ["mul", ["float32", "bool", ...INTS]],
  ["div", ["float32", ...INTS]],
  ["rem", ["float32", ...INTS]],
  ["pow", ["float32", "int32", "uint32", "int8"]],
  ["max", ["float32", "bool", ...INTS]],
  ["min", ["float32", "bool", ...INTS]],
  ["atan2", ["float32"]],
  ["nextafter", ["float32"]],
  ["and", ["bool", ...INTS]],
  ["or", ["bool", ...INTS]],
  ["xor", ["bool", ...INTS]],
  ["shift_left", INTS],
  ["shift_right_arithmetic", INTS],
  ["shift_right_logical", INTS],
  ...(["eq", "ne", "lt", "le", "gt", "ge"] as BinaryOp[]).map((op): [BinaryOp, DType[]] => [
    op,
    ["float32", "bool", ...INTS],
  ]),
];

describe.skipIf(!gpu)("binary ops match the cpu backend", () => {
  for (const [op, dtypes] of BINARY_CASES) {
    for (const dtype of dtypes) {
      test(`${op} ${dtype}`, async () => {
        const [xs, ys] = pairs(VALUES[dtype]!);
        const kernel = binaryKernel(op, dtype, xs.length);
        const exact = dtype !== "float32" || !["pow", "atan2"].includes(op);
        // pow is exp2(y·log2 x): the golden EXPONENTIAL tier (rtol 1e-5) states that error.
        const tol = op === "pow" ? { rtol: 1e-5, atol: 5e-7 } : TRANSCENDENTAL;
        await compare(
          kernel,
          [
            { dtype, values: xs },
            { dtype, values: ys },
          ],
          exact,
          `${op} ${dtype}`,
          tol,
        );
      });
    }
  }
});
