import type { FunctionBuilder } from "../wasm/function-builder.js";
import { ValType } from "../wasm/types.js";

// float32 transcendentals four lanes at a time: Cephes-style range reduction and minimax
// polynomials, accurate to a few ulp (the golden ELEMENTWISE tier allows ~16–32). Plain
// multiplies and adds, never relaxed fused ones, so results do not depend on the hardware.
// Subnormal results are flushed to zero, as XLA's CPU backend (and so the cpu backend) does.

const MIN_NORMAL = 2 ** -126;

type Emit = () => void;

function splat(fb: FunctionBuilder, value: number): void {
  fb.f32(value).op("f32x4.splat");
}

/** A fresh v128 local holding what `value` pushes. */
function bind(fb: FunctionBuilder, value: Emit): number {
  const l = fb.local(ValType.v128);
  value();
  fb.set(l);
  return l;
}

/** Horner's rule: c[0]·x^n + ... + c[n], x a local. */
function horner(fb: FunctionBuilder, x: number, coefficients: readonly number[]): void {
  splat(fb, coefficients[0]);
  for (const c of coefficients.slice(1)) {
    fb.get(x).op("f32x4.mul");
    splat(fb, c);
    fb.op("f32x4.add");
  }
}

/** Replaces lanes of the value on the stack below 2^-126 by +0 (results ≥ 0 only; NaN stays). */
function flushPositive(fb: FunctionBuilder): void {
  const r = bind(fb, () => {});
  splat(fb, 0);
  fb.get(r).get(r);
  splat(fb, MIN_NORMAL);
  fb.op("f32x4.lt", "v128.bitselect");
}

const EXP_POLY = [
  1.98756915e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1,
];

/**
 * exp: n = round(x·log2 e), r = x − n·ln 2 (in two parts, the first exact), e^r by a degree-7
 * polynomial, times 2^n built from exponent bits in two halves so that n from −150 to 128 neither
 * overflows the bits nor loses the subnormal range early. x is clamped to [−104, 89] first (exp is
 * 0 or ∞ beyond), which keeps NaN (wasm's min/max propagate it).
 */
export function simdExp(fb: FunctionBuilder, input: number): number {
  const x = bind(fb, () => {
    fb.get(input);
    splat(fb, 89);
    fb.op("f32x4.min");
    splat(fb, -104);
    fb.op("f32x4.max");
  });
  const n = bind(fb, () => {
    fb.get(x);
    splat(fb, Math.LOG2E);
    fb.op("f32x4.mul", "f32x4.nearest");
  });
  const r = bind(fb, () => {
    fb.get(x).get(n);
    splat(fb, 0.693359375);
    fb.op("f32x4.mul", "f32x4.sub").get(n);
    splat(fb, -2.1219444e-4);
    fb.op("f32x4.mul", "f32x4.sub");
  });
  // e^r ≈ 1 + r + r²·P(r)
  const y = bind(fb, () => {
    horner(fb, r, EXP_POLY);
    fb.get(r).get(r).op("f32x4.mul", "f32x4.mul").get(r).op("f32x4.add");
    splat(fb, 1);
    fb.op("f32x4.add");
  });
  const ni = bind(fb, () => fb.get(n).op("i32x4.trunc_sat_f32x4_s"));
  const half = bind(fb, () => fb.get(ni).i32(1).op("i32x4.shr_s"));
  const pow2 = (k: Emit) => {
    k();
    fb.i32(127).op("i32x4.splat", "i32x4.add").i32(23).op("i32x4.shl");
  };
  fb.get(y);
  pow2(() => fb.get(half));
  fb.op("f32x4.mul");
  pow2(() => fb.get(ni).get(half).op("i32x4.sub"));
  fb.op("f32x4.mul");
  flushPositive(fb);
  return bind(fb, () => {});
}

/** logistic(x) = 1/(1 + e^−x) for x ≥ 0, e^x/(1 + e^x) below, from e = e^−|x| (no overflow). */
export function simdLogistic(fb: FunctionBuilder, input: number): number {
  const negAbs = bind(fb, () => fb.get(input).op("f32x4.abs", "f32x4.neg"));
  const e = simdExp(fb, negAbs);
  const denominator = bind(fb, () => {
    fb.get(e);
    splat(fb, 1);
    fb.op("f32x4.add");
  });
  splat(fb, 1);
  fb.get(denominator).op("f32x4.div");
  fb.get(e).get(denominator).op("f32x4.div");
  fb.get(input);
  splat(fb, 0);
  fb.op("f32x4.ge", "v128.bitselect");
  // A NaN input fails the comparison and picks e/(1+e), which is NaN too.
  flushPositive(fb);
  return bind(fb, () => {});
}

const TANH_POLY = [
  -5.70498872745e-3, 2.06390887954e-2, -5.37397155531e-2, 1.33314422036e-1, -3.33332819422e-1,
];

