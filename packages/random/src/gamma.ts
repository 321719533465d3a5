import { type Array as JArray, type ArrayLike, array, lax, np } from "@jaxts/ndarray";
import { parseArgs, type Shape, toShape } from "./args.js";
import { gammaImpl } from "./gamma-impl.js";
import { checkKey, split } from "./keys.js";
import { exponential, normal, rademacher } from "./samplers.js";

const f = (v: number): JArray => array(v, { dtype: "float32" });
const params = (v: unknown, shape: number | Shape | undefined): JArray => {
  const x = lax.convertElementType(v as ArrayLike, "float32");
  return shape === undefined ? x : np.broadcastTo(x, toShape(shape));
};

interface GammaOptions {
  key: ArrayLike;
  a: ArrayLike;
  shape: number | Shape;
  dtype: string;
}

/** `jax.random.gamma(key, a, shape=None)`: one key per element, split from `key` as JAX does. */
export function gamma(
  ...args: [key: ArrayLike, a?: ArrayLike | Partial<GammaOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<GammaOptions>("gamma", ["key", "a", "shape", "dtype"], args);
  const key = checkKey("gamma", o.key);
  return gammaImpl(key, params(o.a, o.shape), false);
}

/** `jax.random.loggamma(key, a, shape=None)`: log of a gamma draw, accurate for small a. */
export function loggamma(
  ...args: [key: ArrayLike, a?: ArrayLike | Partial<GammaOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<GammaOptions>("loggamma", ["key", "a", "shape", "dtype"], args);
  return gammaImpl(checkKey("loggamma", o.key), params(o.a, o.shape), true);
}

interface BetaOptions {
  key: ArrayLike;
  a: ArrayLike;
  b: ArrayLike;
  shape: number | Shape;
  dtype: string;
}

/** `jax.random.beta(key, a, b, shape=None)`: Ga / (Ga + Gb), scaled in log space as JAX does. */
export function beta(
  ...args: [key: ArrayLike, a?: ArrayLike | Partial<BetaOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<BetaOptions>("beta", ["key", "a", "b", "shape", "dtype"], args);
  const shape = o.shape ?? np.add(params(o.a, undefined), params(o.b, undefined)).shape;
  const [ka, kb] = split(checkKey("beta", o.key));
  const la = gammaImpl(ka, params(o.a, shape), true);
  const lb = gammaImpl(kb, params(o.b, shape), true);
  const m = np.maximum(la, lb);
  const ga = lax.exp(np.subtract(la, m));
  const gb = lax.exp(np.subtract(lb, m));
  return np.divide(ga, np.add(ga, gb));
}

interface DirichletOptions {
  key: ArrayLike;
  alpha: ArrayLike;
  shape: number | Shape;
  dtype: string;
}

/** `jax.random.dirichlet(key, alpha, shape=None)`: softmax of log-gamma draws. */
export function dirichlet(
  ...args: [key: ArrayLike, alpha?: ArrayLike | Partial<DirichletOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<DirichletOptions>("dirichlet", ["key", "alpha", "shape", "dtype"], args);
  const alpha = params(o.alpha, undefined);
  const batch = o.shape === undefined ? alpha.shape.slice(0, -1) : toShape(o.shape);
  const lg = gammaImpl(
    checkKey("dirichlet", o.key),
    np.broadcastTo(alpha, [...batch, alpha.shape[alpha.ndim - 1]]),
    true,
  );
  const e = lax.exp(np.subtract(lg, np.max(lg, { axis: -1, keepdims: true })));
  return np.divide(e, np.sum(e, { axis: -1, keepdims: true }));
}

interface ChisquareOptions {
  key: ArrayLike;
  df: ArrayLike;
  shape: number | Shape;
  dtype: string;
}

/** `jax.random.chisquare(key, df, shape=None)`: 2·exp(loggamma(df / 2)). */
export function chisquare(
  ...args: [key: ArrayLike, df?: ArrayLike | Partial<ChisquareOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<ChisquareOptions>("chisquare", ["key", "df", "shape", "dtype"], args);
  const half = np.divide(params(o.df, o.shape), f(2));
  return np.multiply(lax.exp(gammaImpl(checkKey("chisquare", o.key), half, true)), f(2));
}

/** `jax.random.t(key, df, shape=())`: normal · sqrt((df/2) / gamma(df/2)). */
export function t(
  ...args: [key: ArrayLike, df?: ArrayLike | Partial<ChisquareOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<ChisquareOptions>("t", ["key", "df", "shape", "dtype"], args);
  const shape = toShape(o.shape);
  const [kn, kg] = split(checkKey("t", o.key));
  const n = normal(kn, shape);
  const half = np.divide(params(o.df, undefined), f(2));
  const g = gammaImpl(kg, np.broadcastTo(half, shape), false);
  return np.multiply(n, lax.sqrt(np.divide(half, g)));
}

interface FOptions {
  key: ArrayLike;
  dfnum: ArrayLike;
  dfden: ArrayLike;
  shape: number | Shape;
  dtype: string;
}

/** `jax.random.f(key, dfnum, dfden, shape=())`: the ratio of two scaled chi-squares. */
export function fDist(
  ...args: [key: ArrayLike, dfnum?: ArrayLike | Partial<FOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<FOptions>("f", ["key", "dfnum", "dfden", "shape", "dtype"], args);
  const shape = toShape(o.shape);
  const [kd, kn] = split(checkKey("f", o.key));
  const dfn = params(o.dfnum, undefined);
  const dfd = params(o.dfden, undefined);
  const cn = chisquare(kn, dfn, shape);
  const cd = chisquare(kd, dfd, shape);
  return np.divide(np.divide(cn, dfn), np.divide(cd, dfd));
}

interface GenNormalOptions {
  key: ArrayLike;
  p: number;
  shape: number | Shape;
  dtype: string;
}

/** `jax.random.generalized_normal(key, p, shape=())`: a signed gamma(1/p) draw to the power 1/p. */
export function generalizedNormal(
  ...args: [key: ArrayLike, p?: number | Partial<GenNormalOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<GenNormalOptions>("generalized_normal", ["key", "p", "shape", "dtype"], args);
  const shape = toShape(o.shape);
  const inv = np.divide(f(1), f(o.p as number));
  const [k1, k2] = split(checkKey("generalized_normal", o.key));
  const g = gammaImpl(k1, np.broadcastTo(inv, shape), false);
  const r = rademacher(k2, shape, "float32");
  return np.multiply(r, np.power(g, inv));
}

interface BallOptions {
  key: ArrayLike;
  d: number;
  p: number;
  shape: number | Shape;
  dtype: string;
}

/** `jax.random.ball(key, d, p=2, shape=())`: uniform in the unit p-norm ball of dimension d. */
export function ball(
  ...args: [key: ArrayLike, d?: number | Partial<BallOptions>, ...rest: unknown[]]
): JArray {
  const o = parseArgs<BallOptions>("ball", ["key", "d", "p", "shape", "dtype"], args);
  const shape = toShape(o.shape);
  const p = o.p ?? 2;
  const [k1, k2] = split(checkKey("ball", o.key));
  const g = generalizedNormal(k1, p, [...shape, o.d as number]);
  const e = exponential(k2, shape);
  const norm = np.power(np.add(np.sum(np.power(np.abs(g), f(p)), { axis: -1 }), e), np.divide(f(1), f(p)));
  return np.divide(g, np.expandDims(norm, -1));
}
