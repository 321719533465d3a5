import { config } from "@jaxts/core";
import { formatConformanceFailures, runConformance } from "@jaxts/test-util";
import { expect, test } from "vitest";
import { gpu } from "./helpers.js";

// @jaxts/test-util's conformance suite: every primitive on webgpu against the cpu backend, at the
// golden tolerance tier of each operation. float64 cases are rejected by webgpu with its clear
// error (UnsupportedDTypeError naming the dtype and the backend), which the suite reports as such.
test.skipIf(!gpu)(
  "every primitive on webgpu matches the cpu backend",
  async () => {
    const report = await runConformance("webgpu");
    console.log(`conformance (webgpu vs cpu): ${report.passed} passed, ${report.failed} failed`);
    const failures = formatConformanceFailures(report)
      .split("\n")
      .filter((line) => line !== "" && !/dtype float64 is not supported by the webgpu backend/.test(line));
    expect(report.passed).toBeGreaterThan(0);
    expect(failures.join("\n")).toBe("");
    expect(config.read("jax_default_device")).toBe(null);
  },
  600_000,
);
