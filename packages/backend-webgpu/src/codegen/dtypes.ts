import { type DType, itemsize } from "@jaxts/backend";
import { NotLowered } from "./builder.js";

/** The WGSL type a value of each natively lowered dtype is computed in. */
export type ValueType = "f32" | "i32" | "u32" | "bool";

/**
 * Dtypes whose kernels are WGSL. bool, int8/uint8 and int16/uint16 are stored packed, 4 or 2 to a
 * u32 word, exactly as the other backends lay them out (one byte per bool), so that bytes written
 * and read by the caller mean the same everywhere; they are computed in i32/u32/bool registers and
 * wrapped after every op.
 */
export const LOWERED_DTYPES: ReadonlySet<DType> = new Set<DType>([
  "bool",
  "int8",
  "uint8",
  "int16",
  "uint16",
  "int32",
  "uint32",
  "float32",
]);

export function valueType(dtype: DType): ValueType {
  switch (dtype) {
    case "bool":
      return "bool";
    case "int8":
    case "int16":
    case "int32":
      return "i32";
    case "uint8":
    case "uint16":
    case "uint32":
      return "u32";
    case "float32":
      return "f32";
    case "float16":
    case "float64":
    case "complex64":
    case "complex128":
      throw new NotLowered(`dtype ${dtype}`);
    default:
      return dtype satisfies never;
  }
}

/** The element type of the storage array a buffer of `dtype` is bound as. */
export function storageType(dtype: DType): "f32" | "i32" | "u32" {
  const t = valueType(dtype);
  return itemsize(dtype) === 4 && t !== "bool" ? t : "u32";
}

/** Elements per 32-bit word: 1, or 2/4 for the packed dtypes. */
export function perWord(dtype: DType): number {
  return 4 / itemsize(dtype);
}

/** Re-wraps an i32/u32 value to a narrow dtype's range (identity for 32-bit dtypes). */
export function wrapNarrow(dtype: DType, code: string): string {
  switch (dtype) {
    case "int8":
      return `((${code} << 24u) >> 24u)`;
    case "int16":
      return `((${code} << 16u) >> 16u)`;
    case "uint8":
      return `(${code} & 0xffu)`;
    case "uint16":
      return `(${code} & 0xffffu)`;
    default:
      return code;
  }
}

/** A WGSL literal for a finite f32 (bit-exact), or a call to the runtime helpers for NaN and ±inf. */
export function f32Literal(value: number): string {
  const f = Math.fround(value);
  if (Number.isNaN(f)) return "f32_nan()";
  if (f === Number.POSITIVE_INFINITY) return "f32_inf()";
  if (f === Number.NEGATIVE_INFINITY) return "(-f32_inf())";
  const bits = new Uint32Array(new Float32Array([f]).buffer)[0];
  return `bitcast<f32>(0x${bits.toString(16)}u)`;
}

export function constLiteral(dtype: DType, value: number): string {
  switch (valueType(dtype)) {
    case "bool":
      return value !== 0 ? "true" : "false";
    case "f32":
      return f32Literal(value);
    case "i32": {
      const v = value | 0;
      // -2147483648 has no i32 literal: its magnitude overflows before the negation.
      return v === -2147483648 ? "i32(-2147483647 - 1)" : `i32(${v})`;
    }
    case "u32":
      return `${value >>> 0}u`;
  }
}

/** WGSL source of the runtime helpers every shader includes (non-finite constants cannot be literals). */
export const PRELUDE = `
var<private> zero_u: u32;
fn f32_nan() -> f32 { return bitcast<f32>(0x7fc00000u | zero_u); }
fn f32_inf() -> f32 { return bitcast<f32>(0x7f800000u | zero_u); }
fn is_nan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
`;
