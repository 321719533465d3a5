import type { DType } from "@jaxts/backend";
import type { PlainOp } from "../wasm/opcodes.js";
import { ValType } from "../wasm/types.js";
import { info, intRange, NotLowered, wrap } from "./dtypes.js";
import type { OpContext } from "./scalar-ops.js";

// Conversions between the scalar dtypes, with the cpu backend's (XLA's) rules.

/** Pushes `x` converted from `from` to `to` with XLA's rules (truncating, saturating, NaN → 0). */
export function castOp(ctx: OpContext, from: DType, to: DType, x: number): void {
  const { fb } = ctx;
  const f = info(from);
  const t = info(to);
  fb.get(x);
  if (from === to) return;
  if (t.kind === "b") {
    if (f.kind === "f") {
      if (f.bits === 32) fb.f32(0).op("f32.ne");
      else fb.f64(0).op("f64.ne");
    } else fb.i32(0).op("i32.ne");
    return;
  }
  if (t.kind === "f") {
    if (f.kind === "f") fb.op(t.bits === 32 ? "f32.demote_f64" : "f64.promote_f32");
    else {
      const unsigned = f.kind !== "i";
      if (t.bits === 32) fb.op(unsigned ? "f32.convert_i32_u" : "f32.convert_i32_s");
      else fb.op(unsigned ? "f64.convert_i32_u" : "f64.convert_i32_s");
    }
    return;
  }
  // The target is an integer.
  if (f.kind !== "f") {
    wrap(fb, to);
    return;
  }
  const suffix = f.bits === 32 ? "f32" : "f64";
  if (t.bits === 32) {
    fb.op(`i32.trunc_sat_${suffix}_${t.kind === "i" ? "s" : "u"}` as PlainOp);
    return;
  }
  // Narrow targets: truncate to i32 (saturating), then clamp to the dtype's range.
  const [lo, hi] = intRange(to);
  const v = ctx.temp(ValType.i32);
  fb.op(`i32.trunc_sat_${suffix}_s` as PlainOp).set(v);
  fb.i32(hi).get(v).get(v).i32(hi).op("i32.gt_s", "select").set(v);
  fb.i32(lo).get(v).get(v).i32(lo).op("i32.lt_s", "select");
}

/** Pushes the bits of `x` reinterpreted from `from` as `to` (same width). */
export function bitcastOp(ctx: OpContext, from: DType, to: DType, x: number): void {
  const { fb } = ctx;
  const f = info(from);
  const t = info(to);
  if (f.bytes !== t.bytes || f.bytes === 8) throw new NotLowered(`bitcast ${from} to ${to}`);
  fb.get(x);
  if (from === to) return;
  if (f.kind === "f") fb.op("i32.reinterpret_f32");
  if (t.kind === "f") fb.op("f32.reinterpret_i32");
  else if (t.kind === "b") fb.i32(0).op("i32.ne");
  else wrap(fb, to);
}
