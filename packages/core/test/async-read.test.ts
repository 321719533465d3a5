import { beforeAll, describe, expect, it } from "vitest";
import { getBackend, type StorageArray } from "@jaxts/backend";
import { ConcreteArray, ShapedArray } from "../src/index.js";
import { fromStorage } from "./helpers/arrays.js";
import { registerMemoryBackends } from "./helpers/memory-backend.js";

beforeAll(registerMemoryBackends);

/** An array as a kernel leaves it: written on the device, with no host data behind it. */
function deviceArray(dtype: "float32" | "int32", data: StorageArray): ConcreteArray {
  const backend = getBackend("mem-async");
  const buffer = backend.alloc(data.byteLength);
  backend.write(buffer, data);
  return ConcreteArray.wrap(backend, new ShapedArray([data.length], dtype, false), buffer);
}

describe("arrays on a backend that cannot read synchronously", () => {
  it("arrays made from host data keep it, so synchronous reads of them work", () => {
    const a = fromStorage("float32", [2], new Float32Array([3, 4]), { backend: "mem-async" });
    expect(Array.from(a.dataSync())).toEqual([3, 4]);
  });

  it("dataSync says to await data(), and works on that array afterwards", async () => {
    const a = deviceArray("float32", new Float32Array([1.5, -2, 4]));
    expect(() => a.dataSync()).toThrow(/cannot read synchronously; use `await x\.data\(\)` instead/);
    expect(Array.from(await a.data())).toEqual([1.5, -2, 4]);
    expect(Array.from(a.dataSync())).toEqual([1.5, -2, 4]);
    expect(a.tolist()).toEqual([1.5, -2, 4]);
  });

  it("the host copy is per array and goes with dispose", async () => {
    const a = deviceArray("int32", new Int32Array([7]));
    const b = deviceArray("int32", new Int32Array([8]));
    await a.data();
    expect(a.item()).toBe(7);
    expect(() => b.item()).toThrow(/cannot read synchronously/);
    a.dispose();
    expect(() => a.dataSync()).toThrow(/Array has been deleted/);
  });
});
