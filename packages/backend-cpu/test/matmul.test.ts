import { contiguousView, type DType, f16round, padView, type View } from "@jaxts/backend";
import { describe, expect, it } from "vitest";
import { arr, type HostArray, run, routine } from "./helpers.js";

/** A deterministic pseudo-random sequence (so failures reproduce). */
function rand(n: number, seed: number, scale = 1): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return ((s / 2 ** 32) * 2 - 1) * scale;
  });
}

function matmul(
  dtype: DType,
  batch: number[],
  m: number,
  n: number,
  k: number,
  lhs: HostArray,
  rhs: HostArray,
): number[] {
  const kernel = routine(
    { name: "matmul", batch, m, n, k },
    [lhs, rhs],
    [{ dtype, shape: [...batch, m, n] }],
  );
  return run(kernel, [lhs, rhs])[0];
}

/** Reference product in float64 over row-major data; also returns Σ|a·b| per element for tolerances. */
function reference(
  m: number,
  n: number,
  k: number,
  a: (i: number, p: number) => number,
  b: (p: number, j: number) => number,
) {
  const out: number[] = [];
  const mag: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let t = 0;
      for (let p = 0; p < k; p++) {
        s += a(i, p) * b(p, j);
        t += Math.abs(a(i, p) * b(p, j));
      }
      out.push(s);
      mag.push(t);
    }
  }
  return { out, mag };
}

describe("matmul (float, packed and register-tiled)", () => {
  // Sizes cover edge tiles (m, n not multiples of 2 and 4), odd k, k beyond one 256-deep block and
  // m beyond one 64-row block, and empty products.
  const sizes: [number, number, number][] = [
    [1, 1, 1],
    [3, 5, 7],
    [17, 9, 33],
    [70, 13, 300],
    [4, 8, 513],
    [2, 3, 0],
    [0, 3, 4],
  ];
  for (const [m, n, k] of sizes) {
    it(`float32 ${m}×${k} · ${k}×${n}`, () => {
      const a = rand(m * k, 1);
      const b = rand(k * n, 2);
      const A = arr("float32", a, contiguousView([m, k]));
      const B = arr("float32", b, contiguousView([k, n]));
      const got = matmul("float32", [], m, n, k, A, B);
      const af = a.map(Math.fround);
      const bf = b.map(Math.fround);
      // float32 products accumulate as XLA's do: a multiply-add rounded to float32 per step, in
      // order along k. The blocking (256-deep, 64-row blocks, edge tiles) must not change that,
      // so the result equals this plain loop bit for bit.
      const want = new Float32Array(m * n);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let acc = 0;
          for (let p = 0; p < k; p++) acc = Math.fround(acc + af[i * k + p] * bf[p * n + j]);
          want[i * n + j] = acc;
        }
      }
      expect(got.length).toBe(m * n);
      expect(Array.from(got)).toEqual(Array.from(want));
    });
  }

  it("float64 with transposed and strided operands", () => {
    const [m, n, k] = [9, 11, 40];
    const a = rand(m * k, 3);
    const b = rand(k * n * 2, 4);
    // lhs stored as [k, m] and read transposed; rhs read with a column step of 2.
    const A = arr("float64", a, { shape: [m, k], strides: [1, m], offset: 0 });
    const B = arr("float64", b, { shape: [k, n], strides: [2 * n, 2], offset: 1 });
    const got = matmul("float64", [], m, n, k, A, B);
    const ref = reference(
      m,
      n,
      k,
      (i, p) => a[p * m + i],
      (p, j) => b[1 + p * 2 * n + 2 * j],
    );
    // float64 accumulation in a different order: 1e-15 of the magnitude.
    ref.out.forEach((w, i) => expect(Math.abs(got[i] - w)).toBeLessThanOrEqual(1e-15 * ref.mag[i]));
  });

  it("batched, with a broadcast (stride 0) batch axis", () => {
    const [m, n, k] = [3, 4, 5];
    const a = rand(2 * m * k, 5);
    const b = rand(k * n, 6);
    const A = arr("float64", a, contiguousView([2, m, k]));
    const B = arr("float64", b, { shape: [2, k, n], strides: [0, n, 1], offset: 0 });
    const got = matmul("float64", [2], m, n, k, A, B);
    for (let t = 0; t < 2; t++) {
      const ref = reference(
        m,
        n,
        k,
        (i, p) => a[t * m * k + i * k + p],
        (p, j) => b[p * n + j],
      );
      ref.out.forEach((w, i) =>
        expect(Math.abs(got[t * m * n + i] - w)).toBeLessThanOrEqual(1e-15 * ref.mag[i]),
      );
    }
  });

  it("masked (padded) operands read zeros", () => {
    // lhs [2, 3] padded to [3, 3] with a zero row on top.
    const view: View = padView(contiguousView([2, 3]), [1, 0], [0, 0]);
    const A = arr("float32", [1, 2, 3, 4, 5, 6], view);
    const B = arr("float32", [1, 0, 0, 1, 1, 1], contiguousView([3, 2]));
    expect(matmul("float32", [], 3, 2, 3, A, B)).toEqual([0, 0, 4, 5, 10, 11]);
  });

  it("float16 accumulates in float64 and rounds once", () => {
    const A = arr("float16", [1, 2 ** -11, 2 ** -11], contiguousView([1, 3]));
    const B = arr("float16", [1, 1, 1], contiguousView([3, 1]));
    expect(matmul("float16", [], 1, 1, 3, A, B)).toEqual([f16round(1 + 2 ** -10)]);
  });
});

