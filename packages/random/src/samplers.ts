import type { DType } from "@jaxts/backend";
import { type Array as JArray, type ArrayLike, array, lax, np } from "@jaxts/ndarray";
import { parseArgs, type Shape, toShape } from "./args.js";
import { checkKey, randomBits, split } from "./keys.js";
import { staged } from "./staged.js";

export type FloatDType = "float32";

const F32_TINY = 2 ** -126;
const F32_EPS = 2 ** -23;
const F32_EPSNEG = 2 ** -24;

const f32 = (v: number): JArray => array(v, { dtype: "float32" });

function checkFloat(fn: string, dtype: DType | undefined): FloatDType {
  const d = dtype ?? "float32";
  // float64 canonicalises to float32 with x64 off, as in JAX; other floats are not generated yet.
  if (d === "float32" || d === "float64") return "float32";
  throw new TypeError(`${fn}: dtype argument must be a float32 dtype, got ${d}`);
}

/** uniform's core: `[minval, maxval)` floats built from mantissa bits, as JAX's `_uniform`. */
function uniformRaw(k: JArray, shape: Shape, minval: ArrayLike, maxval: ArrayLike): JArray {
  return staged("uniform", shape.join(","), (key, lo, hi) => uniformBody(key, shape, lo, hi))(
    k,
    lax.convertElementType(minval, "float32"),
    lax.convertElementType(maxval, "float32"),
  );
}

function uniformBody(k: JArray, shape: Shape, minval: ArrayLike, maxval: ArrayLike): JArray {
  const lo = lax.convertElementType(minval, "float32");
  const hi = lax.convertElementType(maxval, "float32");
  const bits = randomBits(k, 32, shape);
  // Top 23 bits as the mantissa of a float in [1, 2); subtracting 1 gives [0, 1) exactly.
  const floatBits = np.bitwiseOr(
    np.rightShift(bits, array(9, { dtype: "uint32" })),
    array(0x3f800000, { dtype: "uint32" }),
  );
  const floats = np.subtract(lax.bitcastConvertType(floatBits, "float32"), f32(1));
  const scaled = np.add(np.multiply(floats, np.subtract(hi, lo)), lo);
  return np.maximum(lo, np.reshape(scaled, [...shape]));
}

interface UniformOptions {
  key: ArrayLike;
  shape: number | Shape;
  dtype: DType;
  minval: ArrayLike;
  maxval: ArrayLike;
}

