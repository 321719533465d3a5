import "@jaxts/backend-cpu";
import { getBackend, type Kernel } from "@jaxts/backend";
import { config, jit } from "@jaxts/core";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { type Array, nn, np } from "../src/index.js";

const bits = (x: Array): number[] => [...(x.dataSync() as Iterable<number>)];

/** The kernels `fn` launches on the cpu backend. */
function kernels(fn: () => unknown): Kernel[] {
  const spy = vi.spyOn(getBackend("cpu"), "run");
  try {
    fn();
    return spy.mock.calls.map(([exe]) => exe.kernel);
  } finally {
    spy.mockRestore();
  }
}

describe("fusion", () => {
  const x = np.array([
    [0.5, -1.5, 2],
    [0.25, 3, -0.125],
  ]);
  const chain = (y: Array) => np.exp(np.sin(y.mul(2).add(1)).neg()).sub(0.5);

  it("a chain of 5 elementwise ops is one kernel", () => {
    const f = jit(chain);
    f(x);
    expect(kernels(() => chain(x)).length).toBeGreaterThanOrEqual(5);
    const ks = kernels(() => f(x));
    expect(ks.length).toBe(1);
    expect(bits(f(x))).toEqual(bits(chain(x)));
  });

  it("broadcasts and transposes feeding a chain are views, not kernels", () => {
    const g = (y: Array, b: Array) =>
      np.tanh(
        y
          .transpose([1, 0])
          .add(b.reshape([3, 1]))
          .mul(3),
      );
    const b = np.array([1, 2, 3]);
    const f = jit(g);
    f(x, b);
    expect(kernels(() => f(x, b)).length).toBe(1);
    expect(bits(f(x, b))).toEqual(bits(g(x, b)));
  });

  it("a reduction takes its operand's chain and the elementwise ops after it", () => {
    const g = (y: Array) => np.sqrt(np.sum(np.exp(y.mul(y)), 1)).add(1);
    const f = jit(g);
    f(x);
    const ks = kernels(() => f(x));
    expect(ks.length).toBe(1);
    expect(ks[0].kind === "loop" && ks[0].reduce?.epilogue).toBeTruthy();
    expect(bits(f(x))).toEqual(bits(g(x)));
  });

  it("values used twice are computed once", () => {
    const g = (y: Array) => {
      const e = np.exp(y.mul(2));
      return np.sum(e, 0).add(np.max(e, 0));
    };
    const f = jit(g);
    f(x);
    // exp chain, then the two reductions (one takes the add as its epilogue).
    expect(kernels(() => f(x)).length).toBe(3);
    expect(bits(f(x))).toEqual(bits(g(x)));
  });

  it("bias and tanh after a matmul are its epilogue: one kernel", () => {
    const w = np.array([
      [1, 0.5],
      [-1, 2],
      [0.25, 0.75],
    ]);
    const g = (y: Array, w_: Array) => np.tanh(np.matmul(y, w_).add(0.1).mul(2));
    const f = jit(g);
    f(x, w);
    expect(kernels(() => f(x, w)).length).toBe(1);
    expect(bits(f(x, w))).toEqual(bits(g(x, w)));
  });

  it("jit(x => relu(x @ w + b)) launches exactly one kernel, bit-identical to eager", () => {
    const w = np.array([
      [1, 0.5, -0.3, 2],
      [-1, 2, 0.7, -0.1],
      [0.25, 0.75, 1.3, 0.9],
    ]);
    const b = np.array([0.1, -2, 0.3, -0.05]);
    const g = (y: Array) => nn.relu(y.matmul(w).add(b));
    const f = jit(g);
    f(x);
    const ks = kernels(() => f(x));
    expect(ks.length).toBe(1);
    expect(
      ks[0].kind === "routine" && ks[0].routine.name === "matmul" && ks[0].routine.epilogue,
    ).toBeTruthy();
    expect(bits(f(x))).toEqual(bits(g(x)));
  });

  it("batched matmul with a broadcast bias fuses; a matmul used twice is computed once", () => {
    const xs = np.arange(12).astype("float32").reshape(2, 2, 3).mul(0.3);
    const ws = np.arange(12).astype("float32").reshape(2, 3, 2).sub(5);
    const g = (a: Array, c: Array) => np.exp(np.matmul(a, c).mul(0.01)).sub(1);
    const f = jit(g);
    f(xs, ws);
    expect(kernels(() => f(xs, ws)).length).toBe(1);
    expect(bits(f(xs, ws))).toEqual(bits(g(xs, ws)));
    const h = (a: Array) => {
      const p = a.matmul(a.transpose([1, 0]));
      return p.add(p.sum());
    };
    const fh = jit(h);
    fh(x);
    expect(bits(fh(x))).toEqual(bits(h(x)));
  });

  it("softmax-style sum(exp(x - max(x))) launches no more kernels than reductions", () => {
    const g = (y: Array) => np.sum(np.exp(y.sub(np.max(y))));
    const f = jit(g);
    f(x);
    expect(kernels(() => f(x)).length).toBeLessThanOrEqual(2);
    expect(bits(f(x))).toEqual(bits(g(x)));
  });
});

