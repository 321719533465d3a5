import type { CumulativeOp, DType, RoutineKernel, View } from "@jaxts/backend";
import { contiguousView } from "@jaxts/backend";
import { describe, expect, test } from "vitest";
import { compare, runOn, wasm } from "./helpers.js";
import { bufferData, bufferElements, viewsOf } from "./routine-views.js";

function cumulative(
  dtype: DType,
  view: View,
  op: CumulativeOp,
  axis: number,
  reverse: boolean,
): RoutineKernel {
  return {
    kind: "routine",
    routine: { name: "cumulative", op, axis, reverse },
    inputs: [{ dtype, view }],
    outputs: [{ dtype, shape: view.shape }],
  };
}

const SHAPES = [[0], [1], [7], [3, 5], [4, 9], [1, 6], [0, 3], [4, 1, 6], [2, 3, 4], [2, 17, 3]];
const CASES: [DType, CumulativeOp[]][] = [
  ["float32", ["sum", "prod", "max", "min"]],
  ["float64", ["sum", "prod", "max", "min"]],
  ["int32", ["sum", "prod", "max", "min"]],
  ["uint32", ["sum", "prod", "max", "min"]],
];

describe("cumulative as wasm, bit for bit with cpu", () => {
  for (const [dtype, ops] of CASES) {
    for (const op of ops) {
      test(`${op} ${dtype}: every axis, reverse, view, edge size`, () => {
        let checked = 0;
        for (const shape of SHAPES) {
          for (const [name, view] of viewsOf(shape)) {
            for (let axis = 0; axis < shape.length; axis++) {
              for (const reverse of [false, true]) {
                for (const random of [false, true]) {
                  const kernel = cumulative(dtype, view, op, axis, reverse);
                  const data = bufferData(dtype, bufferElements(view), axis, random);
                  const r = compare(kernel, [data]);
                  const where = `${name} [${shape}] axis ${axis} reverse ${reverse} random ${random}`;
                  expect(r.ok, `${where}: ${JSON.stringify(r)}`).toBe(true);
                  expect(r.path, where).toBe("wasm");
                  checked++;
                }
              }
            }
          }
        }
        expect(checked).toBeGreaterThan(300);
      });
    }
  }

  test("float32 sums round every step, as the cpu routine does (no float64 accumulator)", () => {
    // 1 + 2^-24 + 2^-24: rounded per step it stays 1; accumulated in float64 it would be 1 + 2^-23.
    const kernel = cumulative("float32", contiguousView([3]), "sum", 0, false);
    const got = runOn(wasm, kernel, [[1, 2 ** -24, 2 ** -24]]);
    if ("error" in got) throw new Error(got.error);
    expect([...new Float32Array(got.outputs[0].slice().buffer)]).toEqual([1, 1, 1]);
  });

  test("long scans (SIMD rows and running values) match", () => {
    for (const [shape, axis] of [
      [[1000], 0],
      [[64, 257], 0],
      [[64, 257], 1],
    ] as const) {
      const view = contiguousView(shape);
      for (const op of ["sum", "prod", "max"] as const) {
        const r = compare(cumulative("float32", view, op, axis, false), [
          bufferData("float32", bufferElements(view), 1, true),
        ]);
        expect(r.ok, `${op} [${shape}] ${axis}`).toBe(true);
        expect(r.path).toBe("wasm");
      }
    }
  });
});

describe("cumulative fallback and checks", () => {
  test("logsumexp, other dtypes and masked views run the cpu routine", () => {
    for (const dtype of ["float32", "float64"] as const) {
      const r = compare(cumulative(dtype, contiguousView([3, 4]), "logsumexp", 1, true), [
        bufferData(dtype, 12),
      ]);
      expect(r.ok, dtype).toBe(true);
      expect(r.path).toBe("cpu");
    }
    for (const dtype of ["int8", "float16", "complex64", "bool"] as const) {
      const view = contiguousView([5]);
      const r = compare(cumulative(dtype, view, dtype === "bool" ? "max" : "sum", 0, false), [
        bufferData(dtype, 5),
      ]);
      expect(r.ok, dtype).toBe(true);
      expect(r.path).toBe("cpu");
    }
    const masked: View = { shape: [6], strides: [1], offset: -1, mask: [[1, 5]] };
    const r = compare(cumulative("float32", masked, "sum", 0, false), [bufferData("float32", 6)]);
    expect(r.ok).toBe(true);
    expect(r.path).toBe("cpu");
  });

  test("an operand view outside its buffer is refused", () => {
    const got = runOn(wasm, cumulative("float32", contiguousView([4], 10), "sum", 0, false), [[1, 2, 3, 4]]);
    expect("error" in got && got.error).toMatch(
      /cumulative operand reads elements 10\.\.13 of a buffer of 4/,
    );
  });
});
