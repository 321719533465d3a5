import "@jaxts/backend-cpu";
import { compareTree, decodeTree, type Tolerance } from "@jaxts/test-util/golden";
import { describe, expect, it } from "vitest";
import { optim } from "../src/index.js";
import { buildOptimizer, fixture } from "./golden-fixture.js";

/**
 * Trajectory tolerance: rtol 2e-6 (16-32 float32 ulp) with atol 1e-7, on parameters of magnitude
 * ~0.1-3. One step rounds a handful of operations (moments, bias correction, sqrt, divide, scale,
 * add) in optax's order; XLA may contract multiply-adds into FMAs and evaluates pow (the bias
 * correction b**t) and rsqrt with its own float32 routines, so a step's update can differ by a few
 * ulp of the update, and five steps accumulate those. Observed on cpu: sgd, momentum, rmsprop,
 * adagrad, lion and lamb are bit-exact; the Adam family is within 6 ulp after 5 steps. A wrong
 * formula (eps placement, bias-correction order, where the decay goes) moves params by >1e-4.
 */
const TRAJECTORY: Tolerance = { tier: "elementwise", rtol: 2e-6, atol: 1e-7, scaleAtol: false };

describe("golden optimizers: params after each of 5 steps match optax", () => {
  for (const c of fixture.optimizers) {
    it(c.name, () => {
      const tx = buildOptimizer(c.optimizer);
      let params = decodeTree(c.params);
      let state = tx.init(params);
      c.grads.forEach((g, k) => {
        const [updates, newState] = tx.update(decodeTree(g), state, params);
        state = newState;
        params = optim.applyUpdates(params, updates);
        const why = compareTree(params, c.params_after[k], TRAJECTORY);
        expect(why, `step ${k + 1}: ${why}`).toBeNull();
      });
    });
  }
});
