import {
  contiguousView,
  type DType,
  type GatherDimensionNumbers,
  type GatherMode,
  type View,
} from "@jaxts/backend";
import { describe, test } from "vitest";
import { gpu } from "./helpers.js";
import { check, input, scalar, values } from "./routine-helpers.js";

// Cumulative scans, dynamic slices and gathers in WGSL against the cpu backend, bit for bit.

describe.skipIf(!gpu)("cumulative", () => {
  const shape = [3, 5, 4];
  for (const op of ["sum", "prod", "max", "min"] as const)
    for (const axis of [0, 1, 2])
      for (const reverse of [false, true])
        test(`${op} axis ${axis}${reverse ? " reverse" : ""}`, async () => {
          const vals = values(60, "float32", axis + 1);
          vals[7] = Number.NaN;
          await check(
            { name: "cumulative", op, axis, reverse },
            [input("float32", contiguousView(shape), vals)],
            [{ dtype: "float32", shape }],
          );
        });
  test("int32 and uint32, transposed input", async () => {
    const view: View = { shape: [4, 6], strides: [1, 4], offset: 0 };
    await check(
      { name: "cumulative", op: "sum", axis: 1, reverse: false },
      [input("int32", view)],
      [{ dtype: "int32", shape: [4, 6] }],
    );
    await check(
      { name: "cumulative", op: "prod", axis: 0, reverse: true },
      [input("uint32", view)],
      [{ dtype: "uint32", shape: [4, 6] }],
    );
  });
  test("empty axis; logsumexp and packed dtypes stay on the fallback", async () => {
    await check(
      { name: "cumulative", op: "sum", axis: 0, reverse: false },
      [input("float32", contiguousView([0, 3]))],
      [{ dtype: "float32", shape: [0, 3] }],
    );
    await check(
      { name: "cumulative", op: "logsumexp", axis: 0, reverse: false },
      [input("float32", contiguousView([4]))],
      [{ dtype: "float32", shape: [4] }],
      false,
    );
    await check(
      { name: "cumulative", op: "max", axis: 0, reverse: false },
      [input("int8", contiguousView([5]))],
      [{ dtype: "int8", shape: [5] }],
      false,
    );
  });
});

describe.skipIf(!gpu)("dynamic slices", () => {
  for (const [s0, s1] of [
    [2, -1],
    [10, 3],
    [0, 0],
    [-5, 99],
  ])
    test(`dynamic_slice at (${s0}, ${s1})`, async () => {
      for (const dtype of ["float32", "int8", "bool"] as DType[]) {
        await check(
          { name: "dynamic_slice", sizes: [2, 3] },
          [input(dtype, contiguousView([5, 6])), scalar(s0), scalar(s1)],
          [{ dtype, shape: [2, 3] }],
        );
      }
      const view: View = { shape: [5, 6], strides: [1, 5], offset: 0 };
      await check(
        { name: "dynamic_slice", sizes: [3, 6] },
        [input("int32", view), scalar(s0), scalar(s1)],
        [{ dtype: "int32", shape: [3, 6] }],
      );
    });
  for (const [s0, s1] of [
    [2, -1],
    [10, 3],
    [1, 2],
  ])
    test(`dynamic_update_slice at (${s0}, ${s1})`, async () => {
      for (const dtype of ["float32", "uint8", "bool", "int16"] as DType[]) {
        await check(
          { name: "dynamic_update_slice" },
          [
            input(dtype, contiguousView([5, 6])),
            input(dtype, contiguousView([2, 3]), values(6, dtype, 9)),
            scalar(s0),
            scalar(s1),
          ],
          [{ dtype, shape: [5, 6] }],
        );
      }
    });
  test("rank 0", async () => {
    await check(
      { name: "dynamic_slice", sizes: [] },
      [input("float32", contiguousView([]))],
      [{ dtype: "float32", shape: [] }],
    );
    await check(
      { name: "dynamic_update_slice" },
      [input("float32", contiguousView([]), [1]), input("float32", contiguousView([]), [2])],
      [{ dtype: "float32", shape: [] }],
    );
  });
});

const dn = (d: Partial<GatherDimensionNumbers>): GatherDimensionNumbers => ({
  offsetDims: [],
  collapsedSliceDims: [],
  startIndexMap: [],
  operandBatchingDims: [],
  startIndicesBatchingDims: [],
  ...d,
});

describe.skipIf(!gpu)("gather", () => {
  for (const mode of ["clip", "fill", "promise_in_bounds"] as GatherMode[]) {
    test(`take rows (${mode})`, async () => {
      for (const dtype of ["float32", "int32", "uint8", "bool"] as DType[]) {
        await check(
          {
            name: "gather",
            dimensionNumbers: dn({ offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0] }),
            sliceSizes: [1, 3],
            mode,
            fillValue: mode === "fill" ? 7 : 0,
          },
          [input(dtype, contiguousView([5, 3])), input("int32", contiguousView([6, 1]), [0, 4, -1, 7, 2, 5])],
          [{ dtype, shape: [6, 3] }],
        );
      }
    });
    test(`point gather and windows (${mode})`, async () => {
      await check(
        {
          name: "gather",
          dimensionNumbers: dn({ collapsedSliceDims: [0, 1], startIndexMap: [0, 1] }),
          sliceSizes: [1, 1],
          mode,
          fillValue: Number.NaN,
        },
        [
          input("float32", { shape: [4, 5], strides: [1, 4], offset: 0 }),
          input("int32", contiguousView([3, 2]), [1, 2, 3, 5, -1, 0]),
        ],
        [{ dtype: "float32", shape: [3] }],
      );
      await check(
        {
          name: "gather",
          dimensionNumbers: dn({ offsetDims: [1, 2], startIndexMap: [1, 0] }),
          sliceSizes: [2, 2],
          mode,
          fillValue: -1,
        },
        [input("int32", contiguousView([4, 5])), input("int32", contiguousView([3, 2]), [1, 2, 4, 3, 0, -2])],
        [{ dtype: "int32", shape: [3, 2, 2] }],
      );
    });
  }
  test("batching dims", async () => {
    await check(
      {
        name: "gather",
        dimensionNumbers: dn({
          collapsedSliceDims: [1],
          startIndexMap: [1],
          operandBatchingDims: [0],
          startIndicesBatchingDims: [0],
        }),
        sliceSizes: [1, 1],
        mode: "clip",
        fillValue: 0,
      },
      [
        input("float32", contiguousView([2, 5])),
        input("int32", contiguousView([2, 3, 1]), [4, 0, 2, 1, 9, 3]),
      ],
      [{ dtype: "float32", shape: [2, 3] }],
    );
  });
});
