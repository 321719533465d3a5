import "@jaxts/backend-cpu";
import { config, jit, vmap } from "@jaxts/core";
import { type Array as JArray, np } from "@jaxts/ndarray";
import { describe, expect, it } from "vitest";
import { random } from "../src/index.js";

const values = (x: JArray): number[] => Array.from(x.dataSync(), Number);

// Keys are plain uint32 arrays and threefry is ordinary array ops, so transformations need nothing special.
describe("random under transformations", () => {
  it("jit gives the same bits and normals as eager", () => {
    const k = random.key(42);
    const draw = (key: JArray) => {
      const [, sub] = random.split(key);
      return random.normal(sub, [4]);
    };
    expect(values(jit(draw)(k) as JArray)).toEqual(values(draw(k)));
  });
  it("vmap over a batch of keys matches per-key draws", () => {
    const keys = random.split(random.key(1), 3);
    const batched = vmap((key: JArray) => random.uniform(key, [2]))(keys) as JArray;
    const rows = [...random.split(random.key(1), 3)].map((k) => values(random.uniform(k, [2])));
    expect(values(batched)).toEqual(rows.flat());
  });
  it.each([true, false])(
    "vmap(split) over a batch of keys is the batch of splits (partitionable=%s)",
    (mode) => {
      config.with({ jax_threefry_partitionable: mode }, () => {
        const keys = random.split(random.key(5), 3);
        const batched = vmap((key: JArray) => random.split(key, 4))(keys) as JArray;
        expect(batched.shape).toEqual([3, 4, 2]);
        const rows = [...keys].map((k) => values(random.split(k, 4)));
        expect(values(batched)).toEqual(rows.flat());
      });
    },
  );

  // Every array-valued sampler, called inside an outer jit, gives the eager draws bit for bit.
  const k0 = random.key(3);
  const samplers: [string, (k: JArray) => JArray][] = [
    ["bits", (k) => random.bits(k, [3])],
    ["foldIn", (k) => random.foldIn(k, 9)],
    ["uniform", (k) => random.uniform(k, [3], { minval: -2, maxval: 5 })],
    ["normal", (k) => random.normal(k, [3])],
    ["truncatedNormal", (k) => random.truncatedNormal(k, -1, 2, [3])],
    ["bernoulli", (k) => random.bernoulli(k, 0.3, [4])],
    ["randint", (k) => random.randint(k, [4], -3, 9)],
    ["categorical", (k) => random.categorical(k, random.normal(random.key(1), [5]), { shape: [4] })],
    ["permutation", (k) => random.permutation(k, 6)],
    ["choice", (k) => random.choice(k, 10, [3], { replace: false })],
    ["exponential", (k) => random.exponential(k, [3])],
    ["gumbel", (k) => random.gumbel(k, [3])],
    ["laplace", (k) => random.laplace(k, [3])],
    ["logistic", (k) => random.logistic(k, [3])],
    ["cauchy", (k) => random.cauchy(k, [3])],
    ["rademacher", (k) => random.rademacher(k, [3])],
    ["gamma", (k) => random.gamma(k, 2.5, [3])],
    ["beta", (k) => random.beta(k, 2, 3, [3])],
    ["dirichlet", (k) => random.dirichlet(k, random.uniform(random.key(2), [3], { minval: 1, maxval: 2 }))],
    ["poisson", (k) => random.poisson(k, 4, [3])],
    [
      "multivariateNormal",
      (k) =>
        random.multivariateNormal(
          k,
          np.zeros([2]),
          np.array([
            [2, 0.5],
            [0.5, 1],
          ]),
        ),
    ],
    ["orthogonal", (k) => random.orthogonal(k, 3)],
    ["ball", (k) => random.ball(k, 3)],
  ];
  it.each(samplers)("%s traces under jit", (_name, draw) => {
    expect(values(jit(draw)(k0) as JArray)).toEqual(values(draw(k0)));
  });
});
