// lax control flow (cond, switch, while_loop, fori_loop, scan, map, associative_scan): eager values,
// staged jaxprs, vmap, and JAX's errors.
import "@jaxts/backend-cpu";
import { makeJaxpr, vmap } from "@jaxts/core";
import { describe, expect, it } from "vitest";
import { type Array as JArray, lax, np } from "../src/index.js";

const list = (x: unknown) => Array.from((x as JArray).dataSync(), Number);
type F = (...a: never[]) => unknown;
type T = (...a: JArray[]) => unknown;

describe("lax.cond / lax.switch", () => {
  it("picks a branch by a bool or numeric predicate, with pytree operands", () => {
    const x = np.array([1, 2, 3]);
    expect(
      list(
        lax.cond(
          true,
          (a: JArray) => a.mul(2),
          (a: JArray) => a.neg(),
          x,
        ),
      ),
    ).toEqual([2, 4, 6]);
    expect(
      list(
        lax.cond(
          np.array(0),
          (a: JArray) => a.mul(2),
          (a: JArray) => a.neg(),
          x,
        ),
      ),
    ).toEqual([-1, -2, -3]);
    const out = lax.cond(
      np.array(2.5),
      (o: { a: JArray; b: JArray }) => ({ s: o.a.add(o.b) }),
      (o: { a: JArray; b: JArray }) => ({ s: o.a.sub(o.b) }),
      { a: x, b: x },
    ) as { s: JArray };
    expect(list(out.s)).toEqual([2, 4, 6]);
  });
  it("switch clamps the index", () => {
    const fs = [(a: JArray) => a.add(1), (a: JArray) => a.add(2), (a: JArray) => a.add(3)];
    expect(list(lax.switch(np.array(1, { dtype: "int32" }), fs, np.array(0)))).toEqual([2]);
    expect(list(lax.switch(np.array(7, { dtype: "int32" }), fs, np.array(0)))).toEqual([3]);
    expect(list(lax.switch(np.array(-4, { dtype: "int32" }), fs, np.array(0)))).toEqual([1]);
  });
  it("switch takes a JS integer as JAX takes a Python int, and rejects a fraction", () => {
    const fs = [(a: JArray) => a.add(1), (a: JArray) => a.add(2)];
    expect(list(lax.switch(1, fs, np.array(0)))).toEqual([2]);
    expect(() => lax.switch(1.5, fs, np.array(0))).toThrow("Index type must be an integer, got 1.5.");
  });
  it("rejects branches of different types and bad predicates", () => {
    const x = np.array([1, 2]);
    expect(() =>
      lax.cond(
        true,
        (a: JArray) => a,
        (a: JArray) => a.sum(),
        x,
      ),
    ).toThrow(/identical types/);
    expect(() =>
      lax.cond(
        true,
        (a: JArray) => [a],
        (a: JArray) => a,
        x,
      ),
    ).toThrow(/same type structure/);
    expect(() =>
      lax.cond(
        np.array([true, false]),
        (a: JArray) => a,
        (a: JArray) => a,
        x,
      ),
    ).toThrow(/scalar/);
    expect(() => lax.switch(np.array(1.5), [(a: JArray) => a], x)).toThrow(/Index type must be an integer/);
  });
  it("stages as a cond primitive", () => {
    const f = (p: JArray, x: JArray) =>
      lax.cond(
        p,
        (a: JArray) => np.sin(a),
        (a: JArray) => np.cos(a),
        x,
      );
    const text = String(makeJaxpr(f as T)(np.array(true), np.array([1, 2])));
    expect(text).toContain("cond[");
  });
  it("vmaps with a batched predicate (select) and an unbatched one", () => {
    const f = (p: JArray, x: JArray) =>
      lax.cond(
        p,
        (a: JArray) => a.mul(10),
        (a: JArray) => a.neg(),
        x,
      );
    const out = vmap(f as T)(np.array([true, false, true]), np.array([1, 2, 3])) as JArray;
    expect(list(out)).toEqual([10, -2, 30]);
    const g = vmap(((x: JArray) => f(np.array(false), x)) as T)(np.array([1, 2])) as JArray;
    expect(list(g)).toEqual([-1, -2]);
  });
});

