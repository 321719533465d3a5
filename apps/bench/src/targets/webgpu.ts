// Starting jaxts's WebGPU backend for the bench. In Node it runs through the `webgpu` package
// (Dawn); on a machine without a GPU, Dawn's OpenGL backend finds Mesa's llvmpipe, a rasterizer
// that runs shaders on the CPU: the figures still check that every benchmark computes the right
// numbers on webgpu, but their times say nothing about a GPU.
import { initBackend } from "jaxts";
import type { Plan } from "../harness.js";

/** An adapter was found (and described), or why none was. */
export type WebgpuFound = { adapter: string; software: boolean } | { reason: string };

/** Adapters that run shaders on the CPU: Mesa's llvmpipe / lavapipe / softpipe, SwiftShader, WARP. */
const SOFTWARE = /llvmpipe|lavapipe|softpipe|swiftshader|microsoft basic render|warp/i;

interface AdapterInfoLike {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}

/**
 * Loads `@jaxts/backend-webgpu` (which registers "webgpu") and waits for it to find an adapter.
 * Loaded dynamically, as the wasm backend is, so the bench runs wherever it cannot start.
 */
export async function loadWebgpu(): Promise<WebgpuFound> {
  try {
    const { WebGpuBackend } = await import("@jaxts/backend-webgpu");
    const backend = await initBackend("webgpu");
    if (!backend) return { reason: "no WebGPU adapter found" };
    if (!(backend instanceof WebGpuBackend)) return { adapter: "webgpu", software: false };
    const info: AdapterInfoLike | undefined = backend.gpu.adapter?.info;
    const words = [info?.vendor, info?.architecture, info?.device, info?.description]
      .filter(Boolean)
      .join(" ");
    const adapter = `${backend.gpu.source}${words ? `: ${words}` : ""}`;
    return { adapter, software: info?.isFallbackAdapter === true || SOFTWARE.test(words) };
  } catch (e) {
    return { reason: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * The most a software adapter gets per case, so that a full default run still ends in minutes:
 * one warm-up (shader compilation), then 3 timed runs, at most 1 s of them (a single slow run ends
 * the case). The harness takes the smaller of this and the run's own plan, field by field.
 */
export const SOFTWARE_GPU_PLAN: Partial<Plan> = {
  warmup: 1,
  minReps: 3,
  maxReps: 3,
  budgetMs: 1000,
  hardCapMs: 1000,
};

export function softwareGpuNote(adapter: string): string {
  const p = SOFTWARE_GPU_PLAN;
  return (
    `jaxts-webgpu ran on a software adapter (${adapter}): its shaders ran on the CPU, so its figures check ` +
    "that every benchmark computes the right numbers on the webgpu backend and say nothing about GPU speed. " +
    `Sizes are the other columns', but its reps are capped: ${p.warmup} warm-up run, then at most ${p.maxReps} ` +
    `timed runs, stopping once ${(p.hardCapMs ?? 0) / 1000} s of runs are in (one run, where a run takes longer). ` +
    "It is measured after every other target, as its rasterizer threads keep the CPU busy after a run returns."
  );
}
