import { beforeAll, describe, expect, it } from "vitest";
import { fromStorage } from "./helpers/arrays.js";
import { registerMemoryBackends } from "./helpers/memory-backend.js";

beforeAll(registerMemoryBackends);

describe("arrays on a backend that cannot read synchronously", () => {
  it("dataSync says to await data(), and works on that array afterwards", async () => {
    const a = fromStorage("float32", [3], new Float32Array([1.5, -2, 4]), { backend: "mem-async" });
    expect(() => a.dataSync()).toThrow(/cannot read synchronously; use `await x\.data\(\)` instead/);
    expect(Array.from(await a.data())).toEqual([1.5, -2, 4]);
    expect(Array.from(a.dataSync())).toEqual([1.5, -2, 4]);
    expect(a.tolist()).toEqual([1.5, -2, 4]);
  });

  it("the host copy is per array and goes with dispose", async () => {
    const a = fromStorage("int32", [1], new Int32Array([7]), { backend: "mem-async" });
    const b = fromStorage("int32", [1], new Int32Array([8]), { backend: "mem-async" });
    await a.data();
    expect(a.item()).toBe(7);
    expect(() => b.item()).toThrow(/cannot read synchronously/);
    a.dispose();
    expect(() => a.dataSync()).toThrow(/Array has been deleted/);
  });
});