describe("lax.whileLoop / lax.forILoop", () => {
  it("loops while the condition holds", () => {
    const out = lax.whileLoop(
      (c: JArray) => c.lt(10),
      (c: JArray) => c.mul(2),
      np.array(1),
    ) as JArray;
    expect(list(out)).toEqual([16]);
  });
  it("requires a scalar boolean condition and a fixed carry type", () => {
    expect(() =>
      lax.whileLoop(
        (c: JArray) => c,
        (c: JArray) => c,
        np.array([1, 2]),
      ),
    ).toThrow(/boolean scalar/);
    expect(() =>
      lax.whileLoop(
        (c: JArray) => c.lt(3),
        (c: JArray) => np.stack([c, c]),
        np.array(1),
      ),
    ).toThrow(/identical types|equal types/);
  });
  it("forILoop with static and traced bounds", () => {
    const body = (i: JArray, c: JArray) => c.add(i);
    expect(list(lax.forILoop(0, 5, body, np.array(0, { dtype: "int32" })))).toEqual([10]);
    expect(list(lax.forILoop(3, 1, body, np.array(7, { dtype: "int32" })))).toEqual([7]);
    const traced = (n: JArray) => lax.forILoop(0, n, body, np.array(0, { dtype: "int32" }));
    expect(String(makeJaxpr(traced as T)(np.array(4, { dtype: "int32" })))).toContain("while[");
    expect(
      String(makeJaxpr(((c: JArray) => lax.forILoop(0, 4, body, c)) as T)(np.array(0, { dtype: "int32" }))),
    ).toContain("scan[");
  });
  it("vmaps a while loop whose members stop at different steps", () => {
    const f = (x: JArray) =>
      lax.whileLoop(
        (c: JArray) => c.lt(10),
        (c: JArray) => c.add(3),
        x,
      );
    expect(list(vmap(f as T)(np.array([0, 5, 20])))).toEqual([12, 11, 20]);
  });
});

describe("lax.scan / lax.map / lax.associativeScan", () => {
  it("scans with carry and stacked ys, forward and reverse", () => {
    const f = (c: JArray, x: JArray) => [c.add(x), c.mul(x)];
    const [c, ys] = lax.scan(f as F, np.array(0), np.array([1, 2, 3]));
    expect(list(c)).toEqual([6]);
    expect(list(ys)).toEqual([0, 2, 9]);
    const [cr, ysr] = lax.scan(f as F, np.array(0), np.array([1, 2, 3]), { reverse: true });
    expect(list(cr)).toEqual([6]);
    expect(list(ysr)).toEqual([5, 6, 0]);
  });
  it("takes pytree xs, xs null with a length, and numbers as carries", () => {
    const [c, ys] = lax.scan(
      ((c: JArray, x: { a: JArray; b: JArray }) => [c.add(x.a.mul(x.b)), x.a]) as F,
      0,
      { a: np.array([1, 2]), b: np.array([3, 4]) },
    );
    expect(list(c)).toEqual([11]);
    expect(list(ys)).toEqual([1, 2]);
    const [n, is] = lax.scan(((c: JArray) => [c.add(1), c]) as F, np.array(0), null, { length: 3 });
    expect(list(n)).toEqual([3]);
    expect(list(is)).toEqual([0, 1, 2]);
  });
  it("rejects a carry whose type changes", () => {
    expect(() =>
      lax.scan(((c: JArray, x: JArray) => [np.stack([c, x]), x]) as F, np.array(0), np.array([1, 2])),
    ).toThrow(/scan body function carry input and carry output must have equal types/);
    expect(() => lax.scan(((c: JArray) => [c, c]) as F, np.array(0), null)).toThrow(/length/);
  });
  it("stages as a scan primitive and vmaps", () => {
    const f = (xs: JArray) => lax.scan(((c: JArray, x: JArray) => [c.add(x), c]) as F, np.array(0), xs)[0];
    expect(String(makeJaxpr(f as T)(np.array([1, 2, 3])))).toContain("scan[");
    expect(
      list(
        vmap(f as T)(
          np.array([
            [1, 2],
            [3, 4],
          ]),
        ),
      ),
    ).toEqual([3, 7]);
    const g = (xs: JArray) =>
      lax.scan(((c: JArray, x: JArray) => [c.add(x), c.add(x)]) as F, np.array(0), xs)[1];
    expect(
      list(
        vmap(g as T, { inAxes: 1 })(
          np.array([
            [1, 2],
            [3, 4],
          ]),
        ),
      ),
    ).toEqual([1, 4, 2, 6]);
  });
  it("map and associativeScan", () => {
    expect(list(lax.map((x: JArray) => x.mul(x), np.array([1, 2, 3])))).toEqual([1, 4, 9]);
    const sums = lax.associativeScan((a: JArray, b: JArray) => a.add(b), np.array([1, 2, 3, 4, 5])) as JArray;
    expect(list(sums)).toEqual([1, 3, 6, 10, 15]);
    const rev = lax.associativeScan(
      (a: JArray, b: JArray) => a.add(b),
      np.array([1, 2, 3, 4]),
      true,
    ) as JArray;
    expect(list(rev)).toEqual([10, 9, 7, 4]);
  });
});
