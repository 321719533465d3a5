import "../src/index.js";
import {
  formatFailureCases,
  formatFailures,
  type GoldenOpsResult,
  runGoldenDerivatives,
  runGoldenOps,
  skipSummary,
  summaryLine,
} from "@jaxts/test-util/golden";
import { expect, test } from "vitest";

// The golden fixtures (JAX 0.10.2 on CPU) on the wasm backend as the default device, with the
// same tolerances as on cpu (packages/test-util/src/golden/tolerance.ts).

function report(what: string, r: GoldenOpsResult): string {
  console.log(summaryLine(r, what));
  const skips = skipSummary(r);
  if (skips !== "") console.log(skips);
  const cases = formatFailureCases(r);
  if (cases !== "") console.log(`${what}: failing cases:\n${cases}`);
  return formatFailures(r);
}

test("golden ops: every provided function matches JAX on wasm", () => {
  const result = runGoldenOps({ device: "wasm" });
  expect(result.backend).toBe("wasm");
  const byFunction = report("golden ops", result);
  expect(result.counts.passed).toBeGreaterThan(0);
  expect(byFunction, `functions with failing cases (first failure of each):\n${byFunction}`).toBe("");
});

const derivatives = runGoldenDerivatives({ device: "wasm" });

test("golden jvp: tangents match JAX on wasm", () => {
  const byFunction = report("golden jvp", derivatives.jvp);
  expect(derivatives.jvp.counts.passed).toBeGreaterThan(0);
  expect(byFunction, `functions with failing jvp cases:\n${byFunction}`).toBe("");
});

test("golden vjp: cotangents match JAX on wasm", () => {
  const byFunction = report("golden vjp", derivatives.vjp);
  expect(derivatives.vjp.counts.passed).toBeGreaterThan(0);
  expect(byFunction, `functions with failing vjp cases:\n${byFunction}`).toBe("");
});
