import { float16Bits } from "@jaxts/backend";
import { BITS_F32, BITS_F64, BITS_I32, BITS_U32, ftz32, nextafter32, nextafter64 } from "../math/bits.js";
import {
  CX,
  ccos,
  ccosh,
  cdiv,
  cexp,
  cexpm1,
  clog,
  clog1p,
  cpow,
  crsqrt,
  csign,
  csin,
  csinh,
  csqrt,
  ctan,
  ctanh,
} from "../math/complex.js";
import { erf, erfc, erfInv32, erfInv64, log1p32 } from "../math/erf.js";
import {
  exp2f32,
  exp32,
  logaddexp,
  logistic,
  logistic32,
  powC,
  roundAway,
  roundEven,
} from "../math/float.js";
import { F16_VALUES, f16BitsViaF32, f16Round, nextafter16 } from "../math/float16.js";
import { digamma, lgamma } from "../math/gamma.js";
import { ipow, popcount32 } from "../math/int.js";

/**
 * Everything generated code may call besides Math. The source destructures the names it uses from
 * this object, so a dump of the source reads as plain JavaScript.
 */
export const RUNTIME = {
  fround: Math.fround,
  F16: F16_VALUES,
  f16b: f16BitsViaF32,
  f16r: f16Round,
  f16FromF64: (x: number): number => F16_VALUES[float16Bits(x)],
  ftz32,
  exp32,
  exp2f32,
  logistic,
  logistic32,
  logaddexp,
  roundAway,
  roundEven,
  powC,
  ipow,
  popcount32,
  nextafter16,
  nextafter32,
  nextafter64,
  erf,
  erfc,
  erfInv32,
  log1p32,
  erfInv64,
  lgamma,
  digamma,
  BITS_F32,
  BITS_F64,
  BITS_I32,
  BITS_U32,
  CX,
  cdiv,
  cexp,
  clog,
  csqrt,
  crsqrt,
  csin,
  ccos,
  ctan,
  csinh,
  ccosh,
  ctanh,
  clog1p,
  cexpm1,
  cpow,
  csign,
};

export type HelperName = keyof typeof RUNTIME;
