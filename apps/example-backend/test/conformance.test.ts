import "@jaxts/backend-cpu";
import "../src/index.js";
import { config } from "@jaxts/core";
import { np } from "@jaxts/ndarray";
import { formatConformanceFailures, runConformance } from "@jaxts/test-util";
import { expect, test } from "vitest";

// The proof a backend plugin gives: every primitive on it matches the cpu reference.
test("the example backend passes the conformance suite", async () => {
  const report = await runConformance("example");
  console.log(`conformance (example vs cpu): ${report.passed} passed, ${report.failed} failed`);
  expect(report.passed).toBeGreaterThan(300);
  expect(formatConformanceFailures(report)).toBe("");
});

test("arrays live on it when it is the default device", () => {
  const x = config.with({ jax_default_device: "example" }, () => np.arange(4).mul(2));
  expect(x.device.platform).toBe("example");
  expect(String(x)).toBe("Array([0, 2, 4, 6], dtype=int32)");
});