describe("multiply-add contraction", () => {
  // (1 + 2^-12)^2 - (1 + 2^-11) is exactly 2^-24; rounding the product first loses it.
  const a = np.array([1 + 2 ** -12]);
  const c = np.array([-(1 + 2 ** -11)]);
  const f = (p: Array, q: Array) => p.mul(p).add(q);

  it("a jitted a*b + c rounds once, as XLA's fused multiply-add; eager rounds each op", () => {
    expect(bits(jit(f)(a, c))).toEqual([2 ** -24]);
    expect(bits(f(a, c))).toEqual([0]);
  });

  it("jaxts_fma_contraction = false rounds every op inside a fusion too", () => {
    const g = jit(f);
    expect(config.with({ jaxts_fma_contraction: false }, () => bits(g(a, c)))).toEqual([0]);
  });
});

// Random programs over unary/binary elementwise ops and reductions: without multiply-add
// contraction (which changes roundings, as in XLA), jit must match eager bit for bit.
type Op =
  | { kind: "unary"; name: "sin" | "exp" | "tanh" | "neg" | "abs" | "square" }
  | { kind: "binary"; name: "add" | "mul" | "sub" | "maximum"; other: number }
  | { kind: "scalar"; name: "add" | "mul"; value: number }
  | { kind: "reduce"; name: "sum" | "max" | "min" | "mean"; axis: 0 | 1 };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("unary" as const),
    name: fc.constantFrom(
      "sin" as const,
      "exp" as const,
      "tanh" as const,
      "neg" as const,
      "abs" as const,
      "square" as const,
    ),
  }),
  fc.record({
    kind: fc.constant("binary" as const),
    name: fc.constantFrom("add" as const, "mul" as const, "sub" as const, "maximum" as const),
    other: fc.nat(3),
  }),
  fc.record({
    kind: fc.constant("scalar" as const),
    name: fc.constantFrom("add" as const, "mul" as const),
    value: fc.double({ min: -2, max: 2, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("reduce" as const),
    name: fc.constantFrom("sum" as const, "max" as const, "min" as const, "mean" as const),
    axis: fc.constantFrom(0 as const, 1 as const),
  }),
);

/** Applies the ops in order; `values` holds earlier results, which binary ops combine with. */
function program(ops: readonly Op[]): (x: Array) => Array {
  return (x) => {
    const values: Array[] = [x];
    let y = x;
    for (const op of ops) {
      if (op.kind === "unary") y = y[op.name]();
      else if (op.kind === "scalar") y = y[op.name](op.value);
      else if (op.kind === "binary") {
        const o = values[op.other % values.length];
        // Only operands that broadcast against y: same shape or fewer (reduced) elements.
        const other = o.ndim <= y.ndim && o.shape.every((d, i) => d === y.shape[i]) ? o : y;
        y = op.name === "maximum" ? np.maximum(y, other) : y[op.name](other);
      } else if (y.ndim > 0) y = y[op.name](Math.min(op.axis, y.ndim - 1));
      values.push(y);
    }
    return y;
  };
}

describe("jit matches eager (property)", () => {
  it("random elementwise/reduction compositions", () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (ops, data) => {
          const x = np.array(data).reshape([2, 3]);
          const f = program(ops);
          const want = f(x);
          const got = config.with({ jaxts_fma_contraction: false }, () => jit(f)(x));
          expect(got.shape).toEqual(want.shape);
          expect(bits(got)).toEqual(bits(want));
        },
      ),
      { numRuns: 60 },
    );
  });
});
