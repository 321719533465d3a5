import "@jaxts/backend-cpu";
import { jit, makeJaxpr, type Tracer, vmap } from "@jaxts/core";
import { describe, expect, it } from "vitest";
import { type Array as JArray, np } from "../src/index.js";
import { data, expectClose } from "./vmap-util.js";

// vmap's API, as JAX has it: in_axes/out_axes (per argument, pytree prefixes, negative), axis
// size, nested vmaps, JS numbers, and JAX's error messages.

const values = (x: unknown) => Array.from((x as JArray).dataSync() as ArrayLike<number>, Number);

describe("vmap: in_axes and out_axes", () => {
  const x = data([3, 4], 1);
  const y = data([4, 3], 2);

  it("maps axis 0 by default and keeps the signature's types", () => {
    const f = (a: JArray, b: JArray): JArray => a.mul(b).sum();
    const g = vmap(f);
    const out: JArray = g(x, y.T);
    expectClose(out, np.sum(x.mul(y.T), 1));
  });

  it("takes in_axes and out_axes positionally or by name", () => {
    const f = (a: JArray, b: JArray) => a.add(b);
    expectClose(vmap(f, [0, 1])(x, y), x.add(y.T));
    expectClose(vmap(f, { inAxes: [0, 1] })(x, y), x.add(y.T));
    expectClose(vmap(f, [0, 1], 1)(x, y), x.add(y.T).T);
    expectClose(vmap(f, [0, 1], { outAxes: 1 })(x, y), x.add(y.T).T);
    expectClose(vmap(f, { inAxes: [1, 0], outAxes: -1 })(y, x), x.add(y.T).T);
  });

  it("counts negative axes from the end", () => {
    expectClose(vmap((a: JArray) => a.sum(), -1)(x), np.sum(x, 0));
    expectClose(vmap((a: JArray) => a.mul(2), -2, -1)(x), x.mul(2).T);
  });

  it("leaves null-axis arguments and JS numbers unbatched", () => {
    const f = (a: JArray, b: JArray, c: number) => a.add(b).mul(c);
    const row = data([4], 8);
    expectClose(vmap(f, [0, null, null])(x, row, 2), x.add(row).mul(2));
    // A number passes through as it is, a weak scalar.
    const out = vmap((a: JArray, c: number) => a.mul(c), [0, null])(np.array([1, 2], { dtype: "int32" }), 3);
    expect(out.dtype).toBe("int32");
    expect(values(out)).toEqual([3, 6]);
  });

  it("maps pytrees with prefix specs, objects by field", () => {
    const params = { w: data([4, 2], 3), b: data([3, 2], 4) };
    const f = (p: { w: JArray; b: JArray }, v: JArray) => np.matmul(v, p.w).add(p.b);
    const got = vmap(f, [{ w: null, b: 0 }, 0])(params, x);
    expectClose(got, np.matmul(x, params.w).add(params.b));
    const g = (pair: [JArray, JArray]) => pair[0].sub(pair[1]);
    expectClose(vmap(g, [[0, 1]])([x, y]), x.sub(y.T));
  });

  it("returns pytrees with per-leaf out_axes, broadcasting unbatched outputs", () => {
    const f = (a: JArray, b: JArray) => ({ s: a.add(b), c: b.mul(2) });
    const out = vmap(f, [0, null], { s: 1, c: 0 })(x, data([4], 8));
    expect(out.s.shape).toEqual([4, 3]);
    expect(out.c.shape).toEqual([3, 4]);
    const pair = vmap((a: JArray, b: JArray) => [a.add(b), b], [0, null], [0, null])(x, np.ones([4]));
    expect(pair[1].shape).toEqual([4]);
    // A JS number output is broadcast like any unbatched output.
    expect(values(vmap((a: JArray) => [a, 1.5])(x)[1])).toEqual([1.5, 1.5, 1.5]);
  });

  it("needs axisSize when nothing is mapped", () => {
    const out = vmap((a: JArray) => a.mul(2), { inAxes: null, axisSize: 4 })(np.ones([3]));
    expect(out.shape).toEqual([4, 3]);
    expect(vmap(() => np.ones([2]), { axisSize: 3 })().shape).toEqual([3, 2]);
  });

  it("nests", () => {
    const a = data([2, 3, 4], 5);
    const f = (u: JArray) => u.mul(u).sum();
    expectClose(vmap(vmap(f))(a), np.sum(a.mul(a), 2));
    expectClose(vmap(vmap(f), 2)(a), np.sum(a.mul(a), 1).T);
    // mv and mm from JAX's docstring.
    const vv = (p: JArray, q: JArray) => np.vdot(p, q);
    const mv = vmap(vv, [0, null], 0);
    const mm = vmap(mv, [null, 1], 1);
    const m = data([3, 4], 6);
    const n = data([4, 5], 7);
    expectClose(mm(m, n), np.matmul(m, n), 1e-5);
    // The inner vmap maps over an outer vmap's value and a shared one.
    const outer = vmap((r: JArray) => vmap((c: JArray) => r.mul(c).sum(), 1)(n));
    expectClose(outer(m), np.matmul(m, n), 1e-5);
  });

  it("stages to a jaxpr", () => {
    const j = makeJaxpr(vmap((a: JArray) => np.sin(a).sum()))(data([3, 4]));
    expect(String(j)).toBe(
      "{ lambda ; a:f32[3,4]. let\n    b:f32[3,4] = sin a\n    c:f32[3] = reduce_sum[axes=(1,) out_sharding=None] b\n  in (c,) }",
    );
  });

  it("reads unbatched values as concrete inside the vmap", () => {
    const out = vmap((a: JArray, b: JArray) => a.mul(b.item() as number), [0, null])(x, np.array(3));
    expectClose(out, x.mul(3));
  });
});

