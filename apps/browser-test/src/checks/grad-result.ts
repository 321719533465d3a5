import type { Comparison, Tolerance } from "./tolerance.js";

/** The adapter the page's webgpu backend runs on, as `GPUAdapter.info` reports it. */
export interface AdapterSummary {
  /** Where the backend found it: "navigator.gpu" in a browser. */
  readonly source: string;
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** The backend's own one-line description, e.g. "webgpu (navigator.gpu: google swiftshader)". */
  readonly describe: string;
}

/**
 * What the grad page reports, as `window.__result` and as JSON in its `#result` element. Plain data
 * (numbers as arrays), so it crosses from the page to the test through playwright's serialization.
 */
export interface GradCheckResult {
  /** The webgpu gradient matched cpu's within `tolerance`, and nothing threw. */
  readonly ok: boolean;
  /** Why it failed, when something threw (message and stack). */
  readonly error: string | null;
  /** The default backend once `initBackend("webgpu")` has resolved. */
  readonly defaultBackend: string | null;
  /** The platform of the array the webgpu run returned. */
  readonly webgpuPlatform: string | null;
  readonly adapter: AdapterSummary | null;
  /** What was computed, for the log. */
  readonly fn: string;
  readonly x: readonly number[];
  readonly w: readonly number[];
  readonly webgpu: readonly number[] | null;
  readonly cpu: readonly number[] | null;
  readonly tolerance: Tolerance;
  readonly comparison: Comparison | null;
  readonly userAgent: string;
  /** Wall time of the check in the page, milliseconds. */
  readonly ms: number;
}
