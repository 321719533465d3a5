import "@jaxts/backend-cpu";
import "../src/index.js";
import { config, jit } from "@jaxts/core";
import { type Array as JArray, np } from "@jaxts/ndarray";
import { expect, test } from "vitest";

// A fusion with more inputs than a wasm function may take parameters runs as the cpu code instead.
test("a loop kernel with 1003 inputs runs (on the cpu fallback)", () => {
  const xs = Array.from({ length: 1003 }, (_, i) => np.full([4], i));
  const total = (...as: JArray[]) => as.reduce((acc, a) => acc.add(a));
  const want = config.with({ jax_default_device: "cpu" }, () => Array.from(jit(total)(...xs).dataSync()));
  const got = config.with({ jax_default_device: "wasm" }, () => {
    const onWasm = xs.map((x) => np.array(x));
    return Array.from(jit(total)(...onWasm).dataSync());
  });
  expect(got).toEqual(want);
  expect(want[0]).toBe((1002 * 1003) / 2);
});
