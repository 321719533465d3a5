import "@jaxts/backend-cpu";
import { config } from "@jaxts/core";
import type { Array as JArray } from "@jaxts/ndarray";
import { describe, expect, it } from "vitest";
import { random } from "../src/index.js";
import { callArgs, casesOf, expected, values } from "./fixture.js";

const f32 = new Float32Array(2);
const u32 = new Int32Array(f32.buffer);
function ulpDistance(a: number, b: number): number {
  f32[0] = a;
  f32[1] = b;
  // Same-sign floats order like their bit patterns; normal samples never straddle zero here.
  return Math.abs(u32[0] - u32[1]);
}

type Fn = (...args: never[]) => JArray;

// Tolerance per sampler: 0 means bit-exact; a negative -n means within n float32 ulp; a positive
// value is relative to max(1, |expected|). normal and uniform are bit-exact: erf_inv is XLA's
// polynomial with its fused multiply-adds and its log1p, and the samplers run jitted, so uniform's
// `u * (maxval - minval) + minval` is contracted as XLA contracts it. The log/tan-based samplers
// inherit libm differences near zero, hence an absolute floor.
const fns: Record<string, [Fn, number]> = {
  "random.uniform": [random.uniform, 0],
  "random.randint": [random.randint, 0],
  "random.bernoulli": [random.bernoulli, 0],
  "random.rademacher": [random.rademacher, 0],
  "random.permutation": [random.permutation, 0],
  "random.categorical": [random.categorical, 0],
  "random.choice": [random.choice, 0],
  "random.generalized_normal": [random.generalizedNormal, 1e-5],
  "random.ball": [random.ball, 1e-5],
  "random.gamma": [random.gamma, 1e-5],
  "random.loggamma": [random.loggamma, 1e-5],
  "random.beta": [random.beta, 1e-5],
  "random.dirichlet": [random.dirichlet, 1e-5],
  "random.chisquare": [random.chisquare, 1e-5],
  "random.t": [random.t, 1e-5],
  "random.f": [random.f, 1e-5],
  "random.multivariate_normal": [random.multivariateNormal, 1e-5],
  "random.orthogonal": [random.orthogonal, 1e-5],
  "random.lognormal": [random.lognormal, 1e-5],
  "random.pareto": [random.pareto, 1e-5],
  "random.weibull_min": [random.weibullMin, 1e-5],
  "random.rayleigh": [random.rayleigh, 1e-5],
  "random.maxwell": [random.maxwell, 1e-5],
  "random.double_sided_maxwell": [random.doubleSidedMaxwell, 1e-5],
  "random.triangular": [random.triangular, 1e-5],
  "random.geometric": [random.geometric, 0],
  "random.poisson": [random.poisson, 0],
  "random.binomial": [random.binomial, 0],
  "random.multinomial": [random.multinomial, 0],
  "random.wald": [random.wald, 1e-5],
  "random.normal": [random.normal, 0],
  "random.truncated_normal": [random.truncatedNormal, 1e-6],
  "random.exponential": [random.exponential, 1e-6],
  "random.gumbel": [random.gumbel, 1e-6],
  "random.laplace": [random.laplace, 1e-6],
  "random.logistic": [random.logistic, 1e-6],
  "random.cauchy": [random.cauchy, 1e-6],
};

describe.each(Object.keys(fns))("%s matches JAX", (name) => {
  const [fn, tol] = fns[name];
  const cases = casesOf(name);
  cases.forEach((c, i) => {
    it(`case ${i} (partitionable=${c.partitionable})`, () => {
      const out = config.with({ jax_threefry_partitionable: c.partitionable }, () =>
        (fn as (...a: unknown[]) => JArray)(...callArgs(c)),
      );
      expect(out.dtype).toBe(c.out.dtype);
      expect(out.shape).toEqual(c.out.shape);
      const want = expected(c.out);
      const got = values(out);
      if (tol === 0) expect(got).toEqual(want);
      else if (tol < 0) got.forEach((g, j) => expect(ulpDistance(g, want[j])).toBeLessThanOrEqual(-tol));
      else
        got.forEach((g, j) =>
          expect(Math.abs(g - want[j])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want[j]))),
        );
    });
  });
});
