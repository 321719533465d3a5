import "@jaxts/backend-cpu";
import { np } from "@jaxts/ndarray";
import { compareOutputs, ELEMENTWISE, type Tolerance } from "@jaxts/test-util/golden";
import { describe, expect, it } from "vitest";
import { buildSchedule, fixture } from "./golden-fixture.js";

/**
 * Schedules evaluate cos (cosine decay) and pow (exponential decay, polynomial powers) in float32;
 * XLA's CPU routines for those are a few ulp from the correctly rounded value (pow as exp(y·log x)
 * carries the rounding of y·log x, ~|y·log x|·2^-24 ≈ 4e-7 here), so test-util's elementwise tier
 * (rtol 2e-6, atol 5e-7) applies; the arithmetic around them rounds as optax's does. On the cpu
 * backend every recorded value currently matches bit for bit.
 */
const SCHEDULE: Tolerance = ELEMENTWISE;

describe("golden schedules: values at steps 0..20 match optax", () => {
  fixture.schedules.forEach((c, i) => {
    it(`${c.fn} #${i} ${JSON.stringify(c.kwargs)}`, () => {
      const schedule = buildSchedule({ fn: c.fn, kwargs: c.kwargs });
      // Both a JS number step (a Python int) and an int32 Array step (what states carry).
      for (const asArray of [false, true]) {
        const values = c.steps.map((s) => schedule(asArray ? np.array(s, { dtype: "int32" }) : s));
        const why = compareOutputs(np.stack(values), c.values, SCHEDULE);
        expect(why, `${asArray ? "int32 Array" : "number"} steps: ${why}`).toBeNull();
      }
    });
  });
});
