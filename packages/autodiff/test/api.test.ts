import "@jaxts/backend-cpu";
import { type Array as JArray, np } from "@jaxts/ndarray";
import { describe, expect, it, vi } from "vitest";
import { type Expr, getBackend } from "@jaxts/backend";
import {
  checkpoint,
  customJvp,
  customVjp,
  grad,
  hessian,
  jacfwd,
  jacrev,
  jvp,
  linearize,
  valueAndGrad,
  vjp,
} from "../src/index.js";

const values = (x: unknown) => Array.from((x as JArray).dataSync());
const close = (x: unknown, expected: number[], tol = 1e-6) => {
  const got = values(x);
  expect(got.length).toBe(expected.length);
  got.forEach((g, i) =>
    expect(Math.abs(g - expected[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i]))),
  );
};

describe("grad and friends", () => {
  it("differentiates tanh to third order", () => {
    const d1 = grad((x: JArray) => np.tanh(x));
    const d3 = grad(grad(d1 as (x: JArray) => JArray) as (x: JArray) => JArray);
    const x = 0.5;
    const t = Math.tanh(x);
    close(d1(np.array(x)), [1 - t * t]);
    // d³/dx³ tanh = -2 sech²(x)·(1 - 3 tanh²(x)) ... written via t: -2(1-t²)(1-3t²)
    close(d3(np.array(x)), [-2 * (1 - t * t) * (1 - 3 * t * t)], 1e-5);
  });

  it("follows argnums, hasAux and pytrees", () => {
    const f = (p: { w: JArray; b: JArray }, x: JArray) => np.sum(np.tanh(x.mul(p.w).add(p.b)));
    const p = { w: np.array([0.5, -1]), b: np.array([0.1, 0.2]) };
    const x = np.array([1, 2]);
    const g = grad(f)(p, x) as { w: JArray; b: JArray };
    const pre = [0.5 * 1 + 0.1, -1 * 2 + 0.2];
    const sech2 = pre.map((v) => 1 - Math.tanh(v) ** 2);
    close(g.b, sech2);
    close(g.w, [sech2[0] * 1, sech2[1] * 2]);
    const [gp, gx] = grad(f, { argnums: [0, 1] })(p, x) as [unknown, JArray];
    close(gx, [sech2[0] * 0.5, sech2[1] * -1]);
    void gp;
    const [[value, aux], gx2] = valueAndGrad((x: JArray) => [np.sum(x.mul(x)), x.mul(2)] as const, {
      hasAux: true,
    })(np.array([3]));
    close(value, [9]);
    close(aux, [6]);
    close(gx2, [6]);
  });

  it("gives JAX's errors", () => {
    expect(() => grad((x: JArray) => x.mul(2))(np.array([1, 2]))).toThrow(
      "Gradient only defined for scalar-output functions. Output had shape: (2,).",
    );
    expect(() => grad((x: JArray) => x.sum())(np.array([1, 2], { dtype: "int32" }))).toThrow(
      /grad requires real- or complex-valued inputs \(input dtype that is a sub-dtype of np.inexact\), but got int32/,
    );
    expect(() => grad((x: JArray) => x.sum(), { argnums: 2 })(np.array([1]))).toThrow(
      /requires at least 3 positional arguments to be passed by the caller, but got only 1/,
    );
    // Misuse that the types reject; at run time JAX's error.
    expect(() =>
      grad((x: JArray) => x.sum() as unknown as [JArray, JArray], { hasAux: true })(np.array([1])),
    ).toThrow(/expected function with aux output to return a two-element tuple/);
  });
});

describe("jvp, vjp, linearize", () => {
  it("agree with each other: ⟨u, J v⟩ = ⟨Jᵀ u, v⟩", () => {
    const f = (x: JArray) => np.sin(x).mul(x);
    const x = np.array([0.3, 1.2, -0.7]);
    const v = np.array([1, -2, 0.5]);
    const u = np.array([0.2, 0.1, -1]);
    const [, jv] = jvp(f, [x], [v]);
    const [, pullback] = vjp(f, [x]);
    const [jtu] = pullback(u);
    const lhs = np.sum((jv as JArray).mul(u)).item() as number;
    const rhs = np.sum((jtu as JArray).mul(v)).item() as number;
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-6);
    const [y, fJvp] = linearize(f, [x]);
    close(fJvp(v), values(jv));
    close(y, values(f(x)));
  });

  it("rejects mismatched tangents", () => {
    expect(() => jvp((x: JArray) => x, [np.ones([2])], [np.ones([3])])).toThrow(
      /different primal and tangent shapes/,
    );
  });
});

