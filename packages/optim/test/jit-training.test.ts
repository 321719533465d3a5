import "@jaxts/backend-cpu";
import { valueAndGrad } from "@jaxts/autodiff";
import { jit, tree } from "@jaxts/core";
import { type Array as JArray, array, np } from "@jaxts/ndarray";
import { expect, it } from "vitest";
import { optim } from "../src/index.js";

type Params = { w: JArray; b: JArray };

const x = array([
  [0.5, -1.0],
  [1.5, 0.2],
  [-0.3, 0.8],
  [1.0, 1.0],
]);
const y = array([0, 2, 1, 2], { dtype: "int32" });

function loss(p: Params, xs: JArray, ys: JArray): JArray {
  const logits = np.add(np.matmul(xs, p.w), p.b);
  return np.mean(optim.softmaxCrossEntropyWithIntegerLabels(logits, ys));
}

const init = (): Params => ({
  w: array([
    [0.1, -0.2, 0.3],
    [0.0, 0.2, -0.1],
  ]),
  b: np.zeros([3]),
});

it("a jitted valueAndGrad + adam step gives the eager numbers", () => {
  const tx = optim.chain(
    optim.clipByGlobalNorm(1),
    optim.adam(optim.warmupCosineDecaySchedule(0, 0.1, 2, 10)),
  );
  const step = (p: Params, s: unknown, xs: JArray, ys: JArray): [Params, unknown, JArray] => {
    const [value, grads] = valueAndGrad(loss)(p, xs, ys);
    const [updates, next] = tx.update(grads, s, p);
    return [optim.applyUpdates(p, updates), next, value];
  };
  const jitted = jit(step);
  let [pe, se] = [init(), tx.init(init())];
  let [pj, sj] = [init(), tx.init(init())];
  const lossesE: number[] = [];
  const lossesJ: number[] = [];
  for (let i = 0; i < 6; i++) {
    let v: JArray;
    [pe, se, v] = step(pe, se, x, y);
    lossesE.push(v.item() as number);
    [pj, sj, v] = jitted(pj, sj, x, y);
    lossesJ.push(v.item() as number);
  }
  // jit fuses elementwise chains but rounds each operation the same way: agreement to a few ulp.
  lossesJ.forEach((l, i) => expect(l).toBeCloseTo(lossesE[i], 5));
  const le = tree.leaves(pe) as JArray[];
  const lj = tree.leaves(pj) as JArray[];
  le.forEach((a, i) => {
    const b = Array.from(lj[i].dataSync());
    Array.from(a.dataSync()).forEach((v, k) => expect(b[k]).toBeCloseTo(v, 5));
  });
  expect(lossesE[5]).toBeLessThan(lossesE[0]);
  expect((tree.leaves(sj)[0] as JArray).dtype).toBe("int32");
});
