import {
  DTYPES as ALL_DTYPES,
  contiguousView,
  type DType,
  type GatherDimensionNumbers,
  type GatherMode,
  permuteView,
  type RoutineKernel,
  type View,
} from "@jaxts/backend";
import { describe, expect, test } from "vitest";
import { compare } from "./helpers.js";
import { bufferData, bufferElements, viewsOf } from "./routine-views.js";

function gather(
  dtype: DType,
  operand: View,
  indices: View,
  dn: Partial<GatherDimensionNumbers>,
  sliceSizes: number[],
  outShape: number[],
  mode: GatherMode,
  fillValue = 2.5,
): RoutineKernel {
  return {
    kind: "routine",
    routine: {
      name: "gather",
      dimensionNumbers: {
        offsetDims: [],
        collapsedSliceDims: [],
        startIndexMap: [],
        operandBatchingDims: [],
        startIndicesBatchingDims: [],
        ...dn,
      },
      sliceSizes,
      mode,
      fillValue,
    },
    inputs: [
      { dtype, view: operand },
      { dtype: "int32", view: indices },
    ],
    outputs: [{ dtype, shape: outShape }],
  };
}

const DTYPES: readonly DType[] = ALL_DTYPES;
const MODES: GatherMode[] = ["clip", "fill", "promise_in_bounds"];

/** Index buffer contents: in range, negative and past the end, cycling. */
function indexData(n: number, shift = 0): number[] {
  const pool = [0, 1, 2, -1, 3, 100, -7, 4, 1, 0, 5, 2];
  return Array.from({ length: n }, (_, i) => pool[(i + shift) % pool.length]);
}

/** A case: operand shape, index view shape, dimension numbers, slice sizes, output shape. */
type Case = [string, number[], number[], Partial<GatherDimensionNumbers>, number[], number[]];

const CASES: Case[] = [
  [
    "row gather",
    [6, 4],
    [5, 1],
    { offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0] },
    [1, 4],
    [5, 4],
  ],
  [
    "column gather",
    [4, 6],
    [3, 1],
    { offsetDims: [0], collapsedSliceDims: [1], startIndexMap: [1] },
    [4, 1],
    [4, 3],
  ],
  [
    "take along axis (batching dims)",
    [4, 5],
    [4, 3, 1],
    {
      collapsedSliceDims: [1],
      startIndexMap: [1],
      operandBatchingDims: [0],
      startIndicesBatchingDims: [0],
    },
    [1, 1],
    [4, 3],
  ],
  [
    "take along axis (point indices)",
    [3, 5],
    [3, 4, 2],
    { collapsedSliceDims: [0, 1], startIndexMap: [0, 1] },
    [1, 1],
    [3, 4],
  ],
  [
    "2-d index vectors, uncollapsed windows",
    [4, 5, 6],
    [3, 2],
    { offsetDims: [1, 2, 3], startIndexMap: [2, 0] },
    [2, 3, 4],
    [3, 2, 3, 4],
  ],
  [
    "offset dims first",
    [4, 5, 6],
    [3, 2],
    { offsetDims: [0, 2, 3], startIndexMap: [2, 0] },
    [2, 3, 4],
    [2, 3, 3, 4],
  ],
  [
    "batch of batches, window of a middle axis",
    [5, 6, 3],
    [2, 3, 1],
    { offsetDims: [2, 3], collapsedSliceDims: [1], startIndexMap: [1] },
    [5, 1, 2],
    [2, 3, 5, 2],
  ],
  [
    "full slices (starts clamp to 0)",
    [3, 4],
    [4, 2],
    { offsetDims: [1, 2], startIndexMap: [0, 1] },
    [3, 4],
    [4, 3, 4],
  ],
  ["empty index vectors", [3, 4], [5, 0], { offsetDims: [1, 2] }, [2, 3], [5, 2, 3]],
  [
    "no indices",
    [6, 4],
    [0, 1],
    { offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0] },
    [1, 4],
    [0, 4],
  ],
  [
    "empty slices",
    [6, 4],
    [3, 1],
    { offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0] },
    [1, 0],
    [3, 0],
  ],
  ["scalar operand", [], [4, 0], {}, [], [4]],
];

/** Views of the indices: contiguous, offset, transposed, flipped, broadcast (the last two kept rank). */
function indexViews(shape: number[]): [string, View][] {
  return viewsOf(shape).filter(([name]) => name !== "strided" || shape[shape.length - 1] > 0);
}

