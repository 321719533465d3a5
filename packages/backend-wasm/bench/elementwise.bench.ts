// Elementwise and reduction throughput of the wasm backend next to the cpu backend, on 2^20
// float32 elements (run: `npx vitest bench --run bench/elementwise.bench.ts`).
import { type Backend, contiguousView, type Expr, type LoopKernel } from "@jaxts/backend";
import { createCpuBackend } from "@jaxts/backend-cpu";
import { bench } from "vitest";
import { createWasmBackend } from "../src/index.js";

const N = 1 << 20;
const x: Expr = { op: "load", input: 0, dtype: "float32" };
const y: Expr = { op: "load", input: 1, dtype: "float32" };
const two = (alu: "add" | "mul" | "max", a: Expr, b: Expr): Expr => ({
  op: "binary",
  alu,
  x: a,
  y: b,
  dtype: "float32",
});
const kernels: Record<string, LoopKernel> = {
  "add x + y": elementwise(two("add", x, y)),
  "relu(x * y)": elementwise(two("max", two("mul", x, y), { op: "const", value: 0, dtype: "float32" })),
  "exp(x)": elementwise({ op: "unary", alu: "exp", x, dtype: "float32" }),
  "sum(x) over rows of 1024": {
    kind: "loop",
    shape: [N / 1024],
    inputs: [
      { dtype: "float32", view: contiguousView([N / 1024, 1024]) },
      { dtype: "float32", view: contiguousView([N / 1024, 1024]) },
    ],
    expr: x,
    reduce: { shape: [1024], op: "sum" },
    dtype: "float32",
  },
};

function elementwise(expr: Expr): LoopKernel {
  return {
    kind: "loop",
    shape: [N],
    inputs: [0, 1].map(() => ({ dtype: "float32" as const, view: contiguousView([N]) })),
    expr,
    dtype: "float32",
  };
}

function runner(backend: Backend, kernel: LoopKernel) {
  const data = new Float32Array(N).map(() => Math.random() * 4 - 2);
  const ins = [0, 1].map(() => {
    const b = backend.alloc(N * 4);
    backend.write(b, data);
    return b;
  });
  const out = backend.alloc(N * 4);
  const exe = backend.compile(kernel);
  return () => backend.run(exe, ins, [out]);
}

function bestMs(fn: () => void): number {
  fn();
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 10; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const wasm = createWasmBackend()!;
const cpu = createCpuBackend();
for (const [name, kernel] of Object.entries(kernels)) {
  const w = bestMs(runner(wasm, kernel));
  const c = bestMs(runner(cpu, kernel));
  console.log(
    `${name} on 2^20 float32: wasm ${w.toFixed(2)} ms, cpu ${c.toFixed(2)} ms (${(c / w).toFixed(1)}×)`,
  );
}

bench("wasm add 2^20 float32", runner(wasm, kernels["add x + y"]), { time: 1000 });
