import "@jaxts/backend-cpu";
import { config, jit, makeJaxpr, scope, vmap } from "@jaxts/core";
import { describe, expect, it } from "vitest";
import { type Array, nn, np } from "../src/index.js";

const bits = (x: Array): number[] => [...(x.dataSync() as Iterable<number>)];
const x3 = () =>
  np.array([
    [0.5, -1.25, 2],
    [3.5, -0.75, 0.1],
  ]);

/** jit(f)(...args) must give exactly f(...args): same shape, dtype and bits. */
function expectSame(f: (...a: Array[]) => Array, ...args: Array[]): void {
  const want = f(...args);
  const got = jit(f)(...args);
  expect(got.shape).toEqual(want.shape);
  expect(got.dtype).toBe(want.dtype);
  expect(bits(got)).toEqual(bits(want));
}

describe("jit gives the eager results bit for bit", () => {
  const cases: [string, (x: Array) => Array][] = [
    ["elementwise chain", (x) => np.tanh(np.exp(x.mul(2).add(1)).sub(0.5)).mul(x)],
    ["sum", (x) => np.sum(x.mul(x))],
    ["max over axis", (x) => np.max(np.sin(x), 1)],
    ["mean with epilogue", (x) => np.sqrt(np.mean(np.abs(x), 0)).add(1)],
    ["softmax", (x) => nn.softmax(x)],
    ["logsumexp-ish", (x) => np.log(np.sum(np.exp(x), 1, { keepdims: true })).sub(x)],
    [
      "indexing",
      (x) =>
        x
          .get(1)
          .mul(3)
          .add(x.get(0, np.s(1, 3)).sum()),
    ],
    ["transpose and broadcast", (x) => x.transpose([1, 0]).add(np.array([1, 2, 3]).reshape([3, 1]))],
    ["where", (x) => np.where(x.gt(0), x, x.mul(0.01))],
    ["integer ops", (x) => x.astype("int32").mul(3).add(1)],
    ["relu and gelu (custom_jvp)", (x) => nn.relu(x).add(nn.gelu(x))],
    ["cumsum and sort feed a chain", (x) => np.sort(np.cumsum(x, 1), 1).mul(2).add(x)],
    ["closure over a constant", (x) => x.mul(np.array([1, 2, 3])).add(np.exp(np.array(2)))],
    ["argmax", (x) => np.argmax(x.mul(-1), 1)],
    [
      "boolean reductions",
      (x) =>
        np
          .all(x.gt(-1), 0)
          .astype("float32")
          .add(np.any(x.gt(3), 0)),
    ],
  ];
  for (const [name, f] of cases) it(name, () => expectSame(f, x3()));

  it("matmul + bias + tanh", () => {
    const w = np.array([
      [0.1, 0.2],
      [-0.3, 0.4],
      [0.5, -0.6],
    ]);
    const b = np.array([0.01, -0.02]);
    expectSame((x, w_, b_) => np.tanh(np.matmul(x, w_).add(b_)), x3(), w, b);
  });
});

