import "@jaxts/backend-cpu";
import { jit, vmap } from "@jaxts/core";
import { type Array as JArray, array, np } from "@jaxts/ndarray";
import { describe, expect, it } from "vitest";
import { random } from "../src/index.js";

const values = (x: JArray): number[] => Array.from(x.dataSync(), Number);
const f32 = (xs: number[]): JArray => array(xs, { dtype: "float32" });

// The rejection samplers loop until every element is accepted, in lax.whileLoop over traced state,
// so they must give the eager values under jit, and per-key values under vmap (a batched loop keeps
// each member's carry once its own condition is false).
type Sampler = (key: JArray, param: JArray) => JArray;

const samplers: Record<string, [Sampler, JArray]> = {
  poisson: [(k, lam) => random.poisson(k, lam), f32([0.5, 5, 50, 0, 12])],
  binomial: [(k, n) => random.binomial(k, n, f32([0.3, 0.9, 0.5, 0.02, 0.7])), f32([10, 40, 100, 3, 1000])],
  multinomial: [(k, n) => random.multinomial(k, n, f32([0.2, 0.3, 0.5])), array(25, { dtype: "float32" })],
  gamma: [(k, a) => random.gamma(k, a), f32([0.2, 1, 3.5, 20])],
  loggamma: [(k, a) => random.loggamma(k, a), f32([0.01, 0.7, 4])],
};

describe.each(Object.keys(samplers))("%s under transformations", (name) => {
  const [sample, param] = samplers[name];
  it("jit(sampler) equals the eager sampler", () => {
    const k = random.key(7);
    expect(values(jit(sample)(k, param))).toEqual(values(sample(k, param)));
  });
  it("vmap over keys equals stacked per-key calls", () => {
    const keys = random.split(random.key(3), 4);
    const batched = vmap(sample, { inAxes: [0, null] })(keys, param);
    const rows = [0, 1, 2, 3].map((i) => values(sample(np.take(keys, i, { axis: 0 }), param)));
    expect(batched.shape[0]).toBe(4);
    expect(values(batched)).toEqual(rows.flat());
  });
});

describe("discrete samplers", () => {
  it("poisson rejects a float dtype with JAX's (NumPy's iinfo) error", () => {
    expect(() => random.poisson(random.key(0), 3, [2], "float32")).toThrow("Invalid integer data type 'f'.");
  });
  it("binomial rejects an integer dtype", () => {
    expect(() => random.binomial(random.key(0), 10, 0.3, [2], "int32")).toThrow(
      "dtype argument to `binomial` must be a float dtype, got int32",
    );
  });
  it("binomial's BTRS branch has the right mean (n·q > 10)", () => {
    const draws = values(random.binomial(random.key(5), 200, 0.4, [2000]));
    const mean = draws.reduce((s, d) => s + d, 0) / draws.length;
    expect(Math.abs(mean - 80)).toBeLessThan(1);
    expect(draws.every((d) => Number.isInteger(d) && d >= 0 && d <= 200)).toBe(true);
  });
  it("binomial maps NaN p to NaN and infinite n to inf", () => {
    expect(values(random.binomial(random.key(0), f32([5, Infinity]), f32([Number.NaN, 0.3])))).toEqual([
      Number.NaN,
      Infinity,
    ]);
  });
  it("multinomial counts sum to n", () => {
    const out = random.multinomial(
      random.key(2),
      f32([7, 30]),
      array(
        [
          [0.1, 0.6, 0.3],
          [0.25, 0.25, 0.5],
        ],
        { dtype: "float32" },
      ),
    );
    expect(values(np.sum(out, { axis: -1 }))).toEqual([7, 30]);
  });
});
