import "@jaxts/backend-cpu";
import { ConcretizationTypeError, jit, vmap } from "@jaxts/core";
import { type Array as JArray, np } from "@jaxts/ndarray";
import { describe, expect, it } from "vitest";
import { grad, jvp } from "../src/index.js";

// As in JAX, grad and jvp of concrete inputs know their values, so JS control flow works there;
// under jit (and for batched values under vmap) the values are abstract and reading them fails.

const relu = (x: JArray) => (Number(x) > 0 ? x : x.mul(0));

describe("reading values under transformations", () => {
  it("grad and jvp of concrete inputs allow JS control flow on values", () => {
    expect(grad(relu)(np.array(2)).item()).toBe(1);
    expect(grad(relu)(np.array(-2)).item()).toBe(0);
    const [y, t] = jvp(relu, [np.array(3)], [np.array(1)]);
    expect([y.item(), t.item()]).toEqual([3, 1]);
    // Second order reads through two jvp levels.
    expect(grad(grad((x: JArray) => (Number(x) > 0 ? x.mul(x) : x)))(np.array(2)).item()).toBe(2);
  });

  it("under jit the value is abstract: JAX's ConcretizationTypeError", () => {
    expect(() => jit(relu)(np.array(2))).toThrow(ConcretizationTypeError);
    expect(() => grad(jit(relu))(np.array(2))).toThrow(ConcretizationTypeError);
  });

  it("under vmap a batched value cannot be read, an unbatched one can", () => {
    expect(() => vmap(relu)(np.array([1, -1]))).toThrow(ConcretizationTypeError);
    const scale = np.array(3);
    const f = vmap((x: JArray) => x.mul(Number(scale)));
    expect(Array.from(f(np.array([1, 2])).dataSync())).toEqual([3, 6]);
  });
});

describe("JS conversions of arrays", () => {
  it("Number(x) and + read one-element arrays; String(x) is the repr", () => {
    const x = np.array(2.5);
    expect(Number(x)).toBe(2.5);
    expect(+np.array([4])).toBe(4);
    expect(`${x}`).toBe("Array(2.5, dtype=float32)");
    expect(String(np.array([1, 2]))).toBe("Array([1., 2.], dtype=float32)");
  });

  it("larger arrays and traced values refuse instead of giving NaN", () => {
    expect(() => Number(np.array([1, 2]))).toThrow(
      "only length-1 arrays can be converted to JS numbers; got an array of shape (2,)",
    );
    expect(() => jit((x: JArray) => np.array(Number(x)))(np.array(1))).toThrow(ConcretizationTypeError);
  });
});

describe("weak types through grad", () => {
  it("a JS number passed to grad is a weak scalar, as a Python float is in JAX", () => {
    const f = (x: JArray) => x.mul(x);
    expect(String(grad(f)(3 as unknown as JArray))).toBe("Array(6., dtype=float32, weak_type=True)");
    expect(String(jit(grad(f))(3 as unknown as JArray))).toBe("Array(6., dtype=float32, weak_type=True)");
    expect(String(grad(f)(np.array(3)))).toBe("Array(6., dtype=float32)");
  });
});
