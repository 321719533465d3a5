import type { DType } from "@jaxts/backend";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type BufferHandle,
  ConcreteArray,
  makeJaxpr,
  ShapeDtypeStruct,
  ShapedArray,
  type Tracer,
  tree,
} from "../src/index.js";
import { bytesOf, fromStorage, storageFromBytes, u16, u32, u64 } from "./helpers/arrays.js";
import { registerMemoryBackends } from "./helpers/memory-backend.js";

beforeAll(registerMemoryBackends);

/** One array of every dtype, each holding the values that round-trips tend to lose. */
const SAMPLES: Record<DType, () => ConcreteArray> = {
  bool: () => fromStorage("bool", [4], new Uint8Array([1, 0, 0, 1])),
  int8: () => fromStorage("int8", [3], new Int8Array([-128, 0, 127])),
  uint8: () => fromStorage("uint8", [3], new Uint8Array([0, 128, 255])),
  int16: () => fromStorage("int16", [3], new Int16Array([-32768, -1, 32767])),
  uint16: () => fromStorage("uint16", [2], new Uint16Array([0, 65535])),
  int32: () => fromStorage("int32", [2, 2], new Int32Array([-(2 ** 31), -1, 0, 2 ** 31 - 1])),
  uint32: () => fromStorage("uint32", [2], new Uint32Array([0, 2 ** 32 - 1])),
  // Quiet NaN with a payload, negative NaN with a payload, signaling NaN, -0, +inf, a subnormal.
  float16: () =>
    fromStorage(
      "float16",
      [6],
      storageFromBytes("float16", u16(0x7e01, 0xfe23, 0x7c01, 0x8000, 0x7c00, 0x0001)),
    ),
  float32: () =>
    fromStorage(
      "float32",
      [2, 3],
      storageFromBytes(
        "float32",
        u32(0x7fc00001, 0xffc12345, 0x7f800001, 0x80000000, 0xff800000, 0x00000001),
      ),
    ),
  float64: () =>
    fromStorage(
      "float64",
      [4],
      storageFromBytes("float64", u64(0x7ff8000000000001n, 0xfff0000000000abcn, 0x8000000000000000n, 1n)),
    ),
  complex64: () =>
    fromStorage(
      "complex64",
      [2],
      storageFromBytes("complex64", u32(0x7fc00001, 0x80000000, 0x3f800000, 0xff800000)),
    ),
  complex128: () =>
    fromStorage(
      "complex128",
      [1],
      storageFromBytes("complex128", u64(0x7ff8000000000001n, 0x8000000000000000n)),
    ),
};

function expectSameArray(got: unknown, want: ConcreteArray): void {
  expect(got).toBeInstanceOf(ConcreteArray);
  const g = got as ConcreteArray;
  expect(g.dtype).toBe(want.dtype);
  expect(g.shape).toEqual(want.shape);
  expect(g.weakType).toBe(want.weakType);
  expect(bytesOf(g)).toEqual(bytesOf(want));
}

/** Checks that two trees have one structure, bit-identical arrays and identical static leaves. */
function expectSameTree(got: unknown, want: unknown): void {
  expect(tree.structure(got).toString()).toBe(tree.structure(want).toString());
  const gl = tree.leaves(got);
  tree.leaves(want).forEach((w, i) => {
    if (w instanceof ConcreteArray) expectSameArray(gl[i], w);
    else expect(Object.is(gl[i], w) || gl[i] === w).toBe(true);
  });
}

