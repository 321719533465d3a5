// Measures the wasm backend's float32 matmul against the cpu backend's (run: `pnpm bench`, or
// `npx vitest bench --run`). Prints GFLOP/s for square products, best of several timed runs since
// shared machines are noisy, then hands vitest a bench case for its usual table. Speed is measured
// here, never asserted in tests (DESIGN.md section 8).
import { type Backend, contiguousView, type Kernel } from "@jaxts/backend";
import { createCpuBackend } from "@jaxts/backend-cpu";
import { bench } from "vitest";
import { createWasmBackend, wasmFeatures } from "../src/index.js";

const wasm = createWasmBackend()!;
const cpu = createCpuBackend();

function setup(backend: Backend, n: number, transposeRhs: boolean) {
  const a = new Float32Array(n * n).map(() => Math.random() - 0.5);
  const b = new Float32Array(n * n).map(() => Math.random() - 0.5);
  const bufA = backend.alloc(a.byteLength);
  const bufB = backend.alloc(b.byteLength);
  const out = backend.alloc(a.byteLength);
  backend.write(bufA, a);
  backend.write(bufB, b);
  const kernel: Kernel = {
    kind: "routine",
    routine: { name: "matmul", batch: [], m: n, n, k: n },
    inputs: [
      { dtype: "float32", view: contiguousView([n, n]) },
      {
        dtype: "float32",
        view: transposeRhs ? { shape: [n, n], strides: [1, n], offset: 0 } : contiguousView([n, n]),
      },
    ],
    outputs: [{ dtype: "float32", shape: [n, n] }],
  };
  const exe = backend.compile(kernel);
  return () => backend.run(exe, [bufA, bufB], [out]);
}

function bestSeconds(fn: () => void, runs: number): number {
  fn();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

const gflops = (n: number, seconds: number) => ((2 * n ** 3) / seconds / 1e9).toFixed(1);
console.log(`wasm features: ${JSON.stringify(wasmFeatures())}`);
for (const n of [128, 256, 512, 1024]) {
  const runs = n >= 512 ? 6 : 20;
  const w = gflops(n, bestSeconds(setup(wasm, n, false), runs));
  const wt = gflops(n, bestSeconds(setup(wasm, n, true), runs));
  const c = n <= 512 ? gflops(n, bestSeconds(setup(cpu, n, false), 3)) : "-";
  console.log(`matmul ${n}x${n} float32: wasm ${w} GFLOP/s (rhs transposed ${wt}), cpu ${c} GFLOP/s`);
}

bench("wasm matmul 512x512 float32", setup(wasm, 512, false), { time: 2000 });
