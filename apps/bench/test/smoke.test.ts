// Runs every figure once at tiny sizes on every target (jaxts-webgpu included where an adapter is
// found) and checks that the libraries agree: correctness of the benchmark code only. Timing is
// never asserted here.
import { beforeAll, describe, expect, test } from "vitest";
import { BENCHMARKS } from "../src/benchmarks/index.js";
import { collectGarbage } from "../src/gc.js";
import { discoverTargets } from "../src/targets/index.js";
import type { Case, Target } from "../src/types.js";

let targets: Target[] = [];

beforeAll(async () => {
  const found = await discoverTargets();
  targets = found.targets;
  for (const u of found.unavailable) console.warn(`${u.id} not tested: ${u.reason}`);
  // The peers and jaxts's reference backend must all start; jaxts-wasm joins when its package loads.
  const ids = targets.map((t) => t.id);
  for (const id of ["jaxts-cpu", "jax-js-wasm", "tfjs-wasm", "tfjs-cpu"]) expect(ids).toContain(id);
  // jaxts-webgpu joins every figure where an adapter is found (llvmpipe on a machine without a
  // GPU). CI always has one, so there its absence fails rather than skips.
  if (process.env.CI) expect(ids, "jaxts-webgpu must start in CI").toContain("jaxts-webgpu");
  else if (!ids.includes("jaxts-webgpu")) console.warn("jaxts-webgpu skipped: no WebGPU adapter found");
});

/** The largest |a - b| - (atol + rtol |b|) over the elements; ≤ 0 means allclose. */
function excess(a: Float32Array, b: Float32Array, rtol: number, atol: number): number {
  let worst = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < a.length; i++)
    worst = Math.max(worst, Math.abs(a[i] - b[i]) - (atol + rtol * Math.abs(b[i])));
  return worst;
}

/** One run (as the bench times it), then the output; the instance is freed before this returns. */
async function runAndRead(c: Case, target: Target): Promise<Float32Array> {
  const instance = await c.setup[target.family]!(target);
  try {
    await instance.run();
    return await instance.output();
  } finally {
    instance.dispose();
  }
}

/** runAndRead with the library's live arrays counted around it, after collecting garbage. */
async function runOnce(c: Case, target: Target): Promise<{ output: Float32Array; leaked?: number }> {
  await target.activate();
  await collectGarbage();
  const before = target.live();
  const output = await runAndRead(c, target);
  await collectGarbage();
  const after = target.live();
  return { output, leaked: before === undefined || after === undefined ? undefined : after - before };
}

for (const benchmark of BENCHMARKS) {
  describe(benchmark.name, () => {
    for (const c of benchmark.cases("tiny")) {
      test(c.label, async () => {
        const ran = targets.filter((t) => c.setup[t.family]);
        expect(ran.length).toBeGreaterThan(1);
        const outputs = new Map<string, Float32Array>();
        for (const target of ran) {
          const { output, leaked } = await runOnce(c, target);
          expect(output.every(Number.isFinite), `${target.id} output is finite`).toBe(true);
          if (leaked !== undefined) expect(leaked, `${target.id} arrays left alive`).toBe(0);
          outputs.set(target.id, output);
        }
        // jaxts on cpu is the reference (it is jaxts's semantic ground truth); float32 tolerances.
        const reference = outputs.get("jaxts-cpu")!;
        for (const [id, output] of outputs) {
          expect(output.length, `${id} output size`).toBe(reference.length);
          expect(excess(output, reference, 1e-3, 1e-4), `${id} vs jaxts-cpu`).toBeLessThanOrEqual(0);
        }
      });
    }
  });
}
