import {
  DTYPES as ALL_DTYPES,
  contiguousView,
  type DType,
  type RoutineKernel,
  type View,
} from "@jaxts/backend";
import { describe, expect, test } from "vitest";
import { type Backend, sizeOf } from "@jaxts/backend";
import { compare, cpu, runOn, wasm } from "./helpers.js";
import { bufferData, bufferElements, SCALAR, viewsOf } from "./routine-views.js";

function dynamicSlice(dtype: DType, view: View, sizes: number[]): RoutineKernel {
  return {
    kind: "routine",
    routine: { name: "dynamic_slice", sizes },
    inputs: [{ dtype, view }, ...sizes.map(() => SCALAR)],
    outputs: [{ dtype, shape: sizes }],
  };
}

function dynamicUpdateSlice(dtype: DType, view: View, update: View): RoutineKernel {
  return {
    kind: "routine",
    routine: { name: "dynamic_update_slice" },
    inputs: [{ dtype, view }, { dtype, view: update }, ...view.shape.map(() => SCALAR)],
    outputs: [{ dtype, shape: view.shape }],
  };
}

/** Every dtype, so every element size: 1, 2, 4, 8 (float64, complex64) and 16 (complex128). */
const DTYPES: readonly DType[] = ALL_DTYPES;

/** [operand shape, window sizes, start sets] (starts out of range on purpose: they clamp). */
const CASES: [number[], number[], number[][]][] = [
  [[], [], [[]]],
  [[0], [0], [[0], [3]]],
  [[1], [1], [[0], [-2]]],
  [[7], [3], [[0], [2], [5], [-1], [100]]],
  [[7], [7], [[3]]],
  [
    [4, 6],
    [2, 3],
    [
      [1, 2],
      [-5, 9],
      [3, 3],
    ],
  ],
  [
    [4, 6],
    [4, 1],
    [
      [0, 5],
      [2, 2],
    ],
  ],
  [[4, 6], [0, 2], [[1, 1]]],
  [
    [3, 4, 5],
    [2, 2, 5],
    [
      [1, 1, 0],
      [0, 9, -3],
    ],
  ],
  [[2, 3, 1, 4, 2], [1, 2, 1, 3, 2], [[1, 1, 0, 1, 0]]],
];

describe("dynamic_slice as wasm, bit for bit with cpu", () => {
  for (const dtype of DTYPES) {
    test(`${dtype}: views, clamped starts, edge sizes`, () => {
      for (const [shape, sizes, startSets] of CASES) {
        for (const [name, view] of viewsOf(shape)) {
          for (const starts of startSets) {
            const r = compare(dynamicSlice(dtype, view, sizes), [
              bufferData(dtype, bufferElements(view)),
              ...starts.map((s) => [s]),
            ]);
            const where = `${name} [${shape}] window [${sizes}] at [${starts}]`;
            expect(r.ok, `${where}: ${JSON.stringify(r)}`).toBe(true);
            expect(r.path, where).toBe("wasm");
          }
        }
      }
    });
  }
});

describe("dynamic_update_slice as wasm, bit for bit with cpu", () => {
  for (const dtype of DTYPES) {
    test(`${dtype}: operand and update views, clamped starts, edge sizes`, () => {
      for (const [shape, sizes, startSets] of CASES) {
        const operandViews = viewsOf(shape);
        const updateViews = viewsOf(sizes);
        for (let k = 0; k < Math.max(operandViews.length, updateViews.length); k++) {
          const [opName, view] = operandViews[k % operandViews.length];
          const [upName, update] = updateViews[(k + 1) % updateViews.length];
          for (const starts of startSets) {
            const r = compare(dynamicUpdateSlice(dtype, view, update), [
              bufferData(dtype, bufferElements(view)),
              bufferData(dtype, bufferElements(update), 7),
              ...starts.map((s) => [s]),
            ]);
            const where = `${opName} [${shape}] ← ${upName} [${sizes}] at [${starts}]`;
            expect(r.ok, `${where}: ${JSON.stringify(r)}`).toBe(true);
            expect(r.path, where).toBe("wasm");
          }
        }
      }
    });
  }

  test("a large contiguous row and a strided column", () => {
    const view = contiguousView([300, 200]);
    const data = bufferData("float32", 300 * 200, 0, true);
    for (const [sizes, starts] of [
      [
        [1, 200],
        [17, 0],
      ],
      [
        [300, 1],
        [0, 199],
      ],
      [
        [100, 100],
        [250, 150],
      ],
    ]) {
      const update = contiguousView(sizes);
      const r = compare(dynamicUpdateSlice("float32", view, update), [
        data,
        bufferData("float32", sizes[0] * sizes[1], 3, true),
        ...starts.map((s) => [s]),
      ]);
      expect(r.ok, `[${sizes}] at [${starts}]`).toBe(true);
      expect(r.path).toBe("wasm");
    }
  });
});

