import "@jaxts/backend-cpu";
import { type Array as JArray, array, np } from "@jaxts/ndarray";
import { describe, expect, it } from "vitest";
import { optim } from "../src/index.js";
import { values as raw } from "./helpers.js";

// -0 and +0 read alike here: masked-out and skipped updates are zeros of either sign, as in optax.
const values = (x: unknown): number[] => raw(x).map((v) => (v === 0 ? 0 : v));

const params = () => ({ w: array([1, 2]), b: array([3]) });
const grads = (x: number) => ({ w: array([x, -x]), b: array([2 * x]) });

describe("chain, identity, setToZero, scale", () => {
  it("chain applies in order and keeps an array of states", () => {
    const tx = optim.chain(optim.scale(2), optim.scale(-0.5), optim.identity());
    const state = tx.init(params());
    expect(state).toEqual([{}, {}, {}]);
    const [u] = tx.update(grads(1), state);
    expect(values(u.w)).toEqual([-1, 1]);
  });

  it("setToZero freezes", () => {
    const [u] = optim.setToZero().update(grads(1), {});
    expect(values(u.w)).toEqual([0, 0]);
  });

  it("clip and clipByGlobalNorm", () => {
    const [c] = optim.clip(0.5).update(grads(1), {});
    expect(values(c.b)).toEqual([0.5]);
    const g = grads(2); // norm sqrt(4 + 4 + 16) = sqrt(24)
    expect(optim.globalNorm(g).item()).toBeCloseTo(Math.sqrt(24), 5);
    const [n] = optim.clipByGlobalNorm(1).update(g, {});
    expect(optim.globalNorm(n).item()).toBeCloseTo(1, 5);
    const [same] = optim.clipByGlobalNorm(10).update(g, {});
    expect(values(same.b)).toEqual([4]);
  });

  it("zeroNans replaces NaNs and records where", () => {
    const tx = optim.zeroNans();
    const [u, s] = tx.update({ w: array([1, Number.NaN]), b: array([3]) }, tx.init(params()));
    expect(values(u.w)).toEqual([1, 0]);
    expect(values((s.foundNan as { w: JArray }).w)).toEqual([1]);
  });
});

describe("masked", () => {
  it("transforms only the masked leaves and keeps no state for the others", () => {
    const tx = optim.masked(optim.sgd(1, 0.9), { w: true, b: false });
    const state = tx.init(params());
    const [u] = tx.update(grads(1), state, params());
    expect(values(u.w)).toEqual([-1, 1]);
    expect(values(u.b)).toEqual([2]);
    const inner = (state.innerState as [{ trace: { w: JArray; b: unknown } }])[0];
    expect(inner.trace.b).toBeNull();
  });

  it("a function mask, and addDecayedWeights' mask option", () => {
    const tx = optim.addDecayedWeights(0.5, {
      mask: (p: unknown) => ({ w: false, b: Object.keys(p as object).length > 0 }),
    });
    const [u] = tx.update(grads(0), tx.init(params()), params());
    expect(values(u.w)).toEqual([0, 0]);
    expect(values(u.b)).toEqual([1.5]);
  });
});

describe("applyIfFinite", () => {
  it("skips non-finite steps and keeps the inner state, until too many in a row", () => {
    const tx = optim.applyIfFinite(optim.sgd(1, 0.5), 2);
    let state = tx.init(params());
    const bad = { w: array([Number.NaN, 1]), b: array([1]) };
    let u: ReturnType<typeof grads>;
    [u, state] = tx.update(grads(1), state);
    expect(values(u.w)).toEqual([-1, 1]);
    [u, state] = tx.update(bad, state);
    expect(values(u.w)).toEqual([0, 0]);
    expect(state.lastFinite.item()).toBe(false);
    [u, state] = tx.update(bad, state);
    expect(values(u.b)).toEqual([0]);
    expect(state.totalNotfinite.item()).toBe(2);
    // The trace was kept from step 1 (2): 2 + 0.5 * 2 = 3.
    [u, state] = tx.update(grads(1), state);
    expect(values(u.b)).toEqual([-3]);
    expect(state.notfiniteCount.item()).toBe(0);
    // Three NaN steps in a row: the third goes through.
    for (let i = 0; i < 3; i++) [u, state] = tx.update(bad, state);
    expect(Number.isNaN(values(u.w)[0])).toBe(true);
  });
});

describe("multiSteps", () => {
  it("accumulates k mini-steps (mean) and emits on the k-th", () => {
    const tx = optim.multiSteps(optim.sgd(1), 3);
    let state = tx.init(params());
    const emitted: number[][] = [];
    for (const x of [1, 2, 6, 1, 1, 1]) {
      const [u, s] = tx.update(grads(x), state);
      state = s;
      emitted.push(values(u.b));
    }
    expect(emitted).toEqual([[0], [0], [-6], [0], [0], [-2]]);
    expect(tx.hasUpdated(state).item()).toBe(true);
    expect(state.gradientStep.item()).toBe(2);
  });

  it("sums with useGradMean false, and skips non-finite mini-steps with skipNotFinite", () => {
    const tx = optim.multiSteps(optim.sgd(1), 2, {
      useGradMean: false,
      shouldSkipUpdateFn: optim.skipNotFinite,
    });
    let state = tx.init(params());
    let u: ReturnType<typeof grads>;
    [u, state] = tx.update(grads(1), state);
    [u, state] = tx.update({ w: array([Number.NaN, 0]), b: array([0]) }, state);
    expect(state.miniStep.item()).toBe(1);
    [u, state] = tx.update(grads(2), state);
    expect(values(u.b)).toEqual([-6]);
  });
});

describe("injectHyperparams", () => {
  it("stores the learning rate in the state, where it can be changed mid-run", () => {
    const tx = optim.injectHyperparams(optim.sgd)({ learningRate: 0.1 });
    let state = tx.init(params());
    expect(state.hyperparams.learningRate.item()).toBeCloseTo(0.1, 7);
    let u: ReturnType<typeof grads>;
    [u, state] = tx.update(grads(1), state);
    expect(values(u.b)).toEqual([Math.fround(-0.2)]);
    state = { ...state, hyperparams: { ...state.hyperparams, learningRate: np.array(1) } };
    [u, state] = tx.update(grads(1), state);
    expect(values(u.b)).toEqual([-2]);
    expect(state.count.item()).toBe(2);
  });

  it("evaluates schedules at the count", () => {
    const tx = optim.injectHyperparams(optim.adam)({ learningRate: optim.linearSchedule(1, 0, 4), b1: 0.5 });
    let state = tx.init(params());
    for (let i = 0; i < 3; i++) [, state] = tx.update(grads(1), state);
    expect(state.hyperparams.learningRate.item()).toBeCloseTo(0.5, 6);
    expect(state.hyperparams.b1.item()).toBe(0.5);
  });
});
