import { contiguousView, type DType, type View } from "@jaxts/backend";
import { describe, test } from "vitest";
import { gpu } from "./helpers.js";
import { check, input, values } from "./routine-helpers.js";

// The bitonic sort in WGSL against the cpu backend's stable sort.

const sort = (numKeys: number, descending: boolean) => ({ name: "sort", numKeys, descending }) as const;

describe.skipIf(!gpu)("sort", () => {
  for (const n of [1, 2, 7, 64, 100, 1000])
    for (const descending of [false, true])
      test(`float32 rows of ${n}${descending ? " descending" : ""}, with NaNs, zeros and ties`, async () => {
        const vals = values(3 * n, "float32", n).map((v) => Math.round(v * 2) / 2);
        for (let i = 0; i < vals.length; i += 5) vals[i] = Number.NaN;
        for (let i = 2; i < vals.length; i += 7) vals[i] = -0;
        const iota = Array.from({ length: 3 * n }, (_, i) => i % n);
        await check(
          sort(1, descending),
          [input("float32", contiguousView([3, n]), vals), input("int32", contiguousView([3, n]), iota)],
          [
            { dtype: "float32", shape: [3, n] },
            { dtype: "int32", shape: [3, n] },
          ],
        );
      });
  test("two keys, integer and bool dtypes, strided input", async () => {
    const view: View = { shape: [4, 12], strides: [1, 4], offset: 0 };
    for (const dtype of ["int32", "uint32", "uint8", "bool", "int16"] as DType[]) {
      const k1 = values(48, dtype, 3).map((v) => (dtype === "bool" ? v : v % 5));
      await check(
        sort(2, false),
        [
          input(dtype, view, k1),
          input("float32", contiguousView([4, 12]), values(48, "float32", 4).map(Math.round)),
        ],
        [
          { dtype, shape: [4, 12] },
          { dtype: "float32", shape: [4, 12] },
        ],
      );
    }
  });
  test("3-d operand and empty rows", async () => {
    await check(
      sort(1, true),
      [input("int32", contiguousView([2, 3, 5]))],
      [{ dtype: "int32", shape: [2, 3, 5] }],
    );
    await check(
      sort(1, false),
      [input("float32", contiguousView([3, 0]))],
      [{ dtype: "float32", shape: [3, 0] }],
    );
  });
  test("long rows and unaligned packed rows stay on the fallback", async () => {
    await check(
      sort(1, false),
      [input("float32", contiguousView([5000]))],
      [{ dtype: "float32", shape: [5000] }],
      false,
    );
    await check(
      sort(1, false),
      [input("int8", contiguousView([2, 3]))],
      [{ dtype: "int8", shape: [2, 3] }],
      false,
    );
  });
});
