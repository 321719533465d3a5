import "@jaxts/backend-cpu";
import { getBackend, type Kernel } from "@jaxts/backend";
import { jit, memory, scope } from "@jaxts/core";
import { describe, expect, it, vi } from "vitest";
import { type Array, lax, nn, np } from "../src/index.js";

// A jitted call records its backend work the first time and replays it afterwards (see
// lowering/fusion/replay.ts). Every case runs three times on different inputs and must match the
// op-by-op evaluation each time, so a replay that reused stale data or layouts would show.

const bits = (x: Array): number[] => [...(x.dataSync() as Iterable<number>)];

function kernels(fn: () => unknown): Kernel[] {
  const spy = vi.spyOn(getBackend("cpu"), "run");
  try {
    fn();
    return spy.mock.calls.map(([exe]) => exe.kernel);
  } finally {
    spy.mockRestore();
  }
}

const inputs = (shape: number[], seed: number): Array =>
  np
    .sin(
      np
        .arange(shape.reduce((a, b) => a * b, 1))
        .astype("float32")
        .mul(0.37 + seed),
    )
    .reshape(shape);

type Case = [string, (...xs: Array[]) => unknown, number[][]];

const cases: Case[] = [
  ["an elementwise chain", (x) => np.exp(np.tanh(x).mul(2)).sub(1), [[3, 4]]],
  ["a reduction with an epilogue", (x) => np.log(np.sum(np.exp(x), 1)), [[4, 5]]],
  [
    "relu of a matmul",
    (x, w) => nn.relu(np.matmul(x, w).add(1)),
    [
      [3, 4],
      [4, 2],
    ],
  ],
  [
    "a transposed product",
    (x, y) => np.matmul(x.T, y),
    [
      [5, 3],
      [5, 2],
    ],
  ],
  [
    "slices and concatenation",
    (x) => np.concatenate([lax.slice(x, [0, 1], [3, 4]), lax.slice(x, [0, 0], [3, 1])], 1),
    [[3, 4]],
  ],
  ["a scatter-add", (x) => x.at(np.array([0, 2, 0], { dtype: "int32" })).add(1), [[4]]],
  ["a gather", (x, i) => np.take(x, i.astype("int32")), [[6], [3]]],
  ["a dynamic slice", (x) => lax.dynamicSlice(x, [1], [2]), [[5]]],
  ["a sort", (x) => np.sort(x), [[7]]],
  ["a cumulative sum", (x) => np.cumsum(x), [[6]]],
  ["two outputs, one a view of the other", (x) => [x.mul(2), x.mul(2).T], [[2, 3]]],
  ["an output that is its input", (x, y) => [x, y.add(1)], [[3], [3]]],
  ["an output that is a constant", (x) => [np.arange(3).astype("float32"), x.add(1)], [[3]]],
  ["a scan", (x) => lax.scan((c: Array, v: Array) => [c.add(v), c.mul(v)], np.zeros([]), x)[1], [[5]]],
  [
    "a while loop (never replayed: its predicate is read)",
    (x) =>
      lax.whileLoop(
        (c: Array) => np.less(np.sum(c), 10),
        (c: Array) => c.add(1),
        x,
      ),
    [[2]],
  ],
  [
    "a cond",
    (x) =>
      lax.cond(
        np.greater(np.sum(x), 0),
        (v: Array) => v.mul(2),
        (v: Array) => v.neg(),
        x,
      ),
    [[3]],
  ],
];

describe("jit replays its recorded work", () => {
  it.each(cases)("%s", (_name, f, shapes) => {
    const g = jit(f);
    for (let seed = 0; seed < 3; seed++) {
      const xs = shapes.map((s, i) =>
        i === 1 && _name === "a gather" ? np.array([0, 5, 2]) : inputs(s, seed + i),
      );
      const want = [f(...xs) as Array | Array[]].flat();
      const got = [g(...xs) as Array | Array[]].flat();
      expect(got.map((o) => o.shape)).toEqual(want.map((o) => o.shape));
      expect(got.map(bits)).toEqual(want.map(bits));
    }
  });

  it("a replayed call launches only the recorded kernels, no more", () => {
    const f = jit((x: Array) => np.sum(np.exp(x.mul(3))));
    const [x, y] = [inputs([8], 0), inputs([8], 1)];
    const first = kernels(() => f(x)).length;
    expect(kernels(() => f(y)).length).toBe(first);
  });

  it("arguments with another layout (a transposed view) get their own plan", () => {
    const f = jit((x: Array) => x.mul(2).add(1));
    const a = inputs([3, 4], 0);
    const b = inputs([4, 3], 1).T;
    expect(bits(f(a))).toEqual(bits(a.mul(2).add(1)));
    expect(bits(f(b))).toEqual(bits(b.mul(2).add(1)));
    expect(bits(f(a))).toEqual(bits(a.mul(2).add(1)));
  });

  it("the same buffer passed twice is not confused with two buffers", () => {
    const f = jit((x: Array, y: Array) => x.sub(y));
    const a = inputs([4], 0);
    expect(bits(f(a, a))).toEqual([0, 0, 0, 0]);
    const b = inputs([4], 1);
    expect(bits(f(a, b))).toEqual(bits(a.sub(b)));
  });

  it("replays free what they allocate", () => {
    const f = jit((x: Array) => np.sum(np.cumsum(np.exp(x)).mul(2)));
    const x = inputs([16], 0);
    scope(() => {
      f(x);
    });
    const start = memory();
    for (let i = 0; i < 20; i++)
      scope(() => {
        f(x);
      });
    expect(memory().buffers).toBe(start.buffers);
    expect(memory().bytes).toBe(start.bytes);
  });
});
