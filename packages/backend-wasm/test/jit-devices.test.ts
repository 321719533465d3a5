import "@jaxts/backend-cpu";
import "../src/index.js";
import { config, jit } from "@jaxts/core";
import { type Array as JArray, np } from "@jaxts/ndarray";
import { describe, expect, it } from "vitest";

const values = (x: JArray): number[] => Array.from(x.dataSync() as ArrayLike<number>, Number);

describe("one jitted function on two devices", () => {
  it("traces once per device, so constants made while tracing are on the right one", () => {
    const f = jit((x: JArray) => x.mul(2).add(np.arange(3).astype("float32")));
    const onCpu = config.with({ jax_default_device: "cpu" }, () => f(np.ones([3])));
    const onWasm = config.with({ jax_default_device: "wasm" }, () => f(np.ones([3])));
    expect(values(onCpu)).toEqual([2, 3, 4]);
    expect(values(onWasm)).toEqual([2, 3, 4]);
    expect(onCpu.device.platform).toBe("cpu");
    expect(onWasm.device.platform).toBe("wasm");
  });
});