describe("jacobians", () => {
  it("jacfwd, jacrev and hessian agree, with out.shape + in.shape", () => {
    const f = (x: JArray) => np.sin(x).mul(x.sum());
    const x = np.array([0.1, 0.2, 0.3]);
    const jf = jacfwd(f)(x) as JArray;
    const jr = jacrev(f)(x) as JArray;
    expect(jf.shape).toEqual([3, 3]);
    close(jf, values(jr), 1e-6);
    const h = hessian((x: JArray) => np.sum(x.mul(x).mul(x)))(x) as JArray;
    close(h, [0.6, 0, 0, 0, 1.2, 0, 0, 0, 1.8], 1e-5);
  });
});

describe("custom rules and checkpoint", () => {
  it("customJvp uses the rule", () => {
    const f = customJvp((x: JArray) => np.sin(x));
    f.defjvp(([x], [t]) => [np.sin(x), t.mul(100)]);
    close(grad((x: JArray) => f(x))(np.array(0.3)), [100]);
    close(f(np.array(0.3)), [Math.sin(0.3)]);
  });

  it("customVjp uses fwd and bwd; jvp of it is an error", () => {
    const clip = customVjp((x: JArray) => x);
    clip.defvjp(
      (x: JArray) => [x, null],
      (_res, g: JArray) => [np.clip(g, -1, 1)],
    );
    close(grad((x: JArray) => clip(x).mul(5))(np.array(2)), [1]);
    expect(() => jvp(clip, [np.array(1)], [np.array(1)])).toThrow(
      "can't apply forward-mode autodiff (jvp) to a custom_vjp function.",
    );
  });

  it("customVjp: a null cotangent from bwd is zero for that argument (or subtree), positions kept", () => {
    const clipped = customVjp((_lo: JArray, _hi: JArray, x: JArray) => np.sin(x));
    clipped.defvjp(
      (lo: JArray, hi: JArray, x: JArray) => [np.sin(x), [lo, hi, x]],
      ([lo, hi, x]: JArray[], g: JArray) => [null, null, np.clip(g.mul(np.cos(x)), lo, hi)],
    );
    const [dlo, dhi, dx] = grad((lo: JArray, hi: JArray, x: JArray) => clipped(lo, hi, x), {
      argnums: [0, 1, 2],
    })(np.array(-0.5), np.array(0.5), np.array(0.1));
    close(dx, [0.5]);
    close(dlo, [0]);
    close(dhi, [0]);
    const pair = customVjp((p: { a: JArray; b: JArray }) => p.a.mul(p.b));
    pair.defvjp(
      (p: { a: JArray; b: JArray }) => [p.a.mul(p.b), p],
      (p: { a: JArray; b: JArray }, g: JArray) => [{ a: g.mul(p.b), b: null }],
    );
    const gp = grad((p: { a: JArray; b: JArray }) => pair(p))({ a: np.array(2), b: np.array(3) });
    close(gp.a, [3]);
    close(gp.b, [0]);
  });

  it("checkpoint gives the same gradient and stores no residuals", () => {
    const g = (x: JArray) => np.sin(np.sin(x));
    const x = np.array([0.5, 1.5]);
    const plain = grad((x: JArray) => np.sum(g(x)))(x);
    const remat = grad((x: JArray) => np.sum(checkpoint(g)(x)))(x);
    close(remat, values(plain));
    // Count how often sin runs: checkpoint recomputes the forward pass in the backward pass.
    const backend = getBackend("cpu");
    const isSin = (e: Expr): boolean =>
      (e.op === "unary" && (e.alu === "sin" || isSin(e.x))) ||
      (e.op === "binary" && (isSin(e.x) || isSin(e.y))) ||
      ((e.op === "cast" || e.op === "bitcast") && isSin(e.x)) ||
      (e.op === "where" && (isSin(e.cond) || isSin(e.x) || isSin(e.y)));
    const countSin = (fn: () => unknown): number => {
      const spy = vi.spyOn(backend, "run");
      fn();
      const n = spy.mock.calls.filter(([exe]) => exe.kernel.kind === "loop" && isSin(exe.kernel.expr)).length;
      spy.mockRestore();
      return n;
    };
    const nPlain = countSin(() => grad((x: JArray) => np.sum(g(x)))(x));
    const nRemat = countSin(() => grad((x: JArray) => np.sum(checkpoint(g)(x)))(x));
    expect(nPlain).toBe(2);
    expect(nRemat).toBeGreaterThan(nPlain);
  });
});
