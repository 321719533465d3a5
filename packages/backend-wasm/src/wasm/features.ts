import { ModuleBuilder } from "./module-builder.js";
import { ValType } from "./types.js";

/** What the WebAssembly engine of this host can do, probed once by validating tiny modules. */
export interface WasmFeatures {
  readonly simd: boolean;
  /** relaxed-SIMD (`f32x4.relaxed_madd`, fused where the hardware has FMA). */
  readonly relaxedSimd: boolean;
  /** A shared WebAssembly.Memory can be made (SharedArrayBuffer is usable). */
  readonly sharedMemory: boolean;
}

function validates(build: (m: ModuleBuilder) => void): boolean {
  try {
    const m = new ModuleBuilder();
    build(m);
    return WebAssembly.validate(m.encode());
  } catch {
    return false;
  }
}

function probe(): WasmFeatures {
  const simd = validates((m) => {
    m.function([], [ValType.v128]).f32(1).op("f32x4.splat");
  });
  const relaxedSimd = validates((m) => {
    m.function([ValType.v128, ValType.v128, ValType.v128], [ValType.v128])
      .get(0)
      .get(1)
      .get(2)
      .op("f32x4.relaxed_madd");
  });
  let sharedMemory = false;
  try {
    sharedMemory =
      typeof SharedArrayBuffer !== "undefined" &&
      new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
  } catch {
    sharedMemory = false;
  }
  return { simd, relaxedSimd, sharedMemory };
}

let cached: WasmFeatures | undefined;

/** The host's WebAssembly features (probed on first use). */
export function wasmFeatures(): WasmFeatures {
  cached ??= probe();
  return cached;
}
