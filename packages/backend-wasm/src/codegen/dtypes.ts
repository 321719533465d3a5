import type { DType } from "@jaxts/backend";
import type { FunctionBuilder, MemoryOp } from "../wasm/function-builder.js";
import { ValType } from "../wasm/types.js";

/**
 * Thrown while lowering a loop kernel that uses something wasm code generation does not cover
 * yet; the backend then runs the kernel through the cpu backend's JavaScript instead.
 */
export class NotLowered extends Error {
  constructor(what: string) {
    super(`wasm backend: not lowered to wasm: ${what}`);
    this.name = "NotLowered";
  }
}

/** The dtypes that loop kernels compile to wasm for (float16 and complex go through the cpu code). */
export type WasmDType =
  | "bool"
  | "int8"
  | "uint8"
  | "int16"
  | "uint16"
  | "int32"
  | "uint32"
  | "float32"
  | "float64";

interface Info {
  /** How a value lives on the wasm stack: integers sign- or zero-extended to i32, bool as 0/1. */
  readonly type: ValType;
  readonly bytes: number;
  readonly load: MemoryOp;
  readonly store: MemoryOp;
  readonly kind: "b" | "i" | "u" | "f";
  readonly bits: number;
}

const INFO: { readonly [D in WasmDType]: Info } = {
  bool: { type: ValType.i32, bytes: 1, load: "i32.load8_u", store: "i32.store8", kind: "b", bits: 8 },
  int8: { type: ValType.i32, bytes: 1, load: "i32.load8_s", store: "i32.store8", kind: "i", bits: 8 },
  uint8: { type: ValType.i32, bytes: 1, load: "i32.load8_u", store: "i32.store8", kind: "u", bits: 8 },
  int16: { type: ValType.i32, bytes: 2, load: "i32.load16_s", store: "i32.store16", kind: "i", bits: 16 },
  uint16: { type: ValType.i32, bytes: 2, load: "i32.load16_u", store: "i32.store16", kind: "u", bits: 16 },
  int32: { type: ValType.i32, bytes: 4, load: "i32.load", store: "i32.store", kind: "i", bits: 32 },
  uint32: { type: ValType.i32, bytes: 4, load: "i32.load", store: "i32.store", kind: "u", bits: 32 },
  float32: { type: ValType.f32, bytes: 4, load: "f32.load", store: "f32.store", kind: "f", bits: 32 },
  float64: { type: ValType.f64, bytes: 8, load: "f64.load", store: "f64.store", kind: "f", bits: 64 },
};

export function isWasmDType(dtype: DType): dtype is WasmDType {
  return Object.hasOwn(INFO, dtype);
}

/** The wasm facts of a dtype, or NotLowered for float16 and complex. */
export function info(dtype: DType): Info {
  if (!isWasmDType(dtype)) throw new NotLowered(`dtype ${dtype}`);
  return INFO[dtype];
}

/** Wraps the i32 on the stack to an integer dtype's width (sign- or zero-extending). */
export function wrap(fb: FunctionBuilder, dtype: DType): void {
  const { kind, bits } = info(dtype);
  if (bits === 32 || kind === "b" || kind === "f") return;
  if (kind === "i") fb.op(bits === 8 ? "i32.extend8_s" : "i32.extend16_s");
  else fb.i32(2 ** bits - 1).op("i32.and");
}

/** Loads an element of `dtype` from the address on the stack (bool normalised to 0/1). */
export function load(fb: FunctionBuilder, dtype: DType): void {
  fb.mem(info(dtype).load, 0, 0);
  if (dtype === "bool") fb.i32(0).op("i32.ne");
}

/** Pushes a constant of `dtype`, rounded or wrapped to it as the cpu backend's literals are. */
export function constant(fb: FunctionBuilder, dtype: DType, value: number): void {
  const { kind, bits } = info(dtype);
  if (kind === "f") {
    if (bits === 32) fb.f32(value);
    else fb.f64(value);
    return;
  }
  if (kind === "b") {
    fb.i32(value !== 0 ? 1 : 0);
    return;
  }
  const m = 2 ** bits;
  let r = ((Math.trunc(value) % m) + m) % m;
  if (kind === "i" && r >= m / 2) r -= m;
  fb.i32(r);
}

/** The smallest and largest value of an integer dtype. */
export function intRange(dtype: DType): readonly [number, number] {
  const { kind, bits } = info(dtype);
  if (kind === "b") return [0, 1];
  if (kind === "u") return [0, 2 ** bits - 1];
  return [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1];
}

/** The part dtype of a complex dtype (complex values are two locals, re and im), else null. */
export function complexPart(dtype: DType): "float32" | "float64" | null {
  if (dtype === "complex64") return "float32";
  if (dtype === "complex128") return "float64";
  return null;
}

/** Bytes per element in memory (complex: both parts). */
export function elementBytes(dtype: DType): number {
  const part = complexPart(dtype);
  return part ? 2 * INFO[part].bytes : info(dtype).bytes;
}
