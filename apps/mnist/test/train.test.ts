import { describe, expect, it } from "vitest";
import { loadDigits } from "../src/data.js";
import { type EpochResult, train } from "../src/train.js";

describe("the MNIST example", () => {
  it("splits the package's digits deterministically, without overlap", () => {
    const a = loadDigits({ limit: 1000 });
    const b = loadDigits({ limit: 1000 });
    expect(a.train.size).toBe(800);
    expect(a.test.size).toBe(200);
    expect(a.train.images).toEqual(b.train.images);
    expect(new Set(a.test.labels)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const max = a.train.images.reduce((m, v) => Math.max(m, v), 0);
    expect(max).toBeLessThanOrEqual(1);
    expect(max).toBeGreaterThan(0.9);
  });

  // 300 Adam steps (batch 32) on 2,000 digits: about ten seconds on the cpu backend.
  it("lowers the loss and classifies held-out digits well after a few hundred steps", () => {
    const data = loadDigits({ limit: 2000 });
    const history: EpochResult[] = [];
    const result = train(data, {
      epochs: 100,
      maxSteps: 300,
      batchSize: 32,
      progress: false,
      onEpoch: (r) => history.push(r),
    });
    expect(result.steps).toBe(300);
    expect(history.length).toBeGreaterThan(1);
    const first = history[0];
    const last = history[history.length - 1];
    expect(last.loss).toBeLessThan(first.loss / 2);
    expect(last.testAccuracy).toBeGreaterThan(0.85);
  });
});
