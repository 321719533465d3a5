import { type Array as JArray, array, lax, np } from "@jaxts/ndarray";

// XLA's RandomGammaGrad (JAX's `lax.random_gamma_grad`): the implicit reparameterisation gradient
// of a gamma sample x with respect to its shape a, dx/da = -(∂P/∂a) / (∂P/∂x) with P the
// regularized lower incomplete gamma function. As in XLA, ∂P/∂a comes from P's power series (or
// Q's continued fraction when x > 1 and x > a), differentiated term by term in while loops that run
// until every element has converged, and the common factor x^a e^-x / Γ(a) is cancelled out of the
// ratio analytically rather than computed, so that it cannot underflow.

const EPS = 2 ** -23;
const f32 = (v: number): JArray => array(v, { dtype: "float32" });

type SeriesState = [JArray, JArray, JArray, JArray, JArray, JArray];

/** -(∂P/∂a)/(∂P/∂x) from the series P = x^a e^-x / Γ(a+1) · Σ x^n / ((a+1)...(a+n)). */
function series(x: JArray, a: JArray, enabled: JArray): JArray {
  const one = f32(1);
  const body = ([on, r, c, ans, dc, dans]: SeriesState): SeriesState => {
    const r1 = np.add(r, one);
    const dc1 = np.add(
      np.multiply(dc, np.divide(x, r1)),
      np.divide(np.multiply(lax.neg(c), x), np.multiply(r1, r1)),
    );
    const dans1 = np.add(dans, dc1);
    const c1 = np.multiply(c, np.divide(x, r1));
    const ans1 = np.add(ans, c1);
    const more = np.logicalAnd(on, np.greater(lax.abs(np.divide(dc1, dans1)), f32(EPS)));
    const pick = (n: JArray, o: JArray): JArray => np.where(on, n, o);
    return [more, pick(r1, r), pick(c1, c), pick(ans1, ans), pick(dc1, dc), pick(dans1, dans)];
  };
  const ones = np.onesLike(a);
  const zeros = np.zerosLike(a);
  const init: SeriesState = [enabled, a, ones, ones, zeros, zeros];
  const [, , , ans, , dans] = lax.whileLoop(([on]: SeriesState) => np.any(on), body, init) as SeriesState;
  const dlogaxDa = np.subtract(lax.log(x), lax.digamma(np.add(a, one)));
  return np.divide(np.multiply(lax.neg(np.add(dans, np.multiply(ans, dlogaxDa))), x), a);
}

// enabled, c, y, z, pkm2, qkm2, pkm1, qkm1, ans, dpkm2, dqkm2, dpkm1, dqkm1, dans
type FractionState = JArray[];

/** -(∂P/∂a)/(∂P/∂x) = (∂Q/∂a)/(∂P/∂x) from Legendre's continued fraction for Q (at most 2000 steps, as XLA). */
function continuedFraction(x: JArray, a: JArray, enabled: JArray): JArray {
  const one = f32(1);
  const eps = f32(EPS);
  const big = f32(1 / EPS);
  const y0 = np.subtract(one, a);
  const z0 = np.add(np.add(x, y0), one);
  const pkm1 = np.add(x, one);
  const qkm1 = np.multiply(z0, x);
  const ans0 = np.divide(pkm1, qkm1);
  const zeros = np.zerosLike(x);
  const dqkm1 = lax.neg(x);
  const dans0 = np.divide(np.subtract(zeros, np.multiply(ans0, dqkm1)), qkm1);
  const body = (s: FractionState): FractionState => {
    const [on, c, y, z, pm2, qm2, pm1, qm1, ans, dpm2, dqm2, dpm1, dqm1, dans] = s;
    const c1 = np.add(c, one);
    const y1 = np.add(y, one);
    const z1 = np.add(z, f32(2));
    const yc = np.multiply(y1, c1);
    const pk = np.subtract(np.multiply(pm1, z1), np.multiply(pm2, yc));
    const qk = np.subtract(np.multiply(qm1, z1), np.multiply(qm2, yc));
    const nonzero = np.notEqual(qk, zeros);
    const ans1 = np.where(nonzero, np.divide(pk, qk), ans);
    const step = (dm1: JArray, dm2: JArray, m1: JArray, m2: JArray): JArray =>
      np.add(np.subtract(np.subtract(np.multiply(dm1, z1), m1), np.multiply(dm2, yc)), np.multiply(m2, c1));
    const dpk = step(dpm1, dpm2, pm1, pm2);
    const dqk = step(dqm1, dqm2, qm1, qm2);
    const dans1 = np.where(nonzero, np.divide(np.subtract(dpk, np.multiply(ans1, dqk)), qk), dans);
    const gradConverging = np.where(nonzero, lax.abs(np.subtract(dans1, dans)), one);
    // Rescaling keeps the convergents in range; their ratios (all that is used) are unchanged.
    const rescale = np.greater(lax.abs(pk), big);
    const scaled = (v: JArray): JArray => np.where(rescale, np.multiply(v, eps), v);
    const next = [c1, y1, z1, scaled(pm1), scaled(qm1), scaled(pk), scaled(qk), ans1];
    const dnext = [scaled(dpm1), scaled(dqm1), scaled(dpk), scaled(dqk), dans1];
    const more = np.logicalAnd(on, np.greater(gradConverging, eps));
    return [more, ...[...next, ...dnext].map((n, i) => np.where(on, n, s[i + 1]))];
  };
  const cond = (s: FractionState): JArray => np.logicalAnd(np.any(s[0]), np.less(np.max(s[1]), f32(2000)));
  const init = [
    enabled,
    zeros,
    y0,
    z0,
    np.onesLike(x),
    x,
    pkm1,
    qkm1,
    ans0,
    zeros,
    zeros,
    zeros,
    dqkm1,
    dans0,
  ];
  const out = lax.whileLoop(cond, body, init) as FractionState;
  const dlogaxDa = np.subtract(lax.log(x), lax.digamma(a));
  return np.multiply(np.add(out[13], np.multiply(out[8], dlogaxDa)), x);
}

/** `lax.random_gamma_grad(a, x)`: d(sample)/d(a) at a gamma(a) sample x (float32, same shape). */
export function randomGammaGrad(a: JArray, x: JArray): JArray {
  const zero = f32(0);
  const isNan = np.logicalOr(np.isnan(a), np.isnan(x));
  const xIsZero = np.equal(x, zero);
  const domainError = np.logicalOr(np.less(x, zero), np.lessEqual(a, zero));
  const useFraction = np.logicalAnd(np.greater(x, f32(1)), np.greater(x, a));
  const enabled = np.logicalNot(np.logicalOr(np.logicalOr(xIsZero, domainError), isNan));
  let out = np.where(
    useFraction,
    continuedFraction(x, a, np.logicalAnd(enabled, useFraction)),
    series(x, a, np.logicalAnd(enabled, np.logicalNot(useFraction))),
  );
  out = np.where(xIsZero, zero, out);
  return np.where(np.logicalOr(domainError, isNan), f32(Number.NaN), out);
}