describe("tree.save / tree.load round trips", () => {
  it.each(Object.keys(SAMPLES) as DType[])("%s bit-exactly (NaN payloads, -0, extremes)", (dtype) => {
    const a = SAMPLES[dtype]();
    const back = tree.load(tree.save({ a }));
    expectSameTree(back, { a });
  });

  it("every dtype in one file, and an array that is the whole tree", () => {
    const all = Object.fromEntries(Object.entries(SAMPLES).map(([d, f]) => [d, f()]));
    expectSameTree(tree.load(tree.save(all)), all);
    const single = SAMPLES.float32();
    expectSameArray(tree.load(tree.save(single)), single);
  });

  it("nested objects and lists, null/undefined, and JS numbers, booleans and strings as values", () => {
    const w = SAMPLES.float32();
    const t = {
      params: {
        dense: [
          { w, b: SAMPLES.float64() },
          { w: SAMPLES.float16(), b: null },
        ],
      },
      optState: [{ count: SAMPLES.int32(), mu: { w }, nu: undefined }, [], {}],
      step: 1234,
      lr: 1e-3,
      odd: [Number.NaN, -0, Infinity, -Infinity, Number.MAX_VALUE, 5e-324],
      name: "mlp",
      flag: false,
    };
    const back = tree.load(tree.save(t)) as typeof t;
    expectSameTree(back, t);
    expect(Object.is(back.odd[1], -0)).toBe(true);
    expect(back.optState[1]).toEqual([]);
    expect(back.optState[2]).toEqual({});
    expect("nu" in back.optState[0] && back.optState[0].nu === undefined).toBe(true);
  });

  it("empty trees", () => {
    for (const t of [{}, [], null, undefined, { a: [], b: {} }, [null, [undefined]]]) {
      expect(tree.load(tree.save(t))).toEqual(t);
    }
  });

  it("keeps weak types", () => {
    const a = fromStorage("float32", [], new Float32Array([2.5]), { weakType: true });
    expectSameArray((tree.load(tree.save([a])) as unknown[])[0], a);
  });

  it("saves the elements of strided and padded views, not the whole buffer", () => {
    const base = fromStorage("float32", [2, 3], new Float32Array([1, 2, 3, 4, 5, 6]));
    const handle: BufferHandle = base.handle;
    const transposed = new ConcreteArray(new ShapedArray([3, 2], "float32"), handle, {
      shape: [3, 2],
      strides: [1, 3],
      offset: 0,
    });
    const padded = new ConcreteArray(new ShapedArray([4], "float32"), handle, {
      shape: [4],
      strides: [1],
      offset: 1,
      mask: [[1, 3]],
    });
    const back = tree.load(tree.save({ transposed, padded })) as Record<string, ConcreteArray>;
    expect([...back.transposed.storageSync()]).toEqual([1, 4, 2, 5, 3, 6]);
    expect([...back.padded.storageSync()]).toEqual([0, 3, 4, 0]);
  });

  it("rebuilds registered classes by class name, with their aux data", () => {
    class Pair {
      constructor(
        readonly left: unknown,
        readonly right: unknown,
        readonly tag: { label: string },
      ) {}
    }
    tree.registerNode(
      Pair,
      (p) => [[p.left, p.right], p.tag],
      (tag, [l, r]) => new Pair(l, r, tag as { label: string }),
    );
    const p = new Pair(SAMPLES.int8(), 7, { label: "x" });
    const back = tree.load(tree.save({ p })) as { p: Pair };
    expect(back.p).toBeInstanceOf(Pair);
    expect(back.p.tag).toEqual({ label: "x" });
    expect(back.p.right).toBe(7);
    expectSameArray(back.p.left, p.left as ConcreteArray);
  });

  it("puts loaded arrays on the requested device", () => {
    const back = tree.load(tree.save({ a: SAMPLES.int32() }), undefined, { device: "mem-async" }) as {
      a: ConcreteArray;
    };
    expect(back.a.backend.name).toBe("mem-async");
    expect(() => tree.load(tree.save({ a: SAMPLES.int32() }), undefined, { device: "mem-f32" })).toThrow(
      /tree\.load: dtype int32 is not supported by the mem-f32 backend/,
    );
  });
});