describe("matmul (other dtypes)", () => {
  it("int32 wraps modulo 2^32", () => {
    const A = arr("int32", [65536, 3, -7, 2147483647], contiguousView([2, 2]));
    const B = arr("int32", [65536, 1, 2, 2], contiguousView([2, 2]));
    // [65536·65536 + 3·2, 65536 + 6], [-7·65536 + 2147483647·2, -7 + 2147483647·2] wrapped.
    expect(matmul("int32", [], 2, 2, 2, A, B)).toEqual([6, 65542, -458754, -9]);
  });

  it("uint8 and bool", () => {
    const A = arr("uint8", [200, 100], contiguousView([1, 2]));
    const B = arr("uint8", [2, 1], contiguousView([2, 1]));
    expect(matmul("uint8", [], 1, 1, 2, A, B)).toEqual([(400 + 100) % 256]);
    const P = arr("bool", [1, 0, 0, 0], contiguousView([2, 2]));
    const Q = arr("bool", [0, 1, 1, 0], contiguousView([2, 2]));
    expect(matmul("bool", [], 2, 2, 2, P, Q)).toEqual([0, 1, 0, 0]);
  });

  it("complex64 and complex128", () => {
    const A = arr(
      "complex128",
      [
        [1, 2],
        [3, -1],
      ],
      contiguousView([1, 2]),
    );
    const B = arr(
      "complex128",
      [
        [0, 1],
        [2, 2],
      ],
      contiguousView([2, 1]),
    );
    // (1+2i)(i) + (3-i)(2+2i) = (-2+i) + (8+4i) = 6+5i
    expect(matmul("complex128", [], 1, 1, 2, A, B)).toEqual([6, 5]);
    const C = arr("complex64", [[0.1, 0.2]], contiguousView([1, 1]));
    const D = arr("complex64", [[0.3, 0]], contiguousView([1, 1]));
    expect(matmul("complex64", [], 1, 1, 1, C, D)).toEqual([
      Math.fround(Math.fround(0.1) * Math.fround(0.3)),
      Math.fround(Math.fround(0.2) * Math.fround(0.3)),
    ]);
  });

  it("rejects mismatched shapes and dtypes", () => {
    const A = arr("float32", [1, 2], contiguousView([1, 2]));
    const B = arr("float32", [1, 2], contiguousView([1, 2]));
    expect(() => matmul("float32", [], 1, 2, 2, A, B)).toThrow(/matmul shapes/);
    const I = arr("int32", [1, 2], contiguousView([2, 1]));
    expect(() => matmul("float32", [], 1, 1, 2, A, I)).toThrow(/dtypes must match/);
  });
});
