// Entry of the dedicated Web Worker that the wasm-worker page starts (served as /worker.js). It
// runs jaxts's umbrella inside the worker, where the default wasm backend starts its own worker
// threads (nested Web Workers) and, unlike on a page's main thread, waits for them by blocking in
// Atomics.wait. A jitted valueAndGrad of a small MLP (256×256 GEMMs) and a jitted elementwise op
// over 2^18 + 3 elements run on it and on a one-thread wasm backend, compared byte for byte.
import { createWasmBackend, defaultThreads, threadsSupported, type WasmBackend } from "@jaxts/backend-wasm";
import {
  type Array as JaxArray,
  config,
  getBackend,
  jit,
  np,
  registerBackend,
  scope,
  tree,
  valueAndGrad,
} from "jaxts";
// The pool's diagnostics are not part of the package's API; deep imports of the same modules the
// bundled backend uses (esbuild resolves the workspace link to these real paths), as the
// wasm-threads page does, so they see the same pools and the same probe.
import type { Heap } from "../../../../packages/backend-wasm/src/memory/heap.js";
import { mayBlock } from "../../../../packages/backend-wasm/src/threads/platform.js";
import { existingPool, type ThreadPool } from "../../../../packages/backend-wasm/src/threads/pool.js";
import type {
  WasmWorkerFailure,
  WasmWorkerResult,
  WorkerComputationCheck,
} from "../checks/wasm-worker-result.js";
import { compare, type Tolerance } from "../checks/tolerance.js";

/** The one-thread wasm backend compared against. */
const ONE = "wasm-1";
registerBackend(ONE, () => createWasmBackend({ threads: 1 }), { priority: -1 });

/** Iterations at most while waiting for the pool's workers to take pieces of both computations. */
const MAX_ITERATIONS = 40;
/** MLP sizes: batch × input and input × hidden are 256×256, so each GEMM is 2^24 multiply-adds. */
const [BATCH, IN, HIDDEN, OUT] = [256, 256, 256, 16];
/** Elements of the elementwise op: past the loop kernels' 2^17 split threshold, not a multiple of 4. */
const ELEMENTS = 2 ** 18 + 3;
/**
 * Threaded wasm against the cpu backend (the JavaScript reference, which sums in another order):
 * a loose sanity check that the identical bytes are also the right answer.
 */
const VS_CPU: Tolerance = { tier: "wasm-vs-cpu", rtol: 1e-3, atol: 1e-5 };

interface Params {
  w1: JaxArray;
  b1: JaxArray;
  w2: JaxArray;
}

function randoms(n: number, seed: number, scale = 1): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648 - 0.5) * 2 * scale;
  });
}

const DATA = {
  x: randoms(BATCH * IN, 1),
  y: randoms(BATCH * OUT, 2),
  w1: randoms(IN * HIDDEN, 3, 1 / 16),
  b1: randoms(HIDDEN, 4, 0.1),
  w2: randoms(HIDDEN * OUT, 5, 1 / 16),
  u: randoms(ELEMENTS, 6, 2),
  v: randoms(ELEMENTS, 7, 2),
};

const on = (device: string, data: Float32Array, shape: number[]): JaxArray =>
  np.array(data, { device }).reshape(shape);

/** Mean squared error of a one-hidden-layer tanh MLP. */
function mlpLoss(p: Params, x: JaxArray, y: JaxArray): JaxArray {
  const h = np.tanh(np.matmul(x, p.w1).add(p.b1));
  return np.mean(np.square(np.matmul(h, p.w2).sub(y)));
}

/** exp(u)·v + sin(u): one fused loop kernel, with SIMD exp and sin whose rounding would show. */
const elementwiseOp = (u: JaxArray, v: JaxArray): JaxArray => np.exp(u).mul(v).add(np.sin(u));

/** Concatenated float32 outputs of one run (the bytes compared) and the loss, if any. */
interface Outputs {
  readonly values: Float32Array;
  readonly loss: number;
}

