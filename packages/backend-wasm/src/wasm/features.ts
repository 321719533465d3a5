import { nodeBuiltin, nodeEnv } from "../node-builtin.js";
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

const validatesRelaxedSimd = () =>
  validates((m) => {
    m.function([ValType.v128, ValType.v128, ValType.v128], [ValType.v128])
      .get(0)
      .get(1)
      .get(2)
      .op("f32x4.relaxed_madd");
  });

/**
 * Node 20's V8 (11.3) has relaxed SIMD complete but behind a flag; V8 11.4 shipped it (Chrome 114,
 * Node 22). Where it is missing, this turns the flag on for the process, so that Node 20 runs the
 * fused multiply-add kernels too (about 1.2× on matmul). It only adds instructions that later
 * engines have by default; `JAXTS_WASM_RELAXED_SIMD=0` leaves V8's flags alone.
 */
function enableRelaxedSimdFlag(): boolean {
  if (nodeEnv("JAXTS_WASM_RELAXED_SIMD") === "0") return false;
  const v8 = nodeBuiltin("node:v8") as { setFlagsFromString?: (flags: string) => void } | null;
  if (!v8?.setFlagsFromString) return false;
  try {
    v8.setFlagsFromString("--experimental-wasm-relaxed-simd");
  } catch {
    return false;
  }
  return validatesRelaxedSimd();
}

function probe(): WasmFeatures {
  const simd = validates((m) => {
    m.function([], [ValType.v128]).f32(1).op("f32x4.splat");
  });
  const relaxedSimd = simd && (validatesRelaxedSimd() || enableRelaxedSimdFlag());
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
