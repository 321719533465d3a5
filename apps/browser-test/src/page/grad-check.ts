// The check the page runs: a jitted grad computed on webgpu and on cpu, compared elementwise.
import type { WebGpuBackend } from "@jaxts/backend-webgpu";
import { type Array as JaxArray, config, getBackend, grad, initBackend, jit, np } from "jaxts";
import type { AdapterSummary, GradCheckResult } from "../checks/grad-result.js";
import { compare, ELEMENTWISE } from "../checks/tolerance.js";

// Values of x·w between -2 and 2, where tanh is neither linear nor saturated, so its polynomial and
// the 1 - tanh² of its derivative both matter.
const X = [-2, -1.25, -0.5, 0, 0.3, 0.9, 1.7, 2.4];
const W = [0.5, -1.5, 2, 0.75, -0.25, 1.25, -0.9, 0.1];
const FN = "jit(grad((x, w) => np.sum(np.tanh(x.mul(w)))))";

const loss = (x: JaxArray, w: JaxArray): JaxArray => np.sum(np.tanh(x.mul(w)));

/** The gradient with inputs made on `device`, so the traced and jitted kernels run there too. */
async function gradOn(device: string): Promise<{ platform: string; values: number[] }> {
  // One jitted function per device: jit's cache is keyed by avals, not devices, and the constants a
  // trace creates live on the device it ran on, so a function jitted on webgpu and called again on
  // cpu fails with "arrays on different devices" (packages/core/src/jit.ts).
  const dloss = jit(grad(loss));
  const g = config.with({ jax_default_device: device }, () => dloss(np.array(X), np.array(W)));
  const platform = g.device.platform;
  // WebGPU reads are asynchronous; `await data()` works on every backend.
  const values = Array.from(await g.data(), Number);
  g.dispose();
  return { platform, values };
}

function adapterOf(backend: WebGpuBackend): AdapterSummary {
  const info = backend.gpu.adapter?.info;
  return {
    source: backend.gpu.source,
    vendor: info?.vendor ?? "",
    architecture: info?.architecture ?? "",
    device: info?.device ?? "",
    description: info?.description ?? "",
    describe: backend.describe(),
  };
}

export async function runGradCheck(): Promise<GradCheckResult> {
  const start = performance.now();
  const base = {
    fn: FN,
    x: X,
    w: W,
    tolerance: ELEMENTWISE,
    userAgent: navigator.userAgent,
  };
  let defaultBackend: string | null = null;
  let adapter: AdapterSummary | null = null;
  let webgpu: { platform: string; values: number[] } | null = null;
  let cpu: number[] | null = null;
  try {
    const backend = (await initBackend("webgpu")) as WebGpuBackend | null;
    defaultBackend = getBackend().name;
    if (!backend)
      throw new Error(`initBackend("webgpu") found no adapter (navigator.gpu: ${"gpu" in navigator})`);
    adapter = adapterOf(backend);
    webgpu = await gradOn("webgpu");
    cpu = (await gradOn("cpu")).values;
    const comparison = compare(webgpu.values, cpu, ELEMENTWISE);
    return {
      ...base,
      ok: comparison.close && webgpu.platform === "webgpu",
      error: null,
      defaultBackend,
      webgpuPlatform: webgpu.platform,
      adapter,
      webgpu: webgpu.values,
      cpu,
      comparison,
      ms: performance.now() - start,
    };
  } catch (e) {
    return {
      ...base,
      ok: false,
      error: e instanceof Error ? `${e.message}\n${e.stack ?? ""}` : String(e),
      defaultBackend,
      webgpuPlatform: webgpu?.platform ?? null,
      adapter,
      webgpu: webgpu?.values ?? null,
      cpu,
      comparison: null,
      ms: performance.now() - start,
    };
  }
}
