// Opcodes of the instructions that take no immediate, by their text-format names. Memory,
// control, constant and lane instructions, which take immediates, have typed helpers in
// function-builder.ts. Numbers are from the WebAssembly 2.0 spec (core, 0xFC saturating
// truncation) and the SIMD128 and relaxed-SIMD proposals (0xFD prefix).

/** Single-byte numeric instructions. */
// biome-ignore format: an opcode table reads better packed
export const NUMERIC = {
  "i32.eqz": 0x45, "i32.eq": 0x46, "i32.ne": 0x47, "i32.lt_s": 0x48, "i32.lt_u": 0x49,
  "i32.gt_s": 0x4a, "i32.gt_u": 0x4b, "i32.le_s": 0x4c, "i32.le_u": 0x4d, "i32.ge_s": 0x4e,
  "i32.ge_u": 0x4f,
  "i64.eqz": 0x50, "i64.eq": 0x51, "i64.ne": 0x52, "i64.lt_s": 0x53, "i64.lt_u": 0x54,
  "i64.gt_s": 0x55, "i64.gt_u": 0x56, "i64.le_s": 0x57, "i64.le_u": 0x58, "i64.ge_s": 0x59,
  "i64.ge_u": 0x5a,
  "f32.eq": 0x5b, "f32.ne": 0x5c, "f32.lt": 0x5d, "f32.gt": 0x5e, "f32.le": 0x5f, "f32.ge": 0x60,
  "f64.eq": 0x61, "f64.ne": 0x62, "f64.lt": 0x63, "f64.gt": 0x64, "f64.le": 0x65, "f64.ge": 0x66,
  "i32.clz": 0x67, "i32.ctz": 0x68, "i32.popcnt": 0x69, "i32.add": 0x6a, "i32.sub": 0x6b,
  "i32.mul": 0x6c, "i32.div_s": 0x6d, "i32.div_u": 0x6e, "i32.rem_s": 0x6f, "i32.rem_u": 0x70,
  "i32.and": 0x71, "i32.or": 0x72, "i32.xor": 0x73, "i32.shl": 0x74, "i32.shr_s": 0x75,
  "i32.shr_u": 0x76, "i32.rotl": 0x77, "i32.rotr": 0x78,
  "i64.clz": 0x79, "i64.ctz": 0x7a, "i64.popcnt": 0x7b, "i64.add": 0x7c, "i64.sub": 0x7d,
  "i64.mul": 0x7e, "i64.div_s": 0x7f, "i64.div_u": 0x80, "i64.rem_s": 0x81, "i64.rem_u": 0x82,
  "i64.and": 0x83, "i64.or": 0x84, "i64.xor": 0x85, "i64.shl": 0x86, "i64.shr_s": 0x87,
  "i64.shr_u": 0x88, "i64.rotl": 0x89, "i64.rotr": 0x8a,
  "f32.abs": 0x8b, "f32.neg": 0x8c, "f32.ceil": 0x8d, "f32.floor": 0x8e, "f32.trunc": 0x8f,
  "f32.nearest": 0x90, "f32.sqrt": 0x91, "f32.add": 0x92, "f32.sub": 0x93, "f32.mul": 0x94,
  "f32.div": 0x95, "f32.min": 0x96, "f32.max": 0x97, "f32.copysign": 0x98,
  "f64.abs": 0x99, "f64.neg": 0x9a, "f64.ceil": 0x9b, "f64.floor": 0x9c, "f64.trunc": 0x9d,
  "f64.nearest": 0x9e, "f64.sqrt": 0x9f, "f64.add": 0xa0, "f64.sub": 0xa1, "f64.mul": 0xa2,
  "f64.div": 0xa3, "f64.min": 0xa4, "f64.max": 0xa5, "f64.copysign": 0xa6,
  "i32.wrap_i64": 0xa7, "i32.trunc_f32_s": 0xa8, "i32.trunc_f32_u": 0xa9, "i32.trunc_f64_s": 0xaa,
  "i32.trunc_f64_u": 0xab, "i64.extend_i32_s": 0xac, "i64.extend_i32_u": 0xad,
  "f32.convert_i32_s": 0xb2, "f32.convert_i32_u": 0xb3, "f32.demote_f64": 0xb6,
  "f64.convert_i32_s": 0xb7, "f64.convert_i32_u": 0xb8, "f64.promote_f32": 0xbb,
  "i32.reinterpret_f32": 0xbc, "i64.reinterpret_f64": 0xbd, "f32.reinterpret_i32": 0xbe,
  "f64.reinterpret_i64": 0xbf, "i32.extend8_s": 0xc0, "i32.extend16_s": 0xc1,
  drop: 0x1a, select: 0x1b, return: 0x0f, unreachable: 0x00, nop: 0x01,
} as const;

/** 0xFC-prefixed instructions without immediates (saturating float → int truncation). */
// biome-ignore format: an opcode table reads better packed
export const SATURATING = {
  "i32.trunc_sat_f32_s": 0, "i32.trunc_sat_f32_u": 1, "i32.trunc_sat_f64_s": 2,
  "i32.trunc_sat_f64_u": 3,
} as const;

