import { mathImportsSource } from "../codegen/math-imports.js";
import { CONTROL, CONTROL_WORDS, SPIN_MS, OPEN, TASK } from "./control.js";

// The sources of the worker threads (plain JavaScript), kept as strings so that the package needs
// no separate worker file and bundlers have nothing to resolve. Node runs one with
// `new Worker(source, { eval: true })`, browsers from a Blob URL. Both wait on the control block
// (control.ts) for tasks; the code that takes part in a task and computes a piece is one string,
// shared by both, so a piece is computed the same way in either.

/**
 * `take(find)`: enters the open task (if any), looks its module up with `find(id)` (undefined:
 * not received, so the worker sits the task out), claims and computes pieces, and leaves.
 * Expects `ctl` (the control block as an Int32Array) in scope.
 */
function takeSource(): string {
  const P = CONTROL.payload;
  return `
function piece(mod, i) {
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
function take(find) {
  for (let v = Atomics.load(ctl, ${CONTROL.active}); ; ) {
    if ((v & ${OPEN}) === 0) return;
    const was = Atomics.compareExchange(ctl, ${CONTROL.active}, v, v + 1);
    if (was === v) break;
    v = was;
  }
  // Inside the task: its words stay as they are until this worker leaves.
  try {
    const mod = find(Atomics.load(ctl, ${CONTROL.module}));
    if (mod !== undefined) {
      const pieces = ctl[${CONTROL.pieces}];
      for (let i = Atomics.add(ctl, ${CONTROL.next}, 1); i < pieces; i = Atomics.add(ctl, ${CONTROL.next}, 1)) {
        piece(mod, i);
        Atomics.add(ctl, ${CONTROL.byWorkers}, 1);
      }
    }
  } catch (e) {
    Atomics.store(ctl, ${CONTROL.failed}, 1);
  }
  // The last one out after the caller closed the task wakes it.
  if (Atomics.sub(ctl, ${CONTROL.active}, 1) === 1) Atomics.notify(ctl, ${CONTROL.active});
}
`;
}

/** Instantiates a module message ({ id, module, packA?, scratch? }) into `modules`. */
function instantiateSource(): string {
  return `
const math = ${mathImportsSource()};
const modules = [];
function instantiate({ id, module, packA, scratch }) {
  const exports = new WebAssembly.Instance(module, { env: { memory }, math }).exports;
  modules[id] = { exports, packA, scratch };
}
`;
}

/**
 * Node's worker: modules arrive on its MessagePort ahead of the first task that uses them and are
 * read synchronously (`receiveMessageOnPort`), since the worker blocks in `Atomics.wait` and never
 * returns to its event loop; so it takes part in every task.
 */
export function nodeWorkerSource(): string {
  return `
const { receiveMessageOnPort, workerData } = require("node:worker_threads");
const { memory, control, port } = workerData;
const ctl = new Int32Array(memory.buffer, control, ${CONTROL_WORDS});
${instantiateSource()}
${takeSource()}
function find(id) {
  while (modules[id] === undefined) {
    const m = receiveMessageOnPort(port);
    if (m) instantiate(m.message);
  }
  return modules[id];
}
Atomics.add(ctl, ${CONTROL.started}, 1);
let seen = 0;
for (;;) {
  // Kernels come in runs (a jitted step is dozens of them): spinning a little before sleeping
  // saves the futex wake-up, tens of µs, on each task that follows another.
  const until = performance.now() + ${SPIN_MS};
  while (Atomics.load(ctl, ${CONTROL.sequence}) === seen && performance.now() < until);
  Atomics.wait(ctl, ${CONTROL.sequence}, seen);
  seen = Atomics.load(ctl, ${CONTROL.sequence});
  if (ctl[${CONTROL.threads}] < 0) break;
  take(find);
}
`;
}

/**
 * A Web Worker (classic script): a browser worker cannot read messages synchronously, so the
 * memory and control address, then the modules, arrive through `onmessage`, and it waits for
 * tasks with `Atomics.waitAsync`, which lets its event loop run (and deliver modules) between
 * tasks. A task whose module has not arrived yet it sits out (take's `find` gives undefined).
 */
export function browserWorkerSource(): string {
  return `"use strict";
let memory = null;
let ctl = null;
${instantiateSource()}
${takeSource()}
async function serve() {
  let seen = 0;
  for (;;) {
    const wait = Atomics.waitAsync(ctl, ${CONTROL.sequence}, seen);
    if (wait.async) await wait.value;
    seen = Atomics.load(ctl, ${CONTROL.sequence});
    if (ctl[${CONTROL.threads}] < 0) break;
    take((id) => modules[id]);
  }
  close();
}
onmessage = (event) => {
  const data = event.data;
  if (memory === null) {
    memory = data.memory;
    ctl = new Int32Array(memory.buffer, data.control, ${CONTROL_WORDS});
    Atomics.add(ctl, ${CONTROL.started}, 1);
    serve();
  } else {
    instantiate(data);
  }
};
`;
}