/** `jax.random.uniform(key, shape=(), dtype=float, minval=0., maxval=1.)`. */
export function uniform(
  ...args: [key: ArrayLike, shape?: number | Shape | Partial<UniformOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<UniformOptions>("uniform", ["key", "shape", "dtype", "minval", "maxval"], args);
  checkFloat("uniform", o.dtype);
  return uniformRaw(checkKey("uniform", o.key), toShape(o.shape), o.minval ?? 0, o.maxval ?? 1);
}

export interface FloatSamplerOptions {
  key: ArrayLike;
  shape: number | Shape;
  dtype: DType;
}

export type FloatSampler = (
  ...args: [
    key: ArrayLike,
    shape?: number | Shape | Partial<FloatSamplerOptions>,
    dtype?: DType | Partial<FloatSamplerOptions>,
  ]
) => JArray;

/** Samplers of the form `f(key, shape=(), dtype=float)` that transform one uniform draw. */
function fromUniform(name: string, lo: number, hi: number, transform: (u: JArray) => JArray): FloatSampler {
  return (...args) => {
    const o = parseArgs<FloatSamplerOptions>(name, ["key", "shape", "dtype"], args);
    checkFloat(name, o.dtype);
    const shape = toShape(o.shape);
    return staged(name, shape.join(","), (key) => transform(uniformBody(key, shape, lo, hi)))(
      checkKey(name, o.key),
    );
  };
}

/** `jax.random.normal`: sqrt(2)·erf_inv(u) with u in (-1, 1), as JAX (not Box–Muller). */
export const normal = fromUniform("normal", Math.fround(-1 + F32_EPSNEG), 1, (u) =>
  np.multiply(f32(Math.SQRT2), lax.erfInv(u)),
);

/** `jax.random.exponential`: -log1p(-u). */
export const exponential = fromUniform("exponential", 0, 1, (u) => lax.neg(lax.log1p(lax.neg(u))));

/** `jax.random.gumbel` (JAX's default "low" mode): -log(-log(u)), u in [tiny, 1). */
export const gumbel = fromUniform("gumbel", F32_TINY, 1, (u) => lax.neg(lax.log(lax.neg(lax.log(u)))));

/** `jax.random.laplace`: sign(u)·log1p(-|u|), u in (-1, 1). */
export const laplace = fromUniform("laplace", -1 + F32_EPSNEG, 1, (u) =>
  lax.mul(lax.sign(u), lax.log1p(lax.neg(lax.abs(u)))),
);

/** `jax.random.logistic`: log(u / (1 - u)), u in [tiny, 1). */
export const logistic = fromUniform("logistic", F32_TINY, 1, (u) =>
  lax.log(lax.div(u, np.subtract(f32(1), u))),
);

/** `jax.random.cauchy`: tan(pi·(u - 1/2)), u in [eps, 1). */
export const cauchy = fromUniform("cauchy", F32_EPS, 1, (u) =>
  lax.tan(np.multiply(f32(Math.PI), np.subtract(u, f32(0.5)))),
);

interface BernoulliOptions {
  key: ArrayLike;
  p: ArrayLike;
  shape: number | Shape;
}

/** `jax.random.bernoulli(key, p=0.5, shape=None)`: `uniform(key, shape) < p`. */
export function bernoulli(
  ...args: [key: ArrayLike, p?: ArrayLike | Partial<BernoulliOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<BernoulliOptions>("bernoulli", ["key", "p", "shape"], args);
  const p = lax.convertElementType(o.p ?? 0.5, "float32");
  const shape = o.shape === undefined ? p.shape : toShape(o.shape);
  return staged("bernoulli", shape.join(","), (key, prob) => np.less(uniformBody(key, shape, 0, 1), prob))(
    checkKey("bernoulli", o.key),
    p,
  );
}

interface RademacherOptions {
  key: ArrayLike;
  shape: number | Shape;
  dtype: DType;
}

/** `jax.random.rademacher(key, shape, dtype=int)`: ±1 with equal probability. */
export function rademacher(
  ...args: [key: ArrayLike, shape?: number | Shape | Partial<RademacherOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<RademacherOptions>("rademacher", ["key", "shape", "dtype"], args);
  const b = bernoulli(o.key as ArrayLike, 0.5, toShape(o.shape)).astype(o.dtype ?? "int32");
  return np.subtract(np.multiply(b, 2), 1);
}

const I32_MIN = -(2 ** 31);
const I32_MAX = 2 ** 31 - 1;

interface RandintOptions {
  key: ArrayLike;
  shape: number | Shape;
  minval: ArrayLike;
  maxval: ArrayLike;
  dtype: DType;
}

const clipI32 = (v: ArrayLike): JArray =>
  typeof v === "number"
    ? array(Math.min(Math.max(v, I32_MIN), I32_MAX), { dtype: "int32" })
    : lax.convertElementType(v, "int32");

/**
 * `jax.random.randint(key, shape, minval, maxval, dtype=int)`: twice the needed bits, reduced
 * modulo the span with JAX's overflow-free remainder trick (biased unless the span is a power of 2).
 */
export function randint(
  ...args: [key: ArrayLike, shape?: number | Shape | Partial<RandintOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<RandintOptions>("randint", ["key", "shape", "minval", "maxval", "dtype"], args);
  const dtype = o.dtype ?? "int32";
  if (dtype !== "int32") throw new TypeError(`randint: only int32 is supported yet, got ${dtype}`);
  const shape = toShape(o.shape);
  const maxRaw = o.maxval as ArrayLike;
  // maxval beyond int32 needs a span of one more than the clipped range (JAX's maxval_out_of_range).
  const outOfRange = typeof maxRaw === "number" && maxRaw > I32_MAX;
  return staged("randint", `${shape.join(",")}|${outOfRange}`, (key, lo, hi) =>
    randintBody(key, shape, lo, hi, outOfRange),
  )(checkKey("randint", o.key), clipI32(o.minval as ArrayLike), clipI32(maxRaw));
}

function randintBody(k: JArray, shape: Shape, minval: JArray, maxval: JArray, outOfRange: boolean): JArray {
  const [k1, k2] = split(k);
  const higher = randomBits(k1, 32, shape);
  const lower = randomBits(k2, 32, shape);
  const u = (v: number): JArray => array(v, { dtype: "uint32" });
  let span = lax.convertElementType(np.subtract(maxval, minval), "uint32");
  span = np.where(np.lessEqual(maxval, minval), u(1), span);
  if (outOfRange) span = np.where(np.greater(maxval, minval), np.add(span, u(1)), span);
  let multiplier = np.remainder(u(2 ** 16), span);
  multiplier = np.remainder(np.multiply(multiplier, multiplier), span);
  let offset = np.add(np.multiply(np.remainder(higher, span), multiplier), np.remainder(lower, span));
  offset = np.remainder(offset, span);
  return np.add(minval, lax.convertElementType(offset, "int32"));
}

interface TruncatedNormalOptions {
  key: ArrayLike;
  lower: ArrayLike;
  upper: ArrayLike;
  shape: number | Shape;
  dtype: DType;
}

/**
 * `jax.random.truncated_normal(key, lower, upper, shape=None, dtype=float)`: inverse-CDF sampling
 * between erf(lower/√2) and erf(upper/√2), clamped strictly inside the bounds as JAX does.
 */
export function truncatedNormal(
  ...args: [key: ArrayLike, lower?: ArrayLike | Partial<TruncatedNormalOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<TruncatedNormalOptions>(
    "truncated_normal",
    ["key", "lower", "upper", "shape", "dtype"],
    args,
  );
  checkFloat("truncated_normal", o.dtype);
  const lower = lax.convertElementType(o.lower as ArrayLike, "float32");
  const upper = lax.convertElementType(o.upper as ArrayLike, "float32");
  const shape = o.shape === undefined ? np.add(lower, upper).shape : toShape(o.shape);
  return staged("truncated_normal", shape.join(","), (key, lo, hi) =>
    truncatedNormalBody(key, lo, hi, shape),
  )(checkKey("truncated_normal", o.key), lower, upper);
}

function truncatedNormalBody(k: JArray, lower: JArray, upper: JArray, shape: Shape): JArray {
  const sqrt2 = f32(Math.SQRT2);
  const a = lax.erf(np.divide(lower, sqrt2));
  const b = lax.erf(np.divide(upper, sqrt2));
  const u = uniformBody(k, shape, a, b);
  const out = np.multiply(sqrt2, lax.erfInv(u));
  return np.clip(out, np.nextafter(lower, f32(Infinity)), np.nextafter(upper, f32(-Infinity)));
}