async function floatsOf(arrays: JaxArray[]): Promise<Float32Array> {
  const parts = await Promise.all(arrays.map(async (a) => Float32Array.from(await a.data(), Number)));
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The jitted functions of one device. One per device: jit's cache is keyed by avals, not devices,
 * and a trace's constants live on the device it ran on (see grad-check.ts).
 */
function computationsOn(device: string) {
  const step = jit(valueAndGrad(mlpLoss));
  const elementwise = jit(elementwiseOp);
  return {
    device,
    async mlp(): Promise<Outputs> {
      const [loss, grads] = scope(() =>
        config.with({ jax_default_device: device }, () => {
          const params: Params = {
            w1: on(device, DATA.w1, [IN, HIDDEN]),
            b1: on(device, DATA.b1, [HIDDEN]),
            w2: on(device, DATA.w2, [HIDDEN, OUT]),
          };
          return step(params, on(device, DATA.x, [BATCH, IN]), on(device, DATA.y, [BATCH, OUT]));
        }),
      );
      const leaves = [loss, ...(tree.leaves(grads) as JaxArray[])];
      // Both wasm backends are named "wasm": check the backend itself, not its name.
      if (leaves.some((a) => a.device.backend !== getBackend(device))) {
        throw new Error(`${device}: a result is on another backend`);
      }
      const values = await floatsOf(leaves);
      for (const a of leaves) a.dispose();
      return { values, loss: values[0] };
    },
    async elementwise(): Promise<Outputs> {
      const out = scope(() =>
        config.with({ jax_default_device: device }, () =>
          elementwise(on(device, DATA.u, [ELEMENTS]), on(device, DATA.v, [ELEMENTS])),
        ),
      );
      const values = await floatsOf([out]);
      out.dispose();
      return { values, loss: Number.NaN };
    },
  };
}

const sameBytes = (a: Float32Array, b: Float32Array): boolean => {
  const [x, y] = [new Uint8Array(a.buffer), new Uint8Array(b.buffer)];
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

interface Tally {
  computation: string;
  identical: boolean;
  bytes: number;
  closeToCpu: boolean;
  maxAbsErrVsCpu: number;
  piecesByWorkers: number;
}

async function check(): Promise<WasmWorkerResult> {
  const started = performance.now();
  const backend = getBackend() as WasmBackend;
  const poolOf = (): ThreadPool | undefined => existingPool((backend as unknown as { heap: Heap }).heap);
  const reference = getBackend(ONE) as WasmBackend;
  const many = computationsOn(backend.name);
  const one = computationsOn(ONE);
  const tallies: Record<"mlp" | "elementwise", Tally> = {
    mlp: {
      computation: `jit(valueAndGrad(mlp loss)): x ${BATCH}×${IN} @ w1 ${IN}×${HIDDEN}, tanh, @ w2 ${HIDDEN}×${OUT}, mean squared error`,
      identical: true,
      bytes: 0,
      closeToCpu: false,
      maxAbsErrVsCpu: Number.NaN,
      piecesByWorkers: 0,
    },
    elementwise: {
      computation: `jit(exp(u)·v + sin(u)) over ${ELEMENTS} float32`,
      identical: true,
      bytes: 0,
      closeToCpu: false,
      maxAbsErrVsCpu: Number.NaN,
      piecesByWorkers: 0,
    },
  };
  let loss = Number.NaN;
  let lossOneThread = Number.NaN;

  /** Runs one computation on both wasm backends; counts the pool's worker pieces of the threaded run. */
  async function compareOnce(which: "mlp" | "elementwise", tally: Tally): Promise<Outputs> {
    const want = await one[which]();
    const before = poolOf()?.piecesByWorkers ?? 0;
    const got = await many[which]();
    tally.piecesByWorkers += (poolOf()?.piecesByWorkers ?? 0) - before;
    tally.identical &&= sameBytes(want.values, got.values);
    tally.bytes = got.values.byteLength;
    if (which === "mlp") [loss, lossOneThread] = [got.loss, want.loss];
    return got;
  }

  let iterations = 0;
  // The pool's workers start only once this worker returns to its event loop, and take part in a
  // task only once they have received its module; until then this thread computes every piece.
  // So repeat, yielding between iterations, until the workers took pieces of both computations.
  while (iterations < MAX_ITERATIONS) {
    iterations++;
    const mlp = await compareOnce("mlp", tallies.mlp);
    const elementwise = await compareOnce("elementwise", tallies.elementwise);
    if (iterations === 1) {
      // Once: the threaded results against the cpu backend's, loosely (they are not the same sums).
      const cpu = computationsOn("cpu");
      for (const [tally, got, want] of [
        [tallies.mlp, mlp, await cpu.mlp()],
        [tallies.elementwise, elementwise, await cpu.elementwise()],
      ] as const) {
        const c = compare(got.values, want.values, VS_CPU);
        tally.closeToCpu = c.close;
        tally.maxAbsErrVsCpu = c.maxAbsErr;
      }
    }
    if (!poolOf() || (tallies.mlp.piecesByWorkers > 0 && tallies.elementwise.piecesByWorkers > 0)) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const pool = poolOf();
  const computation = (t: Tally): WorkerComputationCheck => ({ ...t });
  const scopeName = (globalThis as { DedicatedWorkerGlobalScope?: new () => unknown })
    .DedicatedWorkerGlobalScope;
  return {
    ok:
      tallies.mlp.identical &&
      tallies.elementwise.identical &&
      tallies.mlp.closeToCpu &&
      tallies.elementwise.closeToCpu,
    error: null,
    inDedicatedWorker: typeof scopeName === "function" && globalThis instanceof scopeName,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === "function",
    hardwareConcurrency: navigator.hardwareConcurrency,
    threadsSupported: threadsSupported(),
    defaultThreads: defaultThreads(),
    mayBlock: mayBlock(),
    defaultBackend: backend.name,
    threads: backend.threads,
    referenceThreads: reference.threads,
    pool: pool !== undefined,
    startedWorkers: pool?.startedWorkers ?? 0,
    iterations,
    mlp: computation(tallies.mlp),
    elementwise: computation(tallies.elementwise),
    loss,
    lossOneThread,
    ms: performance.now() - started,
  };
}

async function main(): Promise<WasmWorkerResult | WasmWorkerFailure> {
  try {
    return await check();
  } catch (e) {
    return { ok: false, error: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e) };
  }
}

postMessage(await main());
