import { contiguousView, type LoopKernel, type UnaryOp } from "@jaxts/backend";
import { describe, expect, test } from "vitest";
import { cpu, decode, runOn, wasm } from "./helpers.js";

/** The distance in float32 ulps between two floats (0 for equal values, NaN = NaN). */
function ulps(a: number, b: number): number {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b) || Number.isNaN(a) || Number.isNaN(b))
    return Number.POSITIVE_INFINITY;
  const bits = new Int32Array(new Float32Array([a, b]).buffer);
  const key = (i: number) => (bits[i] < 0 ? -(bits[i] & 0x7fffffff) : bits[i]);
  return Math.abs(key(0) - key(1));
}

function sweep(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.fround(lo + ((hi - lo) * i) / (n - 1)));
}

const SPECIALS = [
  0,
  -0,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  1e-45,
  -1e-45,
  1e-40,
  2 ** -126,
  1,
  -1,
  88.72,
  88.73,
  -87.33,
  -87.34,
  -103,
  -104.5,
  89,
  1e30,
  -1e30,
  0.625,
  -0.625,
  0.6249,
  9,
  -9,
  20,
  45,
];

const CASES: [UnaryOp, number[], number][] = [
  ["exp", [...SPECIALS, ...sweep(-104, 89, 20001), ...sweep(-1, 1, 2001)], 2],
  [
    "log",
    [
      ...SPECIALS,
      ...sweep(0, 10, 20001),
      ...sweep(1e-44, 1e-37, 2001),
      ...sweep(0.5, 2, 2001),
      ...sweep(1e30, 3e38, 101),
    ],
    2,
  ],
  ["tanh", [...SPECIALS, ...sweep(-10, 10, 20001), ...sweep(-0.01, 0.01, 2001)], 3],
  ["logistic", [...SPECIALS, ...sweep(-105, 30, 20001), ...sweep(-1, 1, 2001)], 3],
];

describe("SIMD polynomials for float32 transcendentals", () => {
  for (const [alu, xs, bound] of CASES) {
    test(`${alu} is within ${bound} ulp of the correctly rounded result, specials exact`, () => {
      const n = xs.length;
      const kernel: LoopKernel = {
        kind: "loop",
        shape: [n],
        inputs: [{ dtype: "float32", view: contiguousView([n]) }],
        expr: { op: "unary", alu, x: { op: "load", input: 0, dtype: "float32" }, dtype: "float32" },
        dtype: "float32",
      };
      const want = runOn(cpu, kernel, [xs]);
      const got = runOn(wasm, kernel, [xs]);
      if ("error" in want || "error" in got) throw new Error("kernel failed");
      expect(got.simd).toBe(true);
      const a = decode("float32", want.outputs[0]);
      const b = decode("float32", got.outputs[0]);
      let worst = 0;
      let at = 0;
      for (let i = 0; i < n; i++) {
        const u = ulps(b[i], a[i]);
        if (u > worst) {
          worst = u;
          at = i;
        }
      }
      expect(worst, `${alu}(${xs[at]}) = ${b[at]}, expected ${a[at]}`).toBeLessThanOrEqual(bound);
    });
  }
});
