import { mathImportsSource } from "../codegen/math-imports.js";
import { CONTROL, CONTROL_WORDS, TASK } from "./control.js";

/**
 * The source of a worker thread (plain JavaScript, run with `new Worker(source, { eval: true })`),
 * kept as a string so that the package needs no separate worker file and bundlers have nothing
 * to resolve. The worker waits on the control block (control.ts) for tasks and claims their
 * pieces. Modules arrive on its MessagePort ahead of the first task that uses them and are read
 * synchronously (`receiveMessageOnPort`), since the worker never returns to its event loop; each
 * is instantiated once against the shared memory.
 */
export function workerSource(): string {
  const P = CONTROL.payload;
  return `
const { receiveMessageOnPort, workerData } = require("node:worker_threads");
const { memory, control, port } = workerData;
const math = ${mathImportsSource()};
const modules = [];
const ctl = new Int32Array(memory.buffer, control, ${CONTROL_WORDS});
function receive() {
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
    const { id, module, packA, scratch } = m.message;
    const exports = new WebAssembly.Instance(module, { env: { memory }, math }).exports;
    modules[id] = { exports, packA, scratch };
  }
}
function piece(i) {
  const id = ctl[${CONTROL.module}];
  while (modules[id] === undefined) receive();
  const mod = modules[id];
  if (ctl[${CONTROL.kind}] === ${TASK.gemmRows}) {
    const [m, nc, k, a, ars, acs, packB, c, ldc, mc, KC, panelBytes] = ctl.subarray(${P}, ${P + 12});
    const ic = i * mc;
    const rows = Math.min(mc, m - ic);
    for (let pc = 0, p = 0; pc < k; pc += KC, p++) {
      const kc = Math.min(KC, k - pc);
      mod.exports.pack_a(rows, kc, a + pc * acs + ic * ars, ars, acs, mod.packA);
      const pb = packB + p * panelBytes;
      mod.exports.macro(rows, nc, kc, mod.packA, pb, c + ic * ldc, ldc, pc > 0 ? 1 : 0, mod.scratch);
    }
  } else {
    const size = ctl[${P}];
    const chunk = ctl[${P + 1}];
    const n = ctl[${P + 2}];
    const args = Array.from(ctl.subarray(${P + 3}, ${P + 3} + n));
    const lo = i * chunk;
    mod.exports.run(...args, lo, Math.min(size, lo + chunk));
  }
}
Atomics.add(ctl, ${CONTROL.started}, 1);
let seen = 0;
for (;;) {
  Atomics.wait(ctl, ${CONTROL.sequence}, seen);
  seen = Atomics.load(ctl, ${CONTROL.sequence});
  if (ctl[${CONTROL.threads}] < 0) break;
  Atomics.add(ctl, ${CONTROL.active}, 1);
  try {
    for (let i = Atomics.add(ctl, ${CONTROL.next}, 1); i < ctl[${CONTROL.pieces}]; i = Atomics.add(ctl, ${CONTROL.next}, 1)) {
      piece(i);
      Atomics.add(ctl, ${CONTROL.byWorkers}, 1);
    }
  } catch (e) {
    Atomics.store(ctl, ${CONTROL.failed}, 1);
  }
  Atomics.sub(ctl, ${CONTROL.active}, 1);
  Atomics.notify(ctl, ${CONTROL.active});
}
`;
}