/**
 * tanh: below |x| = 0.625 the odd polynomial x + x³·P(x²) (no cancellation near 0, and −0 stays
 * −0); above, 1 − 2/(e^{2|x|} + 1) with the sign of x (e^{2|x|} = ∞ gives exactly ±1).
 */
export function simdTanh(fb: FunctionBuilder, input: number): number {
  const ax = bind(fb, () => fb.get(input).op("f32x4.abs"));
  const x2 = bind(fb, () => fb.get(input).get(input).op("f32x4.mul"));
  const small = bind(fb, () => {
    horner(fb, x2, TANH_POLY);
    fb.get(x2).op("f32x4.mul").get(input).op("f32x4.mul").get(input).op("f32x4.add");
  });
  const twice = bind(fb, () => fb.get(ax).get(ax).op("f32x4.add"));
  const e = simdExp(fb, twice);
  const large = bind(fb, () => {
    splat(fb, 1);
    splat(fb, 2);
    fb.get(e);
    splat(fb, 1);
    fb.op("f32x4.add", "f32x4.div", "f32x4.sub");
    // copysign: the magnitude's bits with the sign bit of x
    fb.i32(0x7fffffff).op("i32x4.splat", "v128.and");
    fb.get(input).i32(-0x80000000).op("i32x4.splat", "v128.and", "v128.or");
  });
  fb.get(small).get(large).get(ax);
  splat(fb, 0.625);
  fb.op("f32x4.lt", "v128.bitselect");
  // NaN fails |x| < 0.625 and takes the large branch, where it propagates.
  return bind(fb, () => {});
}

const LOG_POLY = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
];

/**
 * log: x = m·2^e with m in [√½, √2) from the exponent bits (subnormal x scaled by 2^24 first),
 * log m = f − f²/2 + f³·P(f) with f = m − 1, plus e·ln 2 in two parts. x < 0 and NaN give NaN,
 * ±0 gives −∞, ∞ gives ∞.
 */
export function simdLog(fb: FunctionBuilder, input: number): number {
  const tiny = bind(fb, () => {
    fb.get(input);
    splat(fb, MIN_NORMAL);
    fb.op("f32x4.lt");
  });
  const x = bind(fb, () => {
    fb.get(input);
    splat(fb, 2 ** 24);
    fb.op("f32x4.mul").get(input).get(tiny).op("v128.bitselect");
  });
  // e = exponent − 126 (so that m is in [0.5, 1)), then adjusted to put m in [√½, √2).
  const bits = bind(fb, () => fb.get(x));
  const e0 = bind(fb, () => {
    fb.get(bits).i32(23).op("i32x4.shr_u").i32(126).op("i32x4.splat", "i32x4.sub");
    fb.i32(24).op("i32x4.splat").get(tiny).op("v128.and", "i32x4.sub");
  });
  const m0 = bind(fb, () => {
    fb.get(bits).i32(0x807fffff).op("i32x4.splat", "v128.and").i32(0x3f000000).op("i32x4.splat", "v128.or");
  });
  const below = bind(fb, () => {
    fb.get(m0);
    splat(fb, Math.SQRT1_2);
    fb.op("f32x4.lt");
  });
  // m < √½: f = 2m − 1 and e − 1; else f = m − 1.
  const f = bind(fb, () => {
    fb.get(m0).get(m0).op("f32x4.add").get(m0).get(below).op("v128.bitselect");
    splat(fb, 1);
    fb.op("f32x4.sub");
  });
  const e = bind(fb, () => {
    fb.get(e0).get(below).op("i32x4.add", "f32x4.convert_i32x4_s");
  });
  const z = bind(fb, () => fb.get(f).get(f).op("f32x4.mul"));
  const y = bind(fb, () => {
    horner(fb, f, LOG_POLY);
    fb.get(f).op("f32x4.mul").get(z).op("f32x4.mul");
    fb.get(e);
    splat(fb, -2.1219444e-4);
    fb.op("f32x4.mul", "f32x4.add");
    fb.get(z);
    splat(fb, 0.5);
    fb.op("f32x4.mul", "f32x4.sub").get(f).op("f32x4.add");
    fb.get(e);
    splat(fb, 0.693359375);
    fb.op("f32x4.mul", "f32x4.add");
  });
  // Special inputs: +∞ → +∞, 0 → −∞, negative → NaN, NaN → NaN.
  const special = (value: number, cond: Emit, on: number) => {
    splat(fb, value);
    fb.get(on);
    cond();
    fb.op("v128.bitselect").set(on);
  };
  special(
    Number.POSITIVE_INFINITY,
    () => {
      fb.get(input);
      splat(fb, Number.POSITIVE_INFINITY);
      fb.op("f32x4.eq");
    },
    y,
  );
  special(
    Number.NEGATIVE_INFINITY,
    () => {
      fb.get(input);
      splat(fb, 0);
      fb.op("f32x4.eq");
    },
    y,
  );
  special(
    Number.NaN,
    () => {
      fb.get(input);
      splat(fb, 0);
      fb.op("f32x4.ge", "v128.not");
    },
    y,
  );
  return y;
}