describe("vmap: errors", () => {
  const x = np.ones([2, 3]);
  const y = np.ones([3, 2]);
  const add = (a: JArray, b: JArray) => a.add(b);

  it("inconsistent sizes", () => {
    expect(() => vmap(add)(x, y)).toThrow(
      "vmap got inconsistent sizes for array axes to be mapped:\n" +
        "  * one axis had size 2: axis 0 of args[0] of type float32[2,3];\n" +
        "  * one axis had size 3: axis 0 of args[1] of type float32[3,2]",
    );
    const f3 = (a: JArray, b: JArray, c: JArray) => a.sum().add(b.sum()).add(c.sum());
    expect(() => vmap(f3)(x, y, x)).toThrow(
      "  * most axes (2 of them) had size 2, e.g. axis 0 of args[0] of type float32[2,3];\n" +
        "  * one axis had size 3: axis 0 of args[1] of type float32[3,2]",
    );
  });

  it("bad in_axes and out_axes", () => {
    expect(() => vmap(add, { a: 0 } as never)).toThrow(
      "vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional arguments passed to the function, but got {'a': 0}.",
    );
    expect(() => (vmap(add, [0, 0]) as (...a: JArray[]) => JArray)(x)).toThrow(
      "vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional arguments passed to the function, but got len(in_axes)=2, len(args)=1",
    );
    expect(() => vmap(add, [0.5, 0] as never)).toThrow(
      "vmap in_axes must be an int, None, or (nested) container with those types as leaves, but got (0.5, 0).",
    );
    expect(() => vmap(add, 0, ["a"] as never)).toThrow(
      "vmap out_axes must be an int, None, or (nested) container with those types as leaves, but got ('a',).",
    );
    expect(() => vmap((p: { w: JArray; b: JArray }) => p.w, [{ w: 0 }])({ w: x, b: x })).toThrow(
      "vmap in_axes specification must be a tree prefix of the corresponding value, got specification ({'w': 0},) for value tree PyTreeDef(({'b': *, 'w': *},)).",
    );
    expect(() => vmap((a: JArray) => a, 0, [0, 0])(x)).toThrow(
      "vmap out_axes specification must be a tree prefix of the corresponding value, got specification (0, 0) for value tree PyTreeDef(*).",
    );
  });

  it("axes out of range", () => {
    expect(() => vmap((a: JArray) => a, 2)(x)).toThrow(
      "vmap was requested to map its argument along axis 2, which implies that its rank should be at least 3, but is only 2 (its shape is (2, 3))",
    );
    expect(() => vmap((a: JArray) => a, -3)(x)).toThrow("rank should be at least 3");
    expect(() => vmap((a: JArray) => a, 0)(3 as unknown as JArray)).toThrow(
      "vmap was requested to map its argument along axis 0, which implies that its rank should be at least 1, but is only 0 (its shape is ())",
    );
    expect(() => vmap((a: JArray) => a, 0, 3)(x)).toThrow("axis 3 is out of bounds for array of dimension 2");
  });

  it("nothing mapped, nothing passed, unmapped output batched", () => {
    expect(() => vmap((a: JArray) => a, null)(x)).toThrow(
      "vmap must have at least one non-None value in in_axes",
    );
    expect(() => vmap(() => np.ones([2]))()).toThrow(
      "vmap wrapped function must be passed at least one argument containing an array, got empty *args=() and **kwargs={}",
    );
    expect(() => vmap((a: JArray) => [a, a], 0, [0, null])(x)).toThrow(
      "at vmap out_axes[1], got axis spec None but output was batched on axis 0",
    );
    expect(() => vmap((a: JArray) => a, 0, null)(x)).toThrow(
      "at vmap out_axes, got axis spec None but output was batched on axis 0",
    );
  });

  it("options", () => {
    expect(() => vmap(add, { inAxes: 0, axis: 1 } as never)).toThrow(
      "vmap() got an unexpected keyword argument 'axis'",
    );
    expect(() => vmap(add, 0, { inAxes: 1 } as never)).toThrow(
      "vmap() got multiple values for argument 'inAxes'",
    );
    expect(() => vmap(3 as never)).toThrow("Expected a callable value, got 3");
  });

  it("escaped tracers and data reads of batched values", () => {
    let leaked: Tracer | undefined;
    vmap((a: JArray) => {
      leaked = a;
      return a;
    })(x);
    expect(() => (leaked as JArray).dataSync()).toThrow("Abstract tracer value encountered");
    expect(() => vmap((a: JArray) => a.sum().item())(x)).toThrow("Abstract tracer value encountered");
  });
});

describe("vmap and jit typing", () => {
  it("types an unannotated arrow function's parameters as arrays (checked by tsc)", () => {
    const rowSums = vmap((row) => row.sum());
    expect(values(rowSums(np.ones([3, 2])))).toEqual([2, 2, 2]);
    const twice = jit((x) => x.mul(2));
    expect(values(twice(np.ones([2])))).toEqual([2, 2]);
  });

  it("keeps declared pytree parameters", () => {
    const f = vmap((p: { w: JArray; b: JArray }) => p.w.add(p.b));
    expect(values(f({ w: np.ones([2, 3]), b: np.zeros([2, 3]) }))).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
