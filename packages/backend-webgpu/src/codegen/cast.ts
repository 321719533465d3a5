import { type DType, itemsize } from "@jaxts/backend";
import { NotLowered } from "./builder.js";
import { valueType, wrapNarrow } from "./dtypes.js";

const INT_RANGE: Partial<Record<DType, readonly [number, number]>> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
};

/**
 * Value conversion with XLA's rules: float → int truncates toward zero, saturates at the dtype's
 * range and maps NaN to 0; anything → bool is `!= 0`; integers wrap to the target's width.
 */
export function castCode(from: DType, to: DType, x: string): string {
  if (from === to) return x;
  const ft = valueType(from);
  const tt = valueType(to);
  if (tt === "bool") {
    if (ft === "f32") return `(${x} != 0.0)`;
    return `(${x} != ${ft === "i32" ? "0i" : "0u"})`;
  }
  if (ft === "bool") {
    if (tt === "f32") return `select(0.0, 1.0, ${x})`;
    return `select(${tt === "i32" ? "0i" : "0u"}, ${tt === "i32" ? "1i" : "1u"}, ${x})`;
  }
  if (tt === "f32") return `f32(${x})`;
  if (ft === "f32") {
    const [lo, hi] = INT_RANGE[to]!;
    // Compare in f32: hi + 1 is a power of two, so `>= hi + 1` is exact where `> hi` would round.
    const conv =
      tt === "i32"
        ? `select(select(i32(${x}), ${lo === -2147483648 ? "i32(-2147483647 - 1)" : `${lo}i`}, ${x} <= ${lo}.0), ${hi}i, ${x} >= ${hi + 1}.0)`
        : `select(select(u32(${x}), 0u, ${x} <= 0.0), ${hi}u, ${x} >= ${hi + 1}.0)`;
    return `select(${conv}, ${tt === "i32" ? "0i" : "0u"}, ${x} != ${x} || (bitcast<u32>(${x}) & 0x7fffffffu) > 0x7f800000u)`;
  }
  // Integer to integer: reinterpret the 32-bit pattern, then wrap to the target's width.
  const re = ft === tt ? x : `bitcast<${tt}>(${x})`;
  return wrapNarrow(to, re);
}

/** Reinterprets the bits of a value as another dtype of the same width. */
export function bitcastCode(from: DType, to: DType, x: string): string {
  if (from === to) return x;
  if (itemsize(from) !== itemsize(to)) {
    throw new TypeError(`webgpu backend: cannot bitcast ${from} to ${to} (the widths must match)`);
  }
  const ft = valueType(from);
  const tt = valueType(to);
  if (tt === "bool") return castCode(from, to, x);
  if (ft === "bool") return castCode(from, to, x);
  if (ft === tt) return wrapNarrow(to, x);
  if (itemsize(from) !== 4) {
    // int8 <-> uint8, int16 <-> uint16: the low bits, re-extended.
    return wrapNarrow(to, `bitcast<${tt}>(${x})`);
  }
  if (ft === "f32" || tt === "f32" || ft !== tt) return `bitcast<${tt}>(${x})`;
  throw new NotLowered(`bitcast ${from} to ${to}`);
}
