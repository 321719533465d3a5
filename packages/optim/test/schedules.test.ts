import "@jaxts/backend-cpu";
import { jit } from "@jaxts/core";
import { type Array as JArray, np } from "@jaxts/ndarray";
import { describe, expect, it } from "vitest";
import { optim } from "../src/index.js";

const at = (s: optim.Schedule, steps: number[]): number[] => steps.map((t) => s(t).item() as number);

describe("schedules", () => {
  it("return float32 Arrays for number and int32 steps", () => {
    const s = optim.linearSchedule(1, 0, 10);
    expect(s(3).dtype).toBe("float32");
    expect(s(np.array(3, { dtype: "int32" })).dtype).toBe("float32");
    expect(optim.constantSchedule(0.5)(7).item()).toBe(0.5);
  });

  it("hold their end values outside the transition", () => {
    const s = optim.linearSchedule(1, 0, 10, 5);
    expect(at(s, [0, 5, 15, 100])).toEqual([1, 1, 0, 0]);
    expect(at(optim.polynomialSchedule(2, 1, 2, 0), [0, 50])).toEqual([2, 2]); // transition_steps <= 0
    expect(at(optim.exponentialDecay(1, 0, 0.5), [0, 10])).toEqual([1, 1]);
    expect(at(optim.exponentialDecay(1, 1, 2, { endValue: 4 }), [1, 2, 5])).toEqual([2, 4, 4]);
    expect(at(optim.cosineDecaySchedule(1, 4), [4, 10])).toEqual([0, 0]);
  });

  it("cosine decay rejects non-positive decay steps", () => {
    expect(() => optim.cosineDecaySchedule(1, 0)).toThrow(/positive decay_steps/);
  });

  it("piecewise constant takes an object or a Map of boundaries", () => {
    const a = optim.piecewiseConstantSchedule(1, { 2: 0.5, 4: 0.5 });
    const b = optim.piecewiseConstantSchedule({
      initValue: 1,
      boundariesAndScales: new Map([
        [2, 0.5],
        [4, 0.5],
      ]),
    });
    expect(at(a, [0, 1, 2, 3, 4, 9])).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25]);
    expect(at(b, [0, 2, 4])).toEqual([1, 0.5, 0.25]);
    expect(() => optim.piecewiseConstantSchedule(1, { 2: -1 })).toThrow(/non-negative/);
  });

  it("join and warmup schedules switch at the boundary", () => {
    const j = optim.joinSchedules([optim.constantSchedule(1), optim.linearSchedule(2, 0, 2)], [3]);
    expect(at(j, [0, 2, 3, 4, 5])).toEqual([1, 1, 2, 1, 0]);
    const w = optim.warmupExponentialDecaySchedule(0, 1, 2, 1, 0.5);
    expect(at(w, [0, 1, 2, 3, 4])).toEqual([0, 0.5, 1, 0.5, 0.25]);
    const c = optim.warmupCosineDecaySchedule(0, 1, 2, 4);
    expect(at(c, [0, 1, 2, 4])).toEqual([0, 0.5, 1, 0]);
  });

  it("trace under jit with a traced int32 step", () => {
    const s = optim.warmupCosineDecaySchedule(0, 1, 5, 15, 0.05);
    const f = jit((t: JArray) => s(t));
    for (const t of [0, 3, 5, 9, 20]) {
      expect(f(np.array(t, { dtype: "int32" })).item()).toBe(s(t).item());
    }
  });
});