describe("gather as wasm, bit for bit with cpu", () => {
  for (const dtype of DTYPES) {
    test(`${dtype}: operand and index views, every mode, out-of-range indices`, () => {
      for (const [name, opShape, idxShape, dn, sizes, outShape] of CASES) {
        const opViews = viewsOf(opShape);
        const idxViews = indexViews(idxShape);
        for (let k = 0; k < Math.max(opViews.length, idxViews.length); k++) {
          const [opName, opView] = opViews[k % opViews.length];
          const [idxName, idxView] = idxViews[(k + 1) % idxViews.length];
          for (const mode of MODES) {
            for (const shift of [0, 3]) {
              const kernel = gather(
                dtype,
                opView,
                idxView,
                dn,
                sizes,
                outShape,
                mode,
                shift ? 2.5 : Number.NaN,
              );
              const r = compare(kernel, [
                bufferData(dtype, bufferElements(opView)),
                indexData(bufferElements(idxView), shift),
              ]);
              const where = `${name}: ${opName} [${opShape}], ${idxName} indices [${idxShape}], ${mode}, shift ${shift}`;
              expect(r.ok, `${where}: ${JSON.stringify(r)}`).toBe(true);
              expect(r.path, where).toBe("wasm");
            }
          }
        }
      }
    });
  }

  test("float16 NaN payloads: raw from a contiguous operand, canonical from a strided one", () => {
    const bits = [0x7c01, 0xfe00, 0x7e00, 0x3c00, 0xffff, 0x7c00, 0x8000, 0x7d23];
    const dn = { offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0] };
    for (const [name, view] of [
      ["contiguous", contiguousView([4, 2])],
      ["transposed", permuteView(contiguousView([2, 4]), [1, 0])],
    ] as const) {
      for (const mode of MODES) {
        const r = compare(gather("float16", view, contiguousView([6, 1]), dn, [1, 2], [6, 2], mode), [
          bits,
          [3, 0, 2, 1, -1, 9],
        ]);
        expect(r.ok, `${name} ${mode}: ${JSON.stringify(r)}`).toBe(true);
        expect(r.path).toBe("wasm");
      }
    }
  });

  test("an embedding lookup and a large take_along_axis", () => {
    const vocab = 3000;
    const dim = 64;
    const rows = Array.from({ length: 500 }, (_, i) => ((i * 7919) % (vocab + 40)) - 20);
    for (const mode of MODES) {
      const r = compare(
        gather(
          "float32",
          contiguousView([vocab, dim]),
          contiguousView([rows.length, 1]),
          { offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0] },
          [1, dim],
          [rows.length, dim],
          mode,
          -1,
        ),
        [bufferData("float32", vocab * dim, 0, true), rows],
      );
      expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
      expect(r.path).toBe("wasm");
    }
    const n = 200;
    const idx = Array.from({ length: n * n }, (_, i) => ((i * 31) % (n + 4)) - 2);
    for (const mode of MODES) {
      const r = compare(
        gather(
          "float32",
          contiguousView([n, n]),
          contiguousView([n, n, 1]),
          {
            collapsedSliceDims: [1],
            startIndexMap: [1],
            operandBatchingDims: [0],
            startIndicesBatchingDims: [0],
          },
          [1, 1],
          [n, n],
          mode,
        ),
        [bufferData("float32", n * n, 0, true), idx],
      );
      expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
      expect(r.path).toBe("wasm");
    }
  });

  test("more index vectors than one table chunk", () => {
    const n = 20000;
    const idx = Array.from({ length: n }, (_, i) => ((i * 13) % 11) - 2);
    for (const mode of MODES) {
      const r = compare(
        gather(
          "int16",
          contiguousView([7, 3]),
          contiguousView([n, 1]),
          { offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0] },
          [1, 3],
          [n, 3],
          mode,
          9,
        ),
        [bufferData("int16", 21), idx],
      );
      expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
      expect(r.path).toBe("wasm");
    }
  });
  test("windows of more than three unmergeable axes (outer axes as table entries)", () => {
    const view = permuteView(contiguousView([5, 4, 3, 2]), [3, 2, 1, 0]);
    for (const dtype of ["float32", "complex128", "bool"] as DType[]) {
      for (const mode of MODES) {
        const r = compare(
          gather(
            dtype,
            view,
            contiguousView([3, 2]),
            { offsetDims: [1, 2, 3, 4], startIndexMap: [3, 1] },
            [2, 2, 3, 4],
            [3, 2, 2, 3, 4],
            mode,
          ),
          [bufferData(dtype, 120), [0, 1, 9, 0, 2, -1]],
        );
        expect(r.ok, `${dtype} ${mode}: ${JSON.stringify(r)}`).toBe(true);
        expect(r.path).toBe("wasm");
      }
    }
  });
});

describe("gather falls back to cpu", () => {
  const dn = { offsetDims: [1], collapsedSliceDims: [0], startIndexMap: [0] };

  test("masked operand or indices", () => {
    const masked: View = {
      ...contiguousView([6, 4]),
      mask: [
        [0, 3],
        [0, 4],
      ],
    };
    const r = compare(gather("float32", masked, contiguousView([3, 1]), dn, [1, 4], [3, 4], "clip"), [
      bufferData("float32", 24),
      [0, 4, 2],
    ]);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(r.path).toBe("cpu");
    const maskedIdx: View = {
      ...contiguousView([3, 1]),
      mask: [
        [0, 2],
        [0, 1],
      ],
    };
    const s = compare(gather("float32", contiguousView([6, 4]), maskedIdx, dn, [1, 4], [3, 4], "fill"), [
      bufferData("float32", 24),
      [5, 1, 2],
    ]);
    expect(s.ok, JSON.stringify(s)).toBe(true);
    expect(s.path).toBe("cpu");
  });

  test("mismatched dimension numbers are the cpu routine's error", () => {
    const r = compare(
      gather("float32", contiguousView([6, 4]), contiguousView([3, 2]), dn, [1, 4], [3, 4], "clip"),
      [bufferData("float32", 24), [0, 1, 2, 3, 4, 5]],
    );
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(r.path).toBeUndefined();
  });
});
