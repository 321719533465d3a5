import { contiguousView, type LoopKernel } from "@jaxts/backend";
import { describe, expect, test } from "vitest";
import { createWasmBackend } from "../src/index.js";
import { Allocator, sizeClass } from "../src/memory/allocator.js";

describe("allocator", () => {
  test("size classes are 16-aligned and waste at most a quarter", () => {
    for (const n of [0, 1, 15, 16, 17, 255, 257, 1000, 4097, 1e6 + 3]) {
      const c = sizeClass(n);
      expect(c % 16).toBe(0);
      expect(c).toBeGreaterThanOrEqual(n);
      if (n > 256) expect(c).toBeLessThanOrEqual(n * 1.25 + 16);
    }
  });

  test("freed blocks are recycled by their size class, and the top shrinks", () => {
    const a = new Allocator(1024);
    const x = a.allocate(100).block;
    const y = a.allocate(100).block;
    expect(x.address).toBe(1024);
    expect(y.address).toBe(1024 + x.capacity);
    a.release(x);
    const z = a.allocate(110);
    expect(z).toEqual({ block: x, recycled: true });
    a.release(y);
    expect(a.top).toBe(1024 + x.capacity);
  });
});

describe("wasm buffers", () => {
  test("alloc is zeroed, write/read round-trip, free is counted", async () => {
    const backend = createWasmBackend()!;
    const a = backend.alloc(64);
    expect([...backend.readSync!(a)]).toEqual(new Array(64).fill(0));
    backend.write(a, new Float32Array([1, 2, 3]), 4);
    expect([...new Float32Array((await backend.read(a)).buffer, 0, 4)]).toEqual([0, 1, 2, 3]);
    expect(backend.memory()).toEqual({ buffers: 1, bytes: 64 });
    backend.write(a, new Uint8Array(64).fill(7));
    backend.free(a);
    expect(backend.memory()).toEqual({ buffers: 0, bytes: 0 });
    // A recycled block is zeroed again.
    const b = backend.alloc(64);
    expect([...backend.readSync!(b)]).toEqual(new Array(64).fill(0));
    expect(() => backend.readSync!(a)).toThrow(/after it was freed/);
    expect(() => backend.write(b, new Uint8Array(65))).toThrow(RangeError);
    expect(() => backend.alloc(-1)).toThrow(RangeError);
    expect(() => createWasmBackend()!.readSync!(b)).toThrow(/does not belong/);
  });

  test("reused blocks read as zeros wherever a kernel or a write does not cover them", () => {
    const backend = createWasmBackend()!;
    const dirty = (bytes: number) => {
      const b = backend.alloc(bytes);
      backend.write(b, new Uint8Array(bytes).fill(0xff));
      backend.free(b);
    };
    const negate = (n: number): LoopKernel => ({
      kind: "loop",
      shape: [n],
      inputs: [{ dtype: "float32", view: contiguousView([n]) }],
      expr: { op: "unary", alu: "neg", x: { op: "load", input: 0, dtype: "float32" }, dtype: "float32" },
      dtype: "float32",
    });
    // A partial write: the rest reads as zeros.
    dirty(64);
    const a = backend.alloc(64);
    backend.write(a, new Uint8Array([1, 2]), 8);
    expect([...backend.readSync!(a)]).toEqual([...new Array(8).fill(0), 1, 2, ...new Array(54).fill(0)]);
    backend.free(a);
    // An output larger than the kernel writes: the tail reads as zeros.
    dirty(64);
    const x = backend.alloc(32);
    backend.write(x, new Float32Array(8).fill(1));
    const out = backend.alloc(64);
    backend.run(backend.compile(negate(8)), [x], [out]);
    expect([...new Float32Array(backend.readSync!(out).buffer)]).toEqual([
      ...new Array(8).fill(-1),
      ...new Array(8).fill(0),
    ]);
    backend.free(out);
    // An input never written reads as zeros.
    dirty(64);
    const unwritten = backend.alloc(64);
    const out2 = backend.alloc(64);
    backend.run(backend.compile(negate(16)), [unwritten], [out2]);
    expect([...new Float32Array(backend.readSync!(out2).buffer)]).toEqual(new Array(16).fill(-0));
    // A run that fails leaves its output zeroed.
    dirty(64);
    const failing = backend.alloc(64);
    expect(() => backend.run(backend.compile(negate(16)), [x], [failing])).toThrow(RangeError);
    expect([...backend.readSync!(failing)]).toEqual(new Array(64).fill(0));
  });

  for (const sharedMemory of [false, true]) {
    test(`the memory grows, and kernels and reads see buffers across growth (shared: ${sharedMemory})`, () => {
      const backend = createWasmBackend({ sharedMemory, initialPages: 1 })!;
      const n = 1000;
      const x = backend.alloc(n * 4);
      backend.write(
        x,
        new Float32Array(n).map((_, i) => i),
      );
      const kernel: LoopKernel = {
        kind: "loop",
        shape: [n],
        inputs: [{ dtype: "float32", view: contiguousView([n]) }],
        expr: { op: "unary", alu: "neg", x: { op: "load", input: 0, dtype: "float32" }, dtype: "float32" },
        dtype: "float32",
      };
      const exe = backend.compile(kernel);
      const big = [];
      for (let i = 0; i < 20; i++) big.push(backend.alloc(1 << 20));
      const out = backend.alloc(n * 4);
      backend.run(exe, [x], [out]);
      const got = new Float32Array(backend.readSync!(out).buffer);
      expect(got[999]).toBe(-999);
      expect(got[1]).toBe(-1);
      // The cpu path (a routine) makes its views after growth too.
      const sort = backend.compile({
        kind: "routine",
        routine: { name: "sort", numKeys: 1, descending: true },
        inputs: [{ dtype: "float32", view: contiguousView([n]) }],
        outputs: [{ dtype: "float32", shape: [n] }],
      });
      for (let i = 0; i < 20; i++) big.push(backend.alloc(1 << 20));
      backend.run(sort, [x], [out]);
      expect(new Float32Array(backend.readSync!(out).buffer)[0]).toBe(999);
      for (const b of big) backend.free(b);
    });
  }
});
