/**
 * The source of a GEMM worker (plain JavaScript, run with `new Worker(source, { eval: true })`):
 * it instantiates the GEMM module against the shared memory and waits on the control block for
 * row-block tasks (see gemm-threads.ts for the layout). Kept as a string so that the package
 * needs no separate worker file and bundlers have nothing to resolve.
 */
export const GEMM_WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, control, index, packA, scratch } = workerData;
const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
const ctl = new Int32Array(memory.buffer, control, 16);
let seen = 0;
for (;;) {
  Atomics.wait(ctl, 0, seen);
  seen = Atomics.load(ctl, 0);
  const threads = ctl[2];
  if (threads < 0) break;
  const [m, nc, kc, a, ars, acs, packB, c, ldc, acc, mc] = ctl.subarray(3, 14);
  for (let ic = index * mc; ic < m; ic += threads * mc) {
    const rows = Math.min(mc, m - ic);
    ex.pack_a(rows, kc, a + ic * ars, ars, acs, packA);
    ex.macro(rows, nc, kc, packA, packB, c + ic * ldc, ldc, acc, scratch);
  }
  Atomics.add(ctl, 1, 1);
  Atomics.notify(ctl, 1);
}
`;
