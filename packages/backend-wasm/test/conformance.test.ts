import "../src/index.js";
import { formatConformanceFailures, runConformance } from "@jaxts/test-util";
import { expect, test } from "vitest";

// @jaxts/test-util's conformance suite: every primitive on wasm against the cpu backend.
test("every primitive on wasm matches the cpu backend", async () => {
  const report = await runConformance("wasm");
  console.log(`conformance (wasm vs cpu): ${report.passed} passed, ${report.failed} failed`);
  expect(report.passed).toBeGreaterThan(0);
  expect(formatConformanceFailures(report)).toBe("");
});

test("the suite's reference agrees with itself (cpu vs cpu)", async () => {
  const report = await runConformance("cpu", {
    filter: (p) => p.startsWith("reduce") || p === "dot_general",
  });
  expect(formatConformanceFailures(report)).toBe("");
});