describe("jit caching and arguments", () => {
  it("traces once per signature", () => {
    let traces = 0;
    const f = jit((x: Array) => {
      traces++;
      return x.mul(2).add(1);
    });
    f(np.array([1, 2]));
    f(np.array([3, 4]));
    expect(traces).toBe(1);
    f(np.array([1, 2, 3]));
    expect(traces).toBe(2);
    f(np.array([1, 2], { dtype: "int32" }));
    expect(traces).toBe(3);
    expect(bits(f(np.array([5, 6])))).toEqual([11, 13]);
    expect(traces).toBe(3);
  });

  it("static arguments are passed as they are and key the cache", () => {
    let traces = 0;
    const f = jit(
      (x: Array, n: number) => {
        traces++;
        let y = x;
        for (let i = 0; i < n; i++) y = y.mul(2);
        return y;
      },
      { staticArgnums: [1] },
    );
    expect(bits(f(np.array([1]), 3))).toEqual([8]);
    expect(bits(f(np.array([2]), 3))).toEqual([16]);
    expect(traces).toBe(1);
    expect(bits(f(np.array([1]), 2))).toEqual([4]);
    expect(traces).toBe(2);
  });

  it("static argument names in the trailing options object", () => {
    const f = jit((x: Array, opts: { axis: number; scale: Array }) => np.sum(x, opts.axis).mul(opts.scale), {
      staticArgnames: ["axis"],
    });
    expect(bits(f(x3(), { axis: 0, scale: np.array(2) }))).toEqual(bits(np.sum(x3(), 0).mul(2)));
  });

  it("pytree arguments and outputs", () => {
    const f = jit((p: { w: Array; b: Array }, xs: Array[]) => ({
      y: xs[0].mul(p.w).add(p.b),
      z: [xs[1].neg()],
    }));
    const out = f({ w: np.array([2]), b: np.array([1]) }, [np.array([3]), np.array([4])]);
    expect(bits(out.y)).toEqual([7]);
    expect(bits(out.z[0])).toEqual([-4]);
  });

  it("number arguments are weakly typed scalars", () => {
    const f = jit((x: Array, s: number) => x.mul(s));
    const y = f(np.array([1, 2], { dtype: "float32" }), 3);
    expect(y.dtype).toBe("float32");
    expect(bits(y)).toEqual([3, 6]);
  });

  it("constants made while tracing inside a scope belong to the cached jaxpr, not the scope", () => {
    let traces = 0;
    const f = jit((x: Array) => {
      traces++;
      return x.add(np.exp(np.array([1, 2])));
    });
    const want = bits(np.array([0, 0]).add(np.exp(np.array([1, 2]))));
    expect(scope(() => bits(f(np.array([0, 0]))))).toEqual(want);
    expect(scope(() => bits(f(np.array([0, 0]))))).toEqual(want);
    expect(traces).toBe(1);
  });

  it("a captured array disposed by the caller makes the next call stage again", () => {
    let traces = 0;
    const w = np.array([1, 2]);
    const f = jit((x: Array) => {
      traces++;
      return x.add(w);
    });
    expect(bits(f(np.array([1, 1])))).toEqual([2, 3]);
    w.dispose();
    expect(() => f(np.array([1, 1]))).toThrow(/deleted/);
    expect(traces).toBe(2);
  });

  it("donateArgnums is accepted", () => {
    const f = jit((x: Array) => x.add(1), { donateArgnums: 0 });
    expect(bits(f(np.array([1])))).toEqual([2]);
  });

  it("jax_disable_jit runs the function directly", () => {
    let traces = 0;
    const f = jit((x: Array) => {
      traces++;
      return x.add(1);
    });
    config.with({ jax_disable_jit: true }, () => {
      f(np.array([1]));
      f(np.array([1]));
      // Eager: .item() works on the concrete value.
      expect(jit((x: Array) => x.sum().item() as unknown as Array)(np.array([2]))).toBe(2);
    });
    expect(traces).toBe(2);
  });

  it("jit of jit, and makeJaxpr of a jitted function", () => {
    const inner = jit(function g(x: Array) {
      return x.mul(2);
    });
    const f = jit(function f(x: Array) {
      return inner(x).add(1);
    });
    expect(bits(f(np.array([1, 2])))).toEqual([3, 5]);
    const text = makeJaxpr(f)(np.array([1, 2])).toString();
    expect(text).toMatch(/pjit\[\s*name=f\w*\s+jaxpr=\{ lambda ; /);
    const simple = jit(function double(x: Array) {
      return x.mul(2);
    });
    expect(makeJaxpr(simple)(np.zeros([2])).toString()).toBe(
      [
        "{ lambda ; a:f32[2]. let",
        "    b:f32[2] = pjit[",
        "      name=double",
        "      jaxpr={ lambda ; a:f32[2]. let b:f32[2] = mul a 2.0:f32[] in (b,) }",
        "    ] a",
        "  in (b,) }",
      ].join("\n"),
    );
  });

  it("vmap of jit", () => {
    const f = jit((x: Array) => np.sum(x.mul(x)));
    const xs = x3();
    const got = vmap(f)(xs) as Array;
    expect(bits(got)).toEqual(bits(np.sum(xs.mul(xs), 1)));
  });

  it("jit of vmap", () => {
    const f = jit(vmap((x: Array) => np.max(x).sub(x)));
    expect(bits(f(x3()) as Array)).toEqual(bits(np.max(x3(), 1, { keepdims: true }).sub(x3())));
  });
});

describe("jit errors", () => {
  it("a concrete value needed under jit names the argument", () => {
    const f = jit((x: Array) => (x.gt(0).item() ? x : x.neg()));
    expect(() => f(np.array(1))).toThrow(/while tracing the function .* for jit/);
    let error: unknown;
    try {
      jit((x: Array, p: { w: Array }) => x.add(p.w.item() as number))(np.array(1), { w: np.array(2) });
    } catch (e) {
      error = e;
    }
    expect((error as Error).name).toBe("ConcretizationTypeError");
    expect((error as Error).message).toContain("depends on the value of the argument args[1]['w']");
    expect((error as Error).message).toContain("staticArgnums");
  });

  it("unhashable static arguments", () => {
    const f = jit((x: Array, _s: number[]) => x, { staticArgnums: 1 });
    expect(() => f(np.array(1), [1, 2])).toThrow(/Non-hashable static arguments are not supported/);
  });

  it("staticArgnums out of range", () => {
    const f = jit((x: Array) => x, { staticArgnums: 3 });
    expect(() => f(np.array(1))).toThrow(/static_argnums=\(3,\), but only accepts 1 positional arguments/);
  });
});
