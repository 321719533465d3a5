import "@jaxts/backend-cpu";
import { array } from "@jaxts/ndarray";
import { describe, expect, it } from "vitest";
import { optim } from "../src/index.js";
import { run, start, values } from "./helpers.js";

const f32 = Math.fround;

describe("every optimizer decreases a quadratic", () => {
  const cases: [string, optim.GradientTransformation, number][] = [
    ["sgd", optim.sgd(0.1), 20],
    ["sgd momentum nesterov", optim.sgd(0.05, 0.9, true), 20],
    ["adam", optim.adam(0.1), 30],
    ["adam nesterov", optim.adam(0.1, { nesterov: true }), 30],
    ["nadam", optim.nadam(0.1), 30],
    ["adamw", optim.adamw(0.1, { weightDecay: 0.01 }), 30],
    ["nadamw", optim.nadamw(0.1), 30],
    ["amsgrad", optim.amsgrad(0.1), 30],
    ["adamax", optim.adamax(0.1), 30],
    ["rmsprop", optim.rmsprop(0.01), 30],
    ["rmsprop centered momentum", optim.rmsprop(0.01, { centered: true, momentum: 0.9 }), 30],
    ["rmsprop bias-corrected", optim.rmsprop(0.05, { biasCorrection: true, epsInSqrt: false }), 30],
    ["adagrad", optim.adagrad(0.5), 30],
    ["adadelta", optim.adadelta(10.0), 30],
    ["adafactor", optim.adafactor({ learningRate: 0.1 }), 30],
    ["lion", optim.lion(0.05), 30],
    ["lamb", optim.lamb(0.05), 30],
    ["lars", optim.lars(1.0), 30],
    ["radam", optim.radam(0.1), 30],
    ["adabelief", optim.adabelief(0.1), 30],
    ["novograd", optim.novograd(0.1), 30],
    ["yogi", optim.yogi(0.1), 30],
  ];
  for (const [name, tx, steps] of cases) {
    it(name, () => {
      const { losses } = run(tx, steps);
      expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.8);
      for (const l of losses) expect(Number.isFinite(l)).toBe(true);
    });
  }
});

describe("hand-derived steps", () => {
  it("sgd: p - lr * g", () => {
    const { params } = run(optim.sgd(0.1), 1);
    // g = 2 (w - 1) = [4, -4, -1]; w - 0.1 g.
    expect(values(params.w)).toEqual([3, -1, 0.5].map((w) => f32(w - f32(0.1) * f32(2 * (w - 1)))));
  });

  it("adam: the first step is -lr * sign(g) (up to eps)", () => {
    const { params } = run(optim.adam(0.1), 1);
    const w = values(params.w);
    [2.9, -0.9, 0.6].forEach((x, i) => expect(w[i]).toBeCloseTo(x, 5));
  });

  it("sgd momentum: second step uses g2 + 0.9 g1", () => {
    const { params } = run(optim.sgd(0.1, 0.9), 2);
    const w0 = 3;
    const g1 = 2 * (w0 - 1);
    const w1 = w0 - 0.1 * g1;
    const g2 = 2 * (w1 - 1);
    expect(values(params.w)[0]).toBeCloseTo(w1 - 0.1 * (g2 + 0.9 * g1), 5);
  });

  it("adagrad: g / sqrt(0.1 + g²) scaled by lr", () => {
    const { params } = run(optim.adagrad(1), 1);
    const g = 4;
    expect(values(params.w)[0]).toBeCloseTo(3 - g / Math.sqrt(0.1 + g * g + 1e-7), 5);
  });
});

describe("calling convention", () => {
  it("positional, options and mixed forms agree", () => {
    const a = run(optim.adam(0.1, 0.8), 3).params;
    const b = run(optim.adam(0.1, { b1: 0.8 }), 3).params;
    const c = run(optim.adam({ learningRate: 0.1, b1: 0.8 }), 3).params;
    expect(values(a.w)).toEqual(values(b.w));
    expect(values(b.w)).toEqual(values(c.w));
  });

  it("missing learning rate and unknown options are Python's errors", () => {
    expect(() => optim.adam({})).toThrow(/missing 1 required positional argument: 'learningRate'/);
    expect(() => optim.adam(0.1, { beta1: 0.9 } as never)).toThrow(/unexpected keyword argument 'beta1'/);
  });

  it("states are plain pytrees with int32 counts", () => {
    const state = optim.adam(0.1).init(start()) as [{ count: { dtype: string }; mu: unknown }, unknown];
    expect(state[0].count.dtype).toBe("int32");
    expect(Object.keys(state[0].mu as object).sort()).toEqual(["b", "w"]);
    expect(state[1]).toEqual({});
  });

  it("learning rate may be an Array", () => {
    const a = run(optim.sgd(array(0.1)), 2).params;
    const b = run(optim.sgd(0.1), 2).params;
    expect(values(a.w)).toEqual(values(b.w));
  });
});
