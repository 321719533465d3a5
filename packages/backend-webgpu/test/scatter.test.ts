import {
  contiguousView,
  type DType,
  type GatherMode,
  type ScatterCombiner,
  type ScatterDimensionNumbers,
} from "@jaxts/backend";
import { describe, test } from "vitest";
import { gpu } from "./helpers.js";
import { check, input, values } from "./routine-helpers.js";

// Scatter in WGSL against the cpu backend, duplicates and out-of-bounds indices included.

const dn = (d: Partial<ScatterDimensionNumbers>): ScatterDimensionNumbers => ({
  updateWindowDims: [],
  insertedWindowDims: [],
  scatterDimsToOperandDims: [],
  operandBatchingDims: [],
  scatterIndicesBatchingDims: [],
  ...d,
});

/** x.at[idx].op(updates) on rows of a [5, 3] operand: indices with duplicates and out-of-bounds entries. */
async function rows(
  dtype: DType,
  combiner: ScatterCombiner,
  mode: GatherMode,
  lowered = true,
): Promise<void> {
  const idx = [0, 4, 2, -1, 2, 7, 4, 0, 2];
  const upd = values(27, dtype, 5);
  if (dtype === "float32") upd[4] = Number.NaN;
  await check(
    {
      name: "scatter",
      dimensionNumbers: dn({ updateWindowDims: [1], insertedWindowDims: [0], scatterDimsToOperandDims: [0] }),
      combiner,
      mode,
    },
    [
      input(dtype, contiguousView([5, 3])),
      input("int32", contiguousView([9, 1]), idx),
      input(dtype, contiguousView([9, 3]), upd),
    ],
    [{ dtype, shape: [5, 3] }],
    lowered,
  );
}

describe.skipIf(!gpu)("scatter", () => {
  for (const mode of ["clip", "fill", "promise_in_bounds"] as GatherMode[]) {
    for (const combiner of ["set", "add", "mul", "min", "max"] as ScatterCombiner[]) {
      test(`${combiner} (${mode})`, async () => {
        for (const dtype of ["int32", "uint32", "float32"] as DType[]) {
          const lowered = !(dtype === "float32" && (combiner === "add" || combiner === "mul"));
          await rows(dtype, combiner, mode, lowered);
        }
      });
    }
  }
  test("points into a transposed operand, windows, batching dims", async () => {
    await check(
      {
        name: "scatter",
        dimensionNumbers: dn({ insertedWindowDims: [0, 1], scatterDimsToOperandDims: [1, 0] }),
        combiner: "set",
        mode: "fill",
      },
      [
        input("float32", { shape: [4, 5], strides: [1, 4], offset: 0 }),
        input("int32", contiguousView([4, 2]), [1, 2, 4, 3, 1, 2, 0, 9]),
        input("float32", contiguousView([4])),
      ],
      [{ dtype: "float32", shape: [4, 5] }],
    );
    await check(
      {
        name: "scatter",
        dimensionNumbers: dn({ updateWindowDims: [1, 2], scatterDimsToOperandDims: [0, 1] }),
        combiner: "max",
        mode: "clip",
      },
      [
        input("int32", contiguousView([4, 5])),
        input("int32", contiguousView([3, 2]), [1, 2, 3, 4, -1, 0]),
        input("int32", contiguousView([3, 2, 2])),
      ],
      [{ dtype: "int32", shape: [4, 5] }],
    );
    await check(
      {
        name: "scatter",
        dimensionNumbers: dn({
          insertedWindowDims: [1],
          scatterDimsToOperandDims: [1],
          operandBatchingDims: [0],
          scatterIndicesBatchingDims: [0],
        }),
        combiner: "add",
        mode: "promise_in_bounds",
      },
      [
        input("int32", contiguousView([2, 5])),
        input("int32", contiguousView([2, 3, 1]), [4, 4, 2, 1, 9, 1]),
        input("int32", contiguousView([2, 3])),
      ],
      [{ dtype: "int32", shape: [2, 5] }],
    );
  });
  test("narrow dtypes stay on the fallback", async () => {
    await rows("int8", "add", "clip", false);
  });
});