/** Runs a kernel on inputs given as raw bytes (so bools may hold stray bytes); the output's bytes. */
function runRaw(backend: Backend, kernel: RoutineKernel, inputs: Uint8Array[]): Uint8Array {
  const ins = inputs.map((bytes) => {
    const b = backend.alloc(bytes.byteLength);
    backend.write(b, bytes);
    return b;
  });
  const out = kernel.outputs[0];
  const bytesPer = { bool: 1, float16: 2 }[out.dtype as "bool" | "float16"];
  const o = backend.alloc(sizeOf(out.shape) * bytesPer);
  backend.run(backend.compile(kernel), ins, [o]);
  const got = backend.readSync!(o);
  for (const b of [...ins, o]) backend.free(b);
  return got;
}

describe("dynamic slices copy values as the cpu routine does", () => {
  const int32 = (...v: number[]) => new Uint8Array(new Int32Array(v).buffer);
  // Every float16 bit pattern (NaN payloads included), and bool bytes other than 0 and 1.
  const f16 = new Uint8Array(new Uint16Array(Array.from({ length: 65536 }, (_, i) => i)).buffer);
  const bools = new Uint8Array(Array.from({ length: 64 }, (_, i) => (i * 37) % 256));
  for (const [dtype, bytes, n] of [
    ["float16", f16, 65536],
    ["bool", bools, 64],
  ] as const) {
    test(`${dtype}: bit for bit (canonical copies, raw contiguous updates)`, () => {
      const half = n / 2;
      const kernels: [RoutineKernel, Uint8Array[]][] = [
        [dynamicSlice(dtype, contiguousView([n]), [half]), [bytes, int32(3)]],
        [dynamicSlice(dtype, contiguousView([2, half]), [2, 5]), [bytes, int32(0), int32(7)]],
        // A contiguous update (read raw by the cpu routine) and a strided one (copied).
        [
          dynamicUpdateSlice(
            dtype,
            contiguousView([half]),
            contiguousView([half / 2], Math.floor(half * 0.9)),
          ),
          [bytes, bytes, int32(1)],
        ],
        [
          dynamicUpdateSlice(dtype, contiguousView([half]), { shape: [half / 2], strides: [2], offset: 1 }),
          [bytes, bytes, int32(2)],
        ],
      ];
      for (const [kernel, inputs] of kernels) {
        expect(wasm.compile(kernel)).toHaveProperty("path", "wasm");
        expect(runRaw(wasm, kernel, inputs)).toEqual(runRaw(cpu, kernel, inputs));
      }
    });
  }
});

describe("dynamic slices: fallback and checks", () => {
  test("masked operands run the cpu routine", () => {
    const masked: View = { shape: [6], strides: [1], offset: -1, mask: [[1, 5]] };
    const r = compare(dynamicSlice("float32", masked, [3]), [bufferData("float32", 6), [2]]);
    expect(r.ok).toBe(true);
    expect(r.path).toBe("cpu");
  });

  test("views and start indices outside their buffers are refused, naming the routine", () => {
    const far = runOn(wasm, dynamicSlice("int32", contiguousView([4], 10), [2]), [[1, 2, 3, 4], [0]]);
    expect("error" in far && far.error).toMatch(
      /dynamic_slice operand reads elements 10\.\.13 of a buffer of 4/,
    );
    const kernel = dynamicUpdateSlice("int32", contiguousView([4]), contiguousView([2], 3));
    const up = runOn(wasm, kernel, [[1, 2, 3, 4], [1, 2], [0]]);
    expect("error" in up && up.error).toMatch(
      /dynamic_update_slice update reads elements 3\.\.4 of a buffer of 2/,
    );
    const badStart: RoutineKernel = {
      ...dynamicSlice("int32", contiguousView([4]), [2]),
      inputs: [
        { dtype: "int32", view: contiguousView([4]) },
        { dtype: "int32", view: contiguousView([], 5) },
      ],
    };
    const start = runOn(wasm, badStart, [[1, 2, 3, 4], [0]]);
    expect("error" in start && start.error).toMatch(
      /dynamic_slice start index reads element 5 of a buffer of/,
    );
  });
});
