import { describe, expect, test } from "vitest";
import { wasmFeatures } from "../src/wasm/features.js";
import { writeSleb, writeSlebBig, writeUleb } from "../src/wasm/leb128.js";
import { ModuleBuilder } from "../src/wasm/module-builder.js";
import { ValType } from "../src/wasm/types.js";

const { i32, f32, f64, v128 } = ValType;

function instantiate(m: ModuleBuilder, imports: WebAssembly.Imports = {}): WebAssembly.Exports {
  const bytes = m.encode();
  expect(WebAssembly.validate(bytes)).toBe(true);
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports;
}

describe("LEB128", () => {
  test("unsigned", () => {
    const out: number[] = [];
    writeUleb(out, 624485);
    expect(out).toEqual([0xe5, 0x8e, 0x26]);
    const big: number[] = [];
    writeUleb(big, 0xffffffff);
    expect(big).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
  });
  test("signed", () => {
    const out: number[] = [];
    writeSleb(out, -123456);
    expect(out).toEqual([0xc0, 0xbb, 0x78]);
    const one: number[] = [];
    writeSleb(one, 64);
    expect(one).toEqual([0xc0, 0x00]);
    const b: number[] = [];
    writeSlebBig(b, -1n);
    expect(b).toEqual([0x7f]);
  });
});

describe("module builder", () => {
  test("integer and float arithmetic", () => {
    const m = new ModuleBuilder();
    m.function([i32, i32], [i32], "add").get(0).get(1).op("i32.add");
    m.function([f64, f64], [f64], "hyp")
      .get(0)
      .get(0)
      .op("f64.mul")
      .get(1)
      .get(1)
      .op("f64.mul", "f64.add", "f64.sqrt");
    m.function([f32], [i32], "trunc").get(0).op("i32.trunc_sat_f32_s");
    m.function([], [i32], "big").i32(0xffffffff);
    const ex = instantiate(m) as Record<string, (...a: number[]) => number>;
    expect(ex.add(2, 3)).toBe(5);
    expect(ex.add(0x7fffffff, 1)).toBe(-0x80000000);
    expect(ex.hyp(3, 4)).toBe(5);
    expect(ex.trunc(Number.NaN)).toBe(0);
    expect(ex.trunc(3e10)).toBe(0x7fffffff);
    expect(ex.big()).toBe(-1);
  });

  test("imports, calls, loops and memory", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const m = new ModuleBuilder();
    const exp = m.importFunction("math", "exp", [f64], [f64]);
    m.importMemory({ module: "env", name: "mem", initialPages: 1, shared: false });
    // Fills f64[i] = exp(i) for i < n, then sums them.
    const fn = m.function([i32], [f64], "fill");
    const i = fn.local(i32);
    const acc = fn.local(f64);
    fn.forRange(
      i,
      () => fn.i32(0),
      () => fn.get(0),
      1,
      () => {
        fn.get(i).i32(3).op("i32.shl");
        fn.get(i).op("f64.convert_i32_s").call(exp);
        fn.mem("f64.store");
        fn.get(i).i32(3).op("i32.shl").mem("f64.load").get(acc).op("f64.add").set(acc);
      },
    );
    fn.get(acc);
    const ex = instantiate(m, { math: { exp: Math.exp }, env: { mem: memory } }) as Record<
      string,
      (n: number) => number
    >;
    const sum = ex.fill(4);
    const view = new Float64Array(memory.buffer, 0, 4);
    expect([...view]).toEqual([0, 1, 2, 3].map(Math.exp));
    expect(sum).toBeCloseTo(1 + Math.E + Math.exp(2) + Math.exp(3), 12);
    expect(ex.fill(0)).toBe(0);
  });

  test("blocks, if/else and select", () => {
    const m = new ModuleBuilder();
    const fn = m.function([i32], [i32], "sign");
    fn.get(0).i32(0).op("i32.lt_s");
    fn.if_(
      () => fn.i32(-1).op("return"),
      () => {
        fn.i32(1).i32(0).get(0).op("select").op("return");
      },
    );
    fn.i32(99);
    const ex = instantiate(m) as Record<string, (n: number) => number>;
    expect([ex.sign(-5), ex.sign(0), ex.sign(7)]).toEqual([-1, 0, 1]);
  });

  test.runIf(wasmFeatures().simd)("SIMD128 arithmetic, lanes and memory", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const m = new ModuleBuilder();
    m.importMemory({ module: "env", name: "mem", initialPages: 1, shared: false });
    // out[0..4) = a[0..4) * b + splat(c), and returns lane 2 of it.
    const fn = m.function([f32], [f32], "axpy");
    const v = fn.local(v128);
    fn.i32(32);
    fn.i32(0).mem("v128.load").i32(16).mem("v128.load32_splat").op("f32x4.mul");
    fn.get(0).op("f32x4.splat", "f32x4.add").tee(v).mem("v128.store");
    fn.get(v).lane("f32x4.extract_lane", 2);
    const ex = instantiate(m, { env: { mem: memory } }) as Record<string, (x: number) => number>;
    const f = new Float32Array(memory.buffer);
    f.set([1, 2, 3, 4, 10]);
    expect(ex.axpy(0.5)).toBe(30.5);
    expect([...f.subarray(8, 12)]).toEqual([10.5, 20.5, 30.5, 40.5]);
  });

  test("shared memory imports validate where SharedArrayBuffer exists", () => {
    if (!wasmFeatures().sharedMemory) return;
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 10, shared: true });
    const m = new ModuleBuilder();
    m.importMemory({ module: "env", name: "mem", initialPages: 1, maximumPages: 10, shared: true });
    m.function([i32], [i32], "load").get(0).mem("i32.load");
    const ex = instantiate(m, { env: { mem: memory } }) as Record<string, (x: number) => number>;
    new Int32Array(memory.buffer)[1] = 42;
    expect(ex.load(4)).toBe(42);
  });
});
