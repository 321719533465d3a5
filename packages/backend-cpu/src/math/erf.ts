// The error function family in double precision (accurate to a few ulp of float64), plus XLA's
// float32 erf_inv, which jax.random.normal depends on bit for bit.

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** e^(-x²) with x² split in two so that its rounding error does not reach the result (x ≥ 0). */
function expMinusSquare(x: number): number {
  const hi = Math.fround(x);
  const lo = x - hi;
  return Math.exp(-hi * hi) * Math.exp(-lo * (2 * hi + lo));
}

/**
 * erf(x) = 2/√π · e^(-x²) · Σ x(2x²)^n / (2n+1)!!: every term is positive, so there is no
 * cancellation; used for |x| < 1.5 where it converges in a few dozen terms.
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 100; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

/**
 * erfc(x) for x ≥ 1 by the even contraction of Laplace's continued fraction, evaluated bottom-up.
 * The depth is chosen so that the truncation error stays below float64 precision.
 */
function erfcFraction(x: number): number {
  if (x > 27) return 0;
  const depth = x < 2 ? 120 : x < 4 ? 40 : 12;
  const t = 2 * x * x;
  let f = t + 1 + 4 * depth;
  for (let n = depth; n >= 1; n--) f = t + 1 + 4 * (n - 1) - ((2 * n - 1) * (2 * n)) / f;
  return (x * TWO_OVER_SQRT_PI * expMinusSquare(x)) / f;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a < 1.5) return erfSeries(x);
  const r = 1 - erfcFraction(a);
  return x < 0 ? -r : r;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  const r = a < 1 ? 1 - erfSeries(a) : erfcFraction(a);
  return x < 0 ? 2 - r : r;
}

// Giles, "Approximating the erfinv function" (GPU Computing Gems, 2011): single-precision
// coefficients, evaluated in float32 exactly as XLA's ErfInv32 does.
const ERFINV32_CENTRAL = [
  2.81022636e-8, 3.43273939e-7, -3.5233877e-6, -4.39150654e-6, 0.00021858087, -0.00125372503, -0.00417768164,
  0.246640727, 1.50140941,
].map(Math.fround);
const ERFINV32_TAIL = [
  -0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613, 0.00943887047,
  1.00167406, 2.83297682,
].map(Math.fround);

/**
 * XLA's float32 log1p: for |x| at or above sqrt(2) - 1 it is log(1 + x) with the sum rounded to
 * float32 first (its rational small-x approximation is used only below that threshold, where it
 * agrees with the correctly rounded result).
 */
export function log1p32(x: number): number {
  const f = Math.fround;
  return Math.abs(x) < 0.4142135623730950488 ? f(Math.log1p(x)) : f(Math.log(f(1 + x)));
}

/**
 * XLA's float32 erf_inv. XLA's CPU compiler contracts the Horner steps `c + p * w` into fused
 * multiply-adds; a float32 product is exact in a double, so `fround(p * w + c)` is that FMA (up to
 * a double rounding that needs a tie at float32 precision, probability about 2^-29).
 */
export function erfInv32(x: number): number {
  const f = Math.fround;
  const w0 = -log1p32(-f(x * x));
  let coeffs: number[];
  let w: number;
  if (w0 < 5) {
    coeffs = ERFINV32_CENTRAL;
    w = f(w0 - 2.5);
  } else {
    coeffs = ERFINV32_TAIL;
    w = f(f(Math.sqrt(w0)) - 3);
  }
  let p = coeffs[0];
  for (let i = 1; i < 9; i++) p = f(p * w + coeffs[i]);
  if (Math.abs(x) === 1) return x * Number.POSITIVE_INFINITY;
  return f(p * x);
}

// Giles' double-precision coefficients (three ranges of w = -log(1 - x²)), highest degree first.
const ERFINV64_A = [
  -3.64441206401782e-21, -1.6850591381820166e-19, 1.28584807152564e-18, 1.1157877678025181e-17,
  -1.333171662854621e-16, 2.0972767875968562e-17, 6.637638134358324e-15, -4.054566272975207e-14,
  -8.151934197605472e-14, 2.6335093153082323e-12, -1.2975133253453532e-11, -5.415412054294628e-11,
  1.0512122733215323e-9, -4.112633980346984e-9, -2.9070369957882005e-8, 4.2347877827932404e-7,
  -1.3654692000834679e-6, -1.3882523362786469e-5, 0.00018673420803405714, -0.000740702534166267,
  -0.006033670871430149, 0.24015818242558962, 1.6536545626831027,
];
const ERFINV64_B = [
  2.2137376921775787e-9, 9.075656193888539e-8, -2.7517406297064545e-7, 1.8239629214389228e-8,
  1.5027403968909828e-6, -4.013867526981546e-6, 2.9234449089955446e-6, 1.2475304481671779e-5,
  -4.7318229009055734e-5, 6.828485145957318e-5, 2.4031110387097894e-5, -0.0003550375203628475,
  0.0009532893797373805, -0.0016882755560235047, 0.002491442096107851, -0.003751208507569241,
  0.005370914553590064, 1.0052589676941592, 3.0838856104922208,
];
const ERFINV64_C = [
  -2.7109920616438573e-11, -2.555641816996525e-10, 1.5076572693500548e-9, -3.789465440126737e-9,
  7.61570120807834e-9, -1.496002662714924e-8, 2.914795345090108e-8, -6.771199775845234e-8,
  2.2900482228026655e-7, -9.9298272942317e-7, 4.526062597223154e-6, -1.968177810553167e-5,
  7.599527703001776e-5, -0.00021503011930044477, -0.00013871931833623122, 1.0103004648645344,
  4.849906401408584,
];

function horner(coeffs: readonly number[], w: number): number {
  let p = coeffs[0];
  for (let i = 1; i < coeffs.length; i++) p = coeffs[i] + p * w;
  return p;
}

/** erf_inv in double precision: Giles' approximation polished by one Newton step on erf/erfc. */
export function erfInv64(y: number): number {
  if (Number.isNaN(y) || y < -1 || y > 1) return Number.NaN;
  if (y === 1 || y === -1) return y * Number.POSITIVE_INFINITY;
  if (y === 0) return y;
  const w = -Math.log1p(-y * y);
  let x: number;
  if (w < 6.25) x = y * horner(ERFINV64_A, w - 3.125);
  else if (w < 16) x = y * horner(ERFINV64_B, Math.sqrt(w) - 3.25);
  else x = y * horner(ERFINV64_C, Math.sqrt(w) - 5);
  // Near ±1 the residual is taken on erfc, where 1 - |y| is exact, so the step keeps its precision.
  const a = Math.abs(y);
  const residual = a < 0.5 ? erf(x) - y : (1 - a - erfc(Math.abs(x))) * Math.sign(y);
  const slope = TWO_OVER_SQRT_PI * Math.exp(-x * x);
  return slope > 0 ? x - residual / slope : x;
}
