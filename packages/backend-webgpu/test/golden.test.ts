import { config } from "@jaxts/core";
import "@jaxts/ndarray";
import {
  type CaseOutcome,
  formatFailureCases,
  formatFailures,
  skipSummary,
  summaryLine,
} from "@jaxts/test-util/golden";
import { describe, expect, test } from "vitest";
import { type AsyncGoldenResult, type Part, runGoldenAsync } from "./golden-async.js";
import { gpu } from "./helpers.js";

// The golden fixtures (JAX 0.10.2 on CPU) with webgpu as the default device, at the tolerances
// every backend meets (packages/test-util/src/golden/tolerance.ts).

const reason = (o: CaseOutcome): string => ("reason" in o ? o.reason : "");

function report(what: string, r: AsyncGoldenResult): void {
  const asResult = { backend: "webgpu", results: r.results, counts: r.counts };
  console.log(summaryLine(asResult, what));
  const skips = skipSummary(asResult);
  if (skips !== "") console.log(skips);
  const cases = formatFailureCases(asResult);
  if (cases !== "") console.log(`${what}: failing cases:\n${cases}`);
  const byFunction = formatFailures(asResult);
  if (byFunction !== "") console.log(`${what}: by function:\n${byFunction}`);
}

describe.skipIf(!gpu)("golden ops on webgpu", () => {
  config.update("jax_default_device", "webgpu");
  for (const part of ["forward", "jvp", "vjp"] as Part[]) {
    test(`golden ${part}`, async () => {
      const result = await runGoldenAsync(part);
      report(`golden ${part} (webgpu)`, result);
      expect(result.counts.passed).toBeGreaterThan(0);
      // Every case must pass: value-dependent functions (boolean masks, repeat counts) read the
      // host copies core keeps of small host-made arrays and of awaited results.
      const failures = result.results.filter((r) => r.outcome.status === "fail");
      const text = failures.map((r) => `ops.json:${r.line} ${r.label}: ${reason(r.outcome)}`).join("\n");
      expect(text, "golden cases failing on webgpu").toBe("");
    }, 600_000);
  }
});
