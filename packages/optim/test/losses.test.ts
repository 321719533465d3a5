import "@jaxts/backend-cpu";
import { grad } from "@jaxts/autodiff";
import { type Array as JArray, array, np } from "@jaxts/ndarray";
import { describe, expect, it } from "vitest";
import { optim } from "../src/index.js";

const v = (x: JArray): number[] => Array.from(x.dataSync());

describe("losses outside the golden file", () => {
  it("hingeLoss is max(0, 1 - y·t)", () => {
    expect(v(optim.hingeLoss(array([2, 0.5, -1]), array([1, 1, 1])))).toEqual([0, 0.5, 2]);
  });

  it("klDivergence is zero for equal distributions and treats 0 log 0 as 0", () => {
    const p = array([0.5, 0.5, 0]);
    const logQ = np.log(array([0.5, 0.5, 1e-9]));
    expect(optim.klDivergence(logQ, p).item()).toBeCloseTo(0, 6);
  });

  it("logCosh is log(cosh x), ≈ |x| - log 2 far away", () => {
    const [a, b] = v(optim.logCosh(array([0.5, 20])));
    expect(a).toBeCloseTo(Math.log(Math.cosh(0.5)), 6);
    expect(b).toBeCloseTo(20 - Math.log(2), 4);
  });

  it("cosineDistance is 1 - similarity; parallel vectors give 0", () => {
    expect(optim.cosineDistance(array([1, 2]), array([2, 4])).item()).toBeCloseTo(0, 6);
    expect(optim.cosineDistance(array([1, 0]), array([0, 1])).item()).toBeCloseTo(1, 6);
  });

  it("safeSoftmaxCrossEntropy has no NaN for -inf logits with zero labels, grads included", () => {
    const logits = array([0, Number.NEGATIVE_INFINITY, 1]);
    const labels = array([0.5, 0, 0.5]);
    expect(Number.isFinite(optim.safeSoftmaxCrossEntropy(logits, labels).item() as number)).toBe(true);
    expect(Number.isNaN(optim.softmaxCrossEntropy(logits, labels).item() as number)).toBe(true);
  });

  it("softmax cross entropy's gradient is softmax - labels", () => {
    const logits = array([1, 2, 3]);
    const labels = array([0, 0, 1]);
    const g = v(grad((l: JArray) => optim.softmaxCrossEntropy(l, labels))(logits));
    const e = [1, 2, 3].map(Math.exp);
    const z = e[0] + e[1] + e[2];
    [e[0] / z, e[1] / z, e[2] / z - 1].forEach((x, i) => expect(g[i]).toBeCloseTo(x, 6));
  });

  it("integer labels must be integers", () => {
    expect(() => optim.softmaxCrossEntropyWithIntegerLabels(array([[1, 2]]), array([1]))).toThrow(/integers/);
  });
});
