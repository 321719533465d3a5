import "@jaxts/backend-cpu";
import { type Array as JArray, array, scipy } from "@jaxts/ndarray";
import { describe, expect, it } from "vitest";
import { randomGammaGrad } from "../src/gamma-grad.js";

const f32 = (v: number): JArray => array(v, { dtype: "float32" });
const P = (a: number, x: number): number => Number(scipy.special.gammainc(f32(a), f32(x)).item());

// gamma's custom JVP is tangent · randomGammaGrad(a, sample) = -(∂P/∂a)/(∂P/∂x). Central differences
// of gammainc check it on both of its expansions (series for x <= max(1, a), continued fraction beyond).
describe("randomGammaGrad", () => {
  const points: [number, number][] = [
    [0.05, 0.5],
    [0.3, 0.5],
    [0.8, 1.2],
    [1.5, 2],
    [3, 2],
    [1.5, 9],
    [10, 9],
    [10, 15],
  ];
  it.each(points)("matches finite differences of the CDF at a=%s, x=%s", (a, x) => {
    const ha = 1e-2 * a;
    const hx = 1e-2 * x;
    const dPda = (P(a + ha, x) - P(a - ha, x)) / (2 * ha);
    const dPdx = (P(a, x + hx) - P(a, x - hx)) / (2 * hx);
    const got = Number(randomGammaGrad(f32(a), f32(x)).item());
    expect(Math.abs(got + dPda / dPdx)).toBeLessThan(2e-3 * Math.abs(dPda / dPdx));
  });
  it("is 0 at x = 0 and NaN outside the domain", () => {
    const out = randomGammaGrad(
      array([1, -1, 2], { dtype: "float32" }),
      array([0, 1, -1], { dtype: "float32" }),
    );
    expect(Array.from(out.dataSync(), Number)).toEqual([0, Number.NaN, Number.NaN]);
  });
});
