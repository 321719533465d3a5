import "@jaxts/backend-cpu";
import { config } from "@jaxts/core";
import type { Array as JArray } from "@jaxts/ndarray";
import { describe, expect, it } from "vitest";
import { random } from "../src/index.js";
import { callArgs, casesOf, values } from "./fixture.js";

type Fn = (...args: never[]) => JArray;

const fns: Record<string, Fn> = {
  "random.PRNGKey": random.PRNGKey,
  "random.key": random.key,
  "random.split": random.split,
  "random.fold_in": random.foldIn,
  "random.bits": random.bits,
};

describe.each(Object.keys(fns))("%s matches JAX bit for bit", (name) => {
  casesOf(name).forEach((c, i) => {
    it(`case ${i} (partitionable=${c.partitionable})`, () => {
      const out = config.with({ jax_threefry_partitionable: c.partitionable }, () =>
        (fns[name] as (...a: unknown[]) => JArray)(...callArgs(c)),
      );
      expect(out.dtype).toBe(c.out.dtype);
      expect(out.shape).toEqual(c.out.shape);
      expect(values(out)).toEqual(c.out.data);
    });
  });
});

describe("keys", () => {
  it("splits by destructuring", () => {
    const [k1, k2] = random.split(random.key(0));
    expect(values(k1)).toEqual([1797259609, 2579123966]);
    expect(values(k2)).toEqual([928981903, 3453687069]);
  });
  it("round-trips key data", () => {
    const k = random.key(7);
    expect(values(random.keyData(random.wrapKeyData(random.keyData(k))))).toEqual([0, 7]);
  });
});

describe("printing", () => {
  it("prints normal samples as JAX does", () => {
    const jax =
      "Array([ 1.6226422 ,  2.0252647 , -0.43359444, -0.07861735,  0.1760909 ],      dtype=float32)";
    const ours = String(random.normal(random.key(0), [5]));
    expect(ours).toBe(jax);
  });
});