describe("tree.load with like", () => {
  const saved = () => ({
    params: { w: SAMPLES.float32(), b: SAMPLES.float64() },
    opt: [{ count: SAMPLES.int32() }],
    step: 3,
  });

  it("unflattens onto like's structure (Arrays or ShapeDtypeStructs as leaves)", () => {
    const t = saved();
    const like = {
      params: { w: new ShapeDtypeStruct([2, 3], "float32"), b: new ShapeDtypeStruct([4], "float64") },
      opt: [{ count: SAMPLES.int32() }],
      step: 0,
    };
    const back = tree.load(tree.save(t), like);
    expectSameTree(back, t);
  });

  it("reads files jaxts did not structure, by name", () => {
    const bytes = tree.save(saved());
    // The same tensors under like's names work whether or not the file carries a structure.
    const like = {
      params: { w: SAMPLES.float32(), b: SAMPLES.float64() },
      opt: [{ count: SAMPLES.int32() }],
      step: 1,
    };
    expect((tree.load(bytes, like) as { step: number }).step).toBe(3);
  });

  it("reports every mismatch in one error naming the tensors, shapes and dtypes", () => {
    const bytes = tree.save(saved());
    const like = {
      params: { w: new ShapeDtypeStruct([3, 2], "float32"), b: new ShapeDtypeStruct([4], "float32") },
      opt: [{ count: new ShapeDtypeStruct([2, 2], "int32"), extra: new ShapeDtypeStruct([1], "int32") }],
      step: "three",
    };
    let message = "";
    try {
      tree.load(bytes, like);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("tree.load: the file does not match `like`");
    expect(message).toContain('"params.w": the file has float32[2,3], like has float32[3,2]');
    expect(message).toContain('"params.b": the file has float64[4], like has float32[4]');
    expect(message).toContain('"opt.0.extra": missing from the file');
    expect(message).toContain('"step": like has a string, the file a number');
  });

  it("rejects files with tensors that like lacks, and arrays where like has numbers", () => {
    const bytes = tree.save(saved());
    expect(() => tree.load(bytes, { params: saved().params, step: 0 })).toThrow(
      /"opt\.0\.count": in the file but not in like/,
    );
    expect(() =>
      tree.load(bytes, { params: { w: 0, b: saved().params.b }, opt: saved().opt, step: 0 }),
    ).toThrow(/"params\.w": like has a number, the file an array/);
  });
});

describe("tree.save errors and async reads", () => {
  it("names the leaf that cannot be saved", () => {
    expect(() => tree.save({ a: { f: () => 1 } })).toThrow(
      /tree\.save: cannot save the leaf "a\.f" \(a function\)/,
    );
    expect(() => tree.save({ m: new Map() })).toThrow(/cannot save the leaf "m" \(an instance of Map\)/);
    expect(() => tree.save({ "a.b": 1, a: { b: 2 } })).toThrow(/two leaves are both named "a\.b"/);
    expect(() => tree.save({ __metadata__: SAMPLES.int8() })).toThrow(/"__metadata__" cannot name an array/);
  });

  it("refuses tracers and deleted arrays", () => {
    const x = SAMPLES.float32();
    expect(() =>
      makeJaxpr((t: Tracer) => {
        tree.save({ t });
        return t;
      })(x),
    ).toThrow(/the leaf "t" is a tracer \(f32\[2,3\]\); only concrete arrays can be saved/);
    const y = SAMPLES.int8();
    y.dispose();
    expect(() => tree.save([y])).toThrow(/Array has been deleted/);
  });

  it("saveAsync reads backends that cannot read synchronously; save says to use it", async () => {
    const a = fromStorage("float32", [2], new Float32Array([1, -0]), { backend: "mem-async" });
    expect(() => tree.save({ a })).toThrow(
      /mem-async backend cannot read "a" synchronously; use `await tree\.saveAsync/,
    );
    const back = tree.load(await tree.saveAsync({ a })) as { a: ConcreteArray };
    expect(back.a.backend.name).toBe("mem");
    expect(bytesOf(back.a)).toEqual(u32(0x3f800000, 0x80000000));
  });
});
