// WGSL helpers for the float32 ops whose WGSL built-ins differ from XLA's semantics or lack
// accuracy: WGSL leaves NaN handling of max/min and the sign of zero unspecified, its sinh/tanh/...
// may be computed by formulas that cancel near zero, and it has no expm1, log1p, cbrt, fmod, erf.
// Each helper names the XLA behaviour it reproduces; accuracy notes are in the README.

const ERFINV32_CENTRAL = [
  2.81022636e-8, 3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164,
  0.246640727, 1.50140941,
];
const ERFINV32_TAIL = [
  -0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047,
  1.00167406, 2.83297682,
];

function horner(coeffs: readonly number[], w: string, p: string): string {
  const lit = (c: number) =>
    `bitcast<f32>(0x${new Uint32Array(new Float32Array([c]).buffer)[0].toString(16)}u)`;
  let s = `var ${p} = ${lit(coeffs[0])};\n`;
  for (let i = 1; i < coeffs.length; i++) s += `  ${p} = fma(${p}, ${w}, ${lit(coeffs[i])});\n`;
  return s;
}

/** Helper name → WGSL source (each may call helpers listed in `HELPER_DEPS`). */
export const FLOAT_HELPERS: Record<string, string> = {
  // Cephes' expf: llvmpipe's exp rounds x·log2(e) before exp2, an error of |x|·2^-24 relative
  // (1e-5 near exp's overflow); a two-part reduction by ln 2 keeps it to about 1 ulp. Results
  // below the normal range are flushed to zero, as XLA's CPU flushes them.
  f_exp: `fn f_exp(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  if (x > 88.72283905206835) { return f32_inf(); }
  if (x < -87.33654475055310898657) { return 0.0; }
  let n = floor(x * 1.4426950408889634 + 0.5);
  let r = (x - n * 0.693359375) - n * -2.12194440e-4;
  let z = r * r;
  let y = ((((((1.9875691500e-4 * r + 1.3981999507e-3) * r + 8.3334519073e-3) * r + 4.1665795894e-2) * r + 1.6666665459e-1) * r + 5.0000001201e-1) * z + r) + 1.0;
  let ni = i32(n);
  if (ni > 127) { return ldexp(ldexp(y, 127), ni - 127); }
  return ldexp(y, ni);
}`,
  f_max: `fn f_max(a: f32, b: f32) -> f32 {
  if (is_nan(a) || is_nan(b)) { return f32_nan(); }
  if (a == b) { return bitcast<f32>(bitcast<u32>(a) & bitcast<u32>(b)); }
  return select(b, a, a > b);
}`,
  f_min: `fn f_min(a: f32, b: f32) -> f32 {
  if (is_nan(a) || is_nan(b)) { return f32_nan(); }
  if (a == b) { return bitcast<f32>(bitcast<u32>(a) | bitcast<u32>(b)); }
  return select(b, a, a < b);
}`,
  f_sign: `fn f_sign(x: f32) -> f32 { return select(select(x, -1.0, x < 0.0), 1.0, x > 0.0); }`,
  round_away: `fn round_away(x: f32) -> f32 {
  let t = trunc(x);
  if (abs(x - t) >= 0.5) { return t + f_sign(x); }
  return t;
}`,
  is_finite: `fn is_finite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; }`,
  f_expm1: `fn f_expm1(x: f32) -> f32 {
  // Kahan's expm1: exact cancellation of exp(x) - 1 near 0, corrected by x / log(u).
  if (abs(x) < 1e-5) { return x + 0.5 * x * x; }
  if (abs(x) >= 0.5) { return f_exp(x) - 1.0; }
  let u = f_exp(x);
  if (u == 1.0) { return x; }
  let um1 = u - 1.0;
  if (um1 == -1.0) { return -1.0; }
  if (!is_finite(u)) { return u; }
  return um1 * x / log(u);
}`,
  f_log1p: `fn f_log1p(x: f32) -> f32 {
  if (abs(x) >= 0.41421356) { return log(1.0 + x); }
  let u = 1.0 + x;
  if (u == 1.0) { return x; }
  return log(u) * x / (u - 1.0);
}`,
  f_cbrt: `fn f_cbrt(x: f32) -> f32 {
  if (x == 0.0 || !is_finite(x)) { return x; }
  let a = abs(x);
  var y = exp2(log2(a) / 3.0);
  y = y - (y * y * y - a) / (3.0 * y * y);
  return select(y, -y, x < 0.0);
}`,
  f_sinh: `fn f_sinh(x: f32) -> f32 {
  let a = abs(x);
  var r: f32;
  if (a < 1.0) {
    let e = f_expm1(a);
    r = 0.5 * (e + e / (e + 1.0));
  } else if (a < 88.0) {
    let e = f_exp(a);
    r = 0.5 * (e - 1.0 / e);
  } else {
    r = f_exp(a - 0.69314718);
  }
  return select(r, -r, x < 0.0);
}`,
  f_cosh: `fn f_cosh(x: f32) -> f32 {
  let a = abs(x);
  if (a < 88.0) { let e = f_exp(a); return 0.5 * (e + 1.0 / e); }
  return f_exp(a - 0.69314718);
}`,
  f_tanh: `fn f_tanh(x: f32) -> f32 {
  let a = abs(x);
  var r: f32;
  if (a > 9.0) { r = 1.0; }
  else if (a < 0.0004) { r = a; }
  else { let e = f_expm1(2.0 * a); r = e / (e + 2.0); }
  return select(r, -r, x < 0.0) + select(0.0, x, is_nan(x));
}`,
  f_asinh: `fn f_asinh(x: f32) -> f32 {
  let a = abs(x);
  var r: f32;
  if (a > 1e18) { r = log(a) + 0.69314718; }
  else { r = f_log1p(a + a * a / (1.0 + sqrt(1.0 + a * a))); }
  return select(r, -r, x < 0.0);
}`,
  f_acosh: `fn f_acosh(x: f32) -> f32 {
  if (x < 1.0) { return f32_nan(); }
  if (x > 1e18) { return log(x) + 0.69314718; }
  let t = x - 1.0;
  return f_log1p(t + sqrt(2.0 * t + t * t));
}`,
  f_atanh: `fn f_atanh(x: f32) -> f32 {
  let a = abs(x);
  if (a > 1.0) { return f32_nan(); }
  let r = 0.5 * f_log1p(2.0 * a / (1.0 - a));
  return select(r, -r, x < 0.0);
}`,
  f_logistic: `fn f_logistic(x: f32) -> f32 {
  if (x >= 0.0) { return 1.0 / (1.0 + f_exp(-x)); }
  let e = f_exp(x);
  return e / (1.0 + e);
}`,
  f_rem: `fn f_rem(x: f32, y: f32) -> f32 {
  // C's fmod, exactly: repeated subtraction of y scaled to r's binade, each step exact.
  let ax = abs(x);
  let ay = abs(y);
  if (is_nan(x) || is_nan(y) || !is_finite(x) || ay == 0.0) { return f32_nan(); }
  if (ax < ay || !is_finite(y)) { return x; }
  var r = ax;
  for (var i = 0; i < 300 && r >= ay; i++) {
    var d = ldexp(ay, frexp(r).exp - frexp(ay).exp);
    if (d > r) { d = d * 0.5; }
    r = r - d;
  }
  return select(r, -r, x < 0.0 || (x == 0.0 && bitcast<u32>(x) != 0u));
}`,
  // Cephes' single-precision sin/cos/tan/asin/acos/atan (about 1-2 ulp): llvmpipe's built-ins
  // are off by up to 4e-4 (asin, acos, atan) and lose the range reduction of large arguments.
  // The three-part Cody-Waite reduction by pi/4 keeps full accuracy for |x| below about 8192.
  f_sincos_reduce: `fn f_sincos_reduce(a: f32) -> vec2<f32> {
  var j = floor(a * 1.2732395447351628);
  j = j + (j % 2.0);
  let r = ((a - j * 0.78515625) - j * 2.4187564849853515625e-4) - j * 3.77489497744594108e-8;
  return vec2<f32>(r, j % 8.0);
}`,
  f_sin: `fn f_sin(x: f32) -> f32 {
  if (!is_finite(x)) { return f32_nan(); }
  let rj = f_sincos_reduce(abs(x));
  var j = u32(rj.y);
  var sgn = select(1.0, -1.0, x < 0.0);
  if (j > 3u) { sgn = -sgn; j = j - 4u; }
  let r = rj.x;
  let z = r * r;
  var y: f32;
  if (j == 1u || j == 2u) { y = ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1.0; }
  else { y = ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * r + r; }
  return select(sgn * y, x, x == 0.0);
}`,
  f_cos: `fn f_cos(x: f32) -> f32 {
  if (!is_finite(x)) { return f32_nan(); }
  let rj = f_sincos_reduce(abs(x));
  var j = u32(rj.y);
  var sgn = 1.0;
  if (j > 3u) { sgn = -sgn; j = j - 4u; }
  if (j > 1u) { sgn = -sgn; }
  let r = rj.x;
  let z = r * r;
  var y: f32;
  if (j == 1u || j == 2u) { y = ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * r + r; }
  else { y = ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1.0; }
  return sgn * y;
}`,
  f_tan: `fn f_tan(x: f32) -> f32 {
  if (!is_finite(x)) { return f32_nan(); }
  let rj = f_sincos_reduce(abs(x));
  let z = rj.x;
  let zz = z * z;
  var y = z;
  if (zz > 1e-4) { y = (((((9.38540185543e-3 * zz + 3.11992232697e-3) * zz + 2.44301354525e-2) * zz + 5.34112807005e-2) * zz + 1.33387994085e-1) * zz + 3.33331568548e-1) * zz * z + z; }
  if ((u32(rj.y) & 2u) != 0u) { y = -1.0 / y; }
  return select(y, -y, x < 0.0);
}`,
  f_atan: `fn f_atan(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  var a = abs(x);
  var base = 0.0;
  if (a > 2.414213562373095) { base = 1.5707963267948966; a = -1.0 / a; }
  else if (a > 0.4142135623730950) { base = 0.7853981633974483; a = (a - 1.0) / (a + 1.0); }
  let z = a * a;
  let y = base + ((((8.05374449538e-2 * z - 1.38776856032e-1) * z + 1.99777106478e-1) * z - 3.33329491539e-1) * z * a + a);
  return select(y, -y, x < 0.0);
}`,
  f_asin: `fn f_asin(x: f32) -> f32 {
  let a = abs(x);
  if (is_nan(x) || a > 1.0) { return f32_nan(); }
  if (a < 1e-4) { return x; }
  var z: f32;
  var r: f32;
  let big = a > 0.5;
  if (big) { z = 0.5 * (1.0 - a); r = sqrt(z); } else { z = a * a; r = a; }
  var p = ((((4.2163199048e-2 * z + 2.4181311049e-2) * z + 4.5470025998e-2) * z + 7.4953002686e-2) * z + 1.6666752422e-1) * z * r + r;
  if (big) { p = 1.5707963267948966 - (p + p); }
  return select(p, -p, x < 0.0);
}`,
  f_acos: `fn f_acos(x: f32) -> f32 {
  if (is_nan(x) || abs(x) > 1.0) { return f32_nan(); }
  if (x < -0.5) { return 3.141592653589793 - 2.0 * f_asin(sqrt(0.5 * (1.0 + x))); }
  if (x > 0.5) { return 2.0 * f_asin(sqrt(0.5 * (1.0 - x))); }
  return 1.5707963267948966 - f_asin(x);
}`,
  f_atan2: `fn f_atan2(y: f32, x: f32) -> f32 {
  if (is_nan(x) || is_nan(y)) { return f32_nan(); }
  let pi = 3.141592653589793;
  let yneg = bitcast<u32>(y) >= 0x80000000u;
  let xneg = bitcast<u32>(x) >= 0x80000000u;
  var r: f32;
  if (y == 0.0) { r = select(0.0, pi, xneg); }
  else if (x == 0.0) { r = 1.5707963267948966; }
  else if (!is_finite(x) && !is_finite(y)) { r = select(0.7853981633974483, 2.356194490192345, xneg); }
  else if (!is_finite(x)) { r = select(0.0, pi, xneg); }
  else if (!is_finite(y)) { r = 1.5707963267948966; }
  else {
    r = f_atan(abs(y / x));
    if (xneg) { r = pi - r; }
  }
  return select(r, -r, yneg);
}`,
  f_pow: `fn f_pow(x: f32, y: f32) -> f32 {
  // C's pow: pow(x, ±0) = 1 and pow(1, y) = 1 even for NaN; odd integer powers keep the sign.
  if (y == 0.0 || x == 1.0) { return 1.0; }
  if (is_nan(x) || is_nan(y)) { return f32_nan(); }
  let ay = abs(y);
  let y_int = is_finite(y) && trunc(y) == y;
  let y_odd = y_int && ay < 16777216.0 && (i32(ay) & 1) == 1;
  if (x == -1.0 && !is_finite(y)) { return 1.0; }
  if (x == 0.0) {
    let r = select(0.0, f32_inf(), y < 0.0);
    return select(r, select(r, -r, bitcast<u32>(x) != 0u), y_odd);
  }
  let ax = abs(x);
  if (!is_finite(y)) { return select(select(0.0, f32_inf(), y > 0.0), select(f32_inf(), 0.0, y > 0.0), ax < 1.0); }
  var r: f32;
  if (!is_finite(ax)) { r = select(0.0, f32_inf(), y > 0.0); }
  else if (x < 0.0 && !y_int) { return f32_nan(); }
  else if (y_int && ay <= 64.0) {
    var b = ax; var n = u32(ay); var acc = 1.0;
    loop { if ((n & 1u) == 1u) { acc = acc * b; } n = n >> 1u; if (n == 0u) { break; } b = b * b; }
    r = select(acc, 1.0 / acc, y < 0.0);
  }
  else { r = exp2(y * log2(ax)); }
  return select(r, -r, x < 0.0 && y_odd);
}`,
  f_nextafter: `fn f_nextafter(x: f32, y: f32) -> f32 {
  if (is_nan(x) || is_nan(y)) { return f32_nan(); }
  if (x == y) { return y; }
  if (x == 0.0) { return select(bitcast<f32>(1u), bitcast<f32>(0x80000001u), y < 0.0); }
  let b = bitcast<u32>(x);
  let up = (y > x) == (x > 0.0);
  return bitcast<f32>(select(b - 1u, b + 1u, up));
}`,
  f_erf_inv: `fn f_erf_inv(x: f32) -> f32 {
  // XLA's ErfInv32 (Giles' single-precision polynomial), Horner steps fused as XLA's CPU fuses them.
  let w0 = -f_log1p(-(x * x));
  var r: f32;
  if (w0 < 5.0) {
    let w = w0 - 2.5;
    ${horner(ERFINV32_CENTRAL, "w", "p")}
    r = p * x;
  } else {
    let w = sqrt(w0) - 3.0;
    ${horner(ERFINV32_TAIL, "w", "p")}
    r = p * x;
  }
  if (abs(x) == 1.0) { return x * f32_inf(); }
  return r;
}`,
};

/** Helpers that other helpers call. */
export const HELPER_DEPS: Record<string, readonly string[]> = {
  round_away: ["f_sign"],
  f_expm1: ["is_finite", "f_exp"],
  f_cosh: ["f_exp"],
  f_logistic: ["f_exp"],
  f_cbrt: ["is_finite"],
  f_sinh: ["f_expm1", "f_exp"],
  f_tanh: ["f_expm1"],
  f_asinh: ["f_log1p"],
  f_acosh: ["f_log1p"],
  f_atanh: ["f_log1p"],
  f_rem: ["is_finite"],
  f_sin: ["is_finite", "f_sincos_reduce"],
  f_cos: ["is_finite", "f_sincos_reduce"],
  f_tan: ["is_finite", "f_sincos_reduce"],
  f_acos: ["f_asin"],
  f_atan2: ["is_finite", "f_atan"],
  f_pow: ["is_finite"],
  f_erf_inv: ["f_log1p"],
};