/** 0xFD-prefixed SIMD128 (and relaxed-SIMD) instructions without immediates. */
// biome-ignore format: an opcode table reads better packed
export const SIMD = {
  "i8x16.swizzle": 0x0e, "i8x16.splat": 0x0f, "i16x8.splat": 0x10, "i32x4.splat": 0x11,
  "i64x2.splat": 0x12, "f32x4.splat": 0x13, "f64x2.splat": 0x14,
  "i32x4.eq": 0x37, "i32x4.ne": 0x38, "i32x4.lt_s": 0x39, "i32x4.lt_u": 0x3a, "i32x4.gt_s": 0x3b,
  "i32x4.gt_u": 0x3c, "i32x4.le_s": 0x3d, "i32x4.le_u": 0x3e, "i32x4.ge_s": 0x3f, "i32x4.ge_u": 0x40,
  "f32x4.eq": 0x41, "f32x4.ne": 0x42, "f32x4.lt": 0x43, "f32x4.gt": 0x44, "f32x4.le": 0x45,
  "f32x4.ge": 0x46, "f64x2.eq": 0x47, "f64x2.ne": 0x48, "f64x2.lt": 0x49, "f64x2.gt": 0x4a,
  "f64x2.le": 0x4b, "f64x2.ge": 0x4c,
  "v128.not": 0x4d, "v128.and": 0x4e, "v128.andnot": 0x4f, "v128.or": 0x50, "v128.xor": 0x51,
  "v128.bitselect": 0x52, "v128.any_true": 0x53,
  "f32x4.demote_f64x2_zero": 0x5e, "f64x2.promote_low_f32x4": 0x5f,
  "f32x4.ceil": 0x67, "f32x4.floor": 0x68, "f32x4.trunc": 0x69, "f32x4.nearest": 0x6a,
  "f64x2.ceil": 0x74, "f64x2.floor": 0x75, "f64x2.trunc": 0x7a, "f64x2.nearest": 0x94,
  "i32x4.abs": 0xa0, "i32x4.neg": 0xa1, "i32x4.all_true": 0xa3, "i32x4.bitmask": 0xa4,
  "i32x4.shl": 0xab, "i32x4.shr_s": 0xac, "i32x4.shr_u": 0xad, "i32x4.add": 0xae, "i32x4.sub": 0xb1,
  "i32x4.mul": 0xb5, "i32x4.min_s": 0xb6, "i32x4.min_u": 0xb7, "i32x4.max_s": 0xb8, "i32x4.max_u": 0xb9,
  "i64x2.add": 0xce, "i64x2.sub": 0xd1,
  "f32x4.abs": 0xe0, "f32x4.neg": 0xe1, "f32x4.sqrt": 0xe3, "f32x4.add": 0xe4, "f32x4.sub": 0xe5,
  "f32x4.mul": 0xe6, "f32x4.div": 0xe7, "f32x4.min": 0xe8, "f32x4.max": 0xe9, "f32x4.pmin": 0xea,
  "f32x4.pmax": 0xeb,
  "f64x2.abs": 0xec, "f64x2.neg": 0xed, "f64x2.sqrt": 0xef, "f64x2.add": 0xf0, "f64x2.sub": 0xf1,
  "f64x2.mul": 0xf2, "f64x2.div": 0xf3, "f64x2.min": 0xf4, "f64x2.max": 0xf5, "f64x2.pmin": 0xf6,
  "f64x2.pmax": 0xf7,
  "i32x4.trunc_sat_f32x4_s": 0xf8, "i32x4.trunc_sat_f32x4_u": 0xf9, "f32x4.convert_i32x4_s": 0xfa,
  "f32x4.convert_i32x4_u": 0xfb, "f64x2.convert_low_i32x4_s": 0xfe, "f64x2.convert_low_i32x4_u": 0xff,
  "f32x4.relaxed_madd": 0x105, "f32x4.relaxed_nmadd": 0x106, "f64x2.relaxed_madd": 0x107,
  "f64x2.relaxed_nmadd": 0x108,
} as const;

export type NumericOp = keyof typeof NUMERIC;
export type SaturatingOp = keyof typeof SATURATING;
export type SimdOp = keyof typeof SIMD;
/** Every instruction without immediates. */
export type PlainOp = NumericOp | SaturatingOp | SimdOp;

/** The bytes of a plain instruction. */
export function plainOpBytes(op: PlainOp, out: number[], uleb: (out: number[], v: number) => void): void {
  if (op in NUMERIC) {
    out.push(NUMERIC[op as NumericOp]);
  } else if (op in SATURATING) {
    out.push(0xfc);
    uleb(out, SATURATING[op as SaturatingOp]);
  } else {
    out.push(0xfd);
    uleb(out, SIMD[op as SimdOp]);
  }
}
