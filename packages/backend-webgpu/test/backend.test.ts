import {
  contiguousView,
  getBackend,
  initBackend,
  type LoopKernel,
  UnsupportedDTypeError,
} from "@jaxts/backend";
import { config, devices } from "@jaxts/core";
import { np } from "@jaxts/ndarray";
import { describe, expect, test } from "vitest";
import { createWebGpuBackend, WebGpuBackend } from "../src/index.js";
import { cpu, gpu, load, onGpu, runOn } from "./helpers.js";

describe.skipIf(!gpu)("the webgpu backend", () => {
  test("is registered, found with no configuration, and listed as a device", async () => {
    expect(await initBackend("webgpu")).toBe(gpu);
    expect(getBackend("webgpu").name).toBe("webgpu");
    expect(devices("webgpu")[0].toString()).toBe("WebGPUDevice(id=0)");
    expect(gpu!.describe()).toMatch(/^webgpu \(/);
  });

  test("callers can pass their own device, which the backend then does not own", async () => {
    const other = await createWebGpuBackend({ device: gpu!.device });
    expect(other).toBeInstanceOf(WebGpuBackend);
    expect(other!.gpu.owned).toBe(false);
    expect(other!.gpu.source).toBe("caller");
  });

  test("dataSync() says to await until `await x.data()` has left a host copy", async () => {
    const x = config.with({ jax_default_device: "webgpu" }, () => np.array([1.5, 2.5]).mul(2));
    expect(x.device.platform).toBe("webgpu");
    expect(() => x.dataSync()).toThrow(/cannot read synchronously; use `await x.data\(\)` instead/);
    expect(() => x.get(0).item()).toThrow(/await/);
    expect(Array.from(await x.data())).toEqual([3, 5]);
    expect(Array.from(x.dataSync())).toEqual([3, 5]);
    x.dispose();
  });

  test("float64 is rejected with an error naming the dtype and the backend", () => {
    const kernel: LoopKernel = {
      kind: "loop",
      shape: [2],
      inputs: [{ dtype: "float64", view: contiguousView([2]) }],
      expr: load(0, "float64"),
      dtype: "float64",
    };
    expect(() => gpu!.compile(kernel)).toThrow(UnsupportedDTypeError);
    expect(() => gpu!.compile(kernel)).toThrow(/dtype float64 is not supported by the webgpu backend/);
    expect(() =>
      config.with({ jax_default_device: "webgpu", jax_enable_x64: true }, () =>
        np.array([1, 2], { dtype: "float64" }).add(1),
      ),
    ).toThrow(/float64 is not supported by the webgpu backend/);
  });

  test("kernels it cannot lower run on the cpu fallback, in order with the GPU work around them", async () => {
    const erf: LoopKernel = {
      kind: "loop",
      shape: [3],
      inputs: [{ dtype: "float32", view: contiguousView([3]) }],
      expr: { op: "unary", alu: "erf", x: load(0, "float32"), dtype: "float32" },
      dtype: "float32",
    };
    expect(onGpu(erf)).toBe(false);
    const inputs = [{ dtype: "float32" as const, values: [0, 0.5, -1] }];
    expect(await runOn(gpu!, erf, inputs)).toEqual(await runOn(cpu, erf, inputs));
    // A GPU kernel reading a fallback's output sees it complete.
    const x = config.with({ jax_default_device: "webgpu" }, () => np.array([0.5, 1]));
    const y = config.with({ jax_default_device: "webgpu" }, () =>
      x.astype("float16").astype("float32").mul(2),
    );
    expect(Array.from(await y.data())).toEqual([1, 2]);
  });

  test("pipelines are cached by kernel, whatever the view offsets", () => {
    const k = (offset: number): LoopKernel => ({
      kind: "loop",
      shape: [4],
      inputs: [{ dtype: "int32", view: { shape: [4], strides: [1], offset } }],
      expr: { op: "unary", alu: "neg", x: load(0, "int32"), dtype: "int32" },
      dtype: "int32",
    });
    gpu!.compile(k(0));
    const before = gpu!.compiledKernels;
    gpu!.compile(k(3));
    expect(gpu!.compiledKernels).toBe(before);
  });

  test("buffers are bounds-checked, recycled and counted", async () => {
    const m0 = gpu!.memory();
    const a = gpu!.alloc(12);
    expect(gpu!.memory()).toEqual({ buffers: m0.buffers + 1, bytes: m0.bytes + 12 });
    expect(Array.from(await gpu!.read(a))).toEqual(new Array(12).fill(0));
    gpu!.write(a, new Int32Array([1, 2, 3]));
    expect(Array.from(new Int32Array((await gpu!.read(a)).buffer))).toEqual([1, 2, 3]);
    expect(() => gpu!.write(a, new Int32Array(4))).toThrow(RangeError);
    const kernel: LoopKernel = {
      kind: "loop",
      shape: [4],
      inputs: [{ dtype: "int32", view: contiguousView([4]) }],
      expr: load(0, "int32"),
      dtype: "int32",
    };
    const out = gpu!.alloc(16);
    expect(() => gpu!.run(gpu!.compile(kernel), [a], [out])).toThrow(
      /reads elements 0..3 of a buffer that holds 3/,
    );
    gpu!.free(a);
    await expect(gpu!.read(a)).rejects.toThrow(/after it was freed/);
    // A recycled buffer reads as zeros, as a new one does.
    const b = gpu!.alloc(12);
    expect(Array.from(await gpu!.read(b))).toEqual(new Array(12).fill(0));
    gpu!.free(b);
    gpu!.free(out);
    expect(gpu!.memory()).toEqual(m0);
    expect(() => gpu!.alloc(2 ** 40)).toThrow(/largest storage buffer/);
    await gpu!.synchronize!();
  });
});
