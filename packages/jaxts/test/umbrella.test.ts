import { describe, expect, it } from "vitest";
import {
  blockUntilReady,
  devicePut,
  devices,
  getBackend,
  memory,
  np,
  registeredBackends,
} from "../src/index.js";

describe("the jaxts umbrella", () => {
  it("registers the cpu and wasm backends; devices() lists the default platform's, as JAX", () => {
    expect(registeredBackends()).toEqual(expect.arrayContaining(["cpu", "wasm"]));
    expect(devices().map(String)).toEqual(["WasmDevice(id=0)"]);
    expect(String(devices("cpu")[0])).toBe("CpuDevice(id=0)");
    expect(getBackend("cpu").dtypes.has("complex64")).toBe(true);
    expect(() => devices("nonexistent")).toThrow('Unknown backend "nonexistent"');
  });

  it("puts arrays on a device and waits for them", async () => {
    // wasm registers above cpu, so it is the default device in Node.
    const x = np.arange(4);
    expect(x.device.platform).toBe("wasm");
    const tree = { a: x, b: [np.ones([2])] };
    const moved = devicePut(tree, "wasm");
    expect(moved.a).toBe(x); // already there: no copy
    const onCpu = devicePut(tree, "cpu");
    expect(onCpu.a.device.platform).toBe("cpu");
    expect(Array.from(onCpu.a.dataSync())).toEqual([0, 1, 2, 3]);
    const ready = await blockUntilReady(moved);
    expect(Array.from(ready.b[0].dataSync())).toEqual([1, 1]);
    expect(memory().backends.wasm.arrays).toBeGreaterThan(0);
  });
});
