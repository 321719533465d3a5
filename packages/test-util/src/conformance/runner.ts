import { isComplex } from "@jaxts/backend";
import { config, type Tracer } from "@jaxts/core";
import { compareElements, type ElementRule, formatNumber } from "../allclose.js";
import type { Tolerance } from "../golden/tolerance.js";
import type { ConformanceCase, CoveredPrimitive } from "./case.js";
import { CONFORMANCE_CASES } from "./cases.js";

export interface ConformanceOptions {
  /** The backend to compare against (default "cpu", the reference backend). */
  readonly reference?: string;
  /** Runs only the primitives this returns true for. */
  readonly filter?: (primitive: CoveredPrimitive) => boolean;
}

export interface ConformanceResult {
  readonly primitive: CoveredPrimitive;
  readonly label: string;
  readonly ok: boolean;
  /** Why it failed. */
  readonly message?: string;
}

export interface ConformanceReport {
  readonly backend: string;
  readonly reference: string;
  readonly results: readonly ConformanceResult[];
  readonly passed: number;
  readonly failed: number;
}

interface Read {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
}

function outputs(value: Tracer | readonly Tracer[]): readonly Tracer[] {
  return Array.isArray(value) ? value : [value as Tracer];
}

async function evaluate(c: ConformanceCase, device: string): Promise<Read[] | Error> {
  try {
    const outs = config.with({ jax_default_device: device }, () => outputs(c.run()));
    return await Promise.all(
      outs.map(async (t) => ({
        dtype: t.dtype,
        shape: t.shape,
        data: (await t.data()) as ArrayLike<number>,
      })),
    );
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

function ruleFor(tolerance: Tolerance, expected: ArrayLike<number>): ElementRule {
  if (tolerance.tier === "exact") return { kind: "exact", flushSubnormals: true };
  let scale = 1;
  if (tolerance.scaleAtol) {
    for (let i = 0; i < expected.length; i++) {
      const v = Math.abs(expected[i]);
      if (Number.isFinite(v) && v > scale) scale = v;
    }
  }
  return { kind: "close", rtol: tolerance.rtol, atol: tolerance.atol * scale, equalNaN: true };
}

function compareReads(got: Read[], want: Read[], tolerance: Tolerance): string | undefined {
  if (got.length !== want.length) return `${got.length} outputs, expected ${want.length}`;
  for (let k = 0; k < want.length; k++) {
    const [g, w] = [got[k], want[k]];
    if (g.dtype !== w.dtype) return `output ${k} has dtype ${g.dtype}, expected ${w.dtype}`;
    if (g.shape.join(",") !== w.shape.join(","))
      return `output ${k} has shape [${g.shape}], expected [${w.shape}]`;
    const complex = isComplex(w.dtype as Parameters<typeof isComplex>[0]);
    const n = complex ? w.data.length / 2 : w.data.length;
    const report = compareElements(g.data, complex, w.data, complex, n, ruleFor(tolerance, w.data));
    if (report.mismatches > 0 && report.worst) {
      const { index, actual, expected, diff, bound } = report.worst;
      return `output ${k}: ${report.mismatches} of ${n} elements differ (${tolerance.tier}); worst at ${index}: ${actual} vs ${expected} (diff ${formatNumber(diff)}, allowed ${formatNumber(bound)})`;
    }
  }
  return undefined;
}

/**
 * The backend conformance suite: runs every primitive's cases through ndarray's ops with `backend`
 * as the default device and compares each output with the reference backend's (cpu by default),
 * within the golden fixtures' tolerance tier for the operation. A case the reference rejects is a
 * failure of the suite itself; one the backend rejects while the reference accepts is a failure.
 */
export async function runConformance(
  backend: string,
  options: ConformanceOptions = {},
): Promise<ConformanceReport> {
  const reference = options.reference ?? "cpu";
  const results: ConformanceResult[] = [];
  for (const [primitive, cases] of Object.entries(CONFORMANCE_CASES) as [
    CoveredPrimitive,
    readonly ConformanceCase[],
  ][]) {
    if (options.filter && !options.filter(primitive)) continue;
    for (const c of cases) {
      const want = await evaluate(c, reference);
      const got = await evaluate(c, backend);
      let message: string | undefined;
      if (want instanceof Error) message = `the reference backend ${reference} failed: ${want.message}`;
      else if (got instanceof Error) message = `threw: ${got.message}`;
      else message = compareReads(got, want, c.tolerance);
      results.push({ primitive, label: c.label, ok: message === undefined, message });
    }
  }
  const passed = results.filter((r) => r.ok).length;
  return { backend, reference, results, passed, failed: results.length - passed };
}

/** The failures of a report, one line each. */
export function formatConformanceFailures(report: ConformanceReport): string {
  return report.results
    .filter((r) => !r.ok)
    .map((r) => `${r.primitive} (${r.label}): ${r.message}`)
    .join("\n");
}
