import { vmap } from "@jaxts/core";
import { type Array as JArray, array, customJvp, lax, np } from "@jaxts/ndarray";
import { sizeOf } from "./args.js";
import { randomGammaGrad } from "./gamma-grad.js";
import { split } from "./keys.js";
import { exponential, normal, uniform } from "./samplers.js";

const f32 = (v: number): JArray => array(v, { dtype: "float32" });

type XV = [JArray, JArray, JArray];
type KXVU = [JArray, JArray, JArray, JArray];

/**
 * JAX's `_gamma_one`: Marsaglia–Tsang for one key and one scalar alpha, with JAX's exact
 * key-splitting order. Alpha < 1 is boosted to alpha + 1 and corrected by U^(1/alpha); in log space
 * that correction is added as -Exponential/alpha, so that tiny alphas do not underflow to zero.
 */
function gammaOne(key: JArray, alphaIn: JArray, logSpace: boolean): JArray {
  const zero = f32(0);
  const one = f32(1);
  const oneThird = f32(1 / 3);
  const boostMask = np.greaterEqual(alphaIn, one);
  const alpha = np.where(boostMask, alphaIn, np.add(alphaIn, one));
  const d = np.subtract(alpha, oneThird);
  const c = np.divide(oneThird, lax.sqrt(d));

  // The loop runs while the candidate is rejected; both squeeze tests are evaluated, as in JAX
  // (which notes it would use lax.cond if that batched).
  const rejected = ([, X, V, U]: KXVU): JArray =>
    np.logicalAnd(
      np.greaterEqual(U, np.subtract(one, np.multiply(f32(0.0331), np.multiply(X, X)))),
      np.greaterEqual(
        lax.log(U),
        np.add(np.multiply(X, f32(0.5)), np.multiply(d, np.add(np.subtract(one, V), lax.log(V)))),
      ),
    );
  const nextXV = ([k]: XV): XV => {
    const [next, sub] = split(k);
    const x = normal(sub, []);
    return [next, x, np.add(one, np.multiply(x, c))];
  };
  const propose = ([k]: KXVU): KXVU => {
    const [next, xKey, uKey] = split(k, 3);
    const [, x, v] = lax.whileLoop(([, , v]: XV) => np.lessEqual(v, zero), nextXV, [
      xKey,
      zero,
      f32(-1),
    ]) as XV;
    return [next, np.multiply(x, x), np.multiply(np.multiply(v, v), v), uniform(uKey, [])];
  };
  const [k, sub] = split(key);
  // The initial state (U = 2) is rejected, so the first candidate is always drawn.
  const V = (lax.whileLoop(rejected, propose, [k, zero, one, f32(2)]) as KXVU)[2];
  if (logSpace) {
    const logSamples = lax.neg(exponential(sub, []));
    const logBoost = np.where(
      np.logicalOr(boostMask, np.equal(logSamples, zero)),
      zero,
      np.multiply(logSamples, np.divide(one, alphaIn)),
    );
    return np.add(np.add(lax.log(d), lax.log(V)), logBoost);
  }
  const samples = np.subtract(one, uniform(sub, []));
  const boost = np.where(boostMask, one, np.power(samples, np.divide(one, alphaIn)));
  return np.multiply(np.multiply(d, V), boost);
}

/**
 * JAX's `_gamma_impl`: one key per element of `a`, split from `key`, mapped with `vmap` (the path
 * JAX lowers under jit; `lax.map` gives the same values, one element at a time).
 */
function gammaSample(key: JArray, a: JArray, logSpace: boolean): JArray {
  const n = sizeOf(a.shape);
  if (n === 0) return np.zeros(a.shape, { dtype: "float32" });
  const keys = split(key, n);
  const one = vmap((k: JArray, al: JArray) => gammaOne(k, al, logSpace));
  return np.reshape(one(keys, np.ravel(a)), a.shape);
}

/**
 * JAX's `_gamma_grad`: the implicit reparameterisation gradient d(sample)/d(alpha) from the CDF,
 * divided by the sample in log space (whose exp may round to 0, so it is clamped to tiny).
 */
function gammaGrad(sample: JArray, a: JArray, logSpace: boolean): JArray {
  if (!logSpace) return randomGammaGrad(a, sample);
  const s = lax.exp(sample);
  const x = np.where(np.equal(s, f32(0)), f32(2 ** -126), s);
  return np.divide(randomGammaGrad(a, x), x);
}

// random_gamma_p's JVP in JAX: no tangent through the key, tangent * _gamma_grad through alpha.
const gammaCustom = customJvp((key: JArray, a: JArray): JArray => gammaSample(key, a, false), {
  name: "random_gamma",
}).defjvps(null, (t, ans, _key, a) => np.multiply(t, gammaGrad(ans, a, false)));

const loggammaCustom = customJvp((key: JArray, a: JArray): JArray => gammaSample(key, a, true), {
  name: "random_gamma",
}).defjvps(null, (t, ans, _key, a) => np.multiply(t, gammaGrad(ans, a, true)));

/** Gamma (or log-gamma) draws shaped like the float32 array `a`, differentiable in `a`. */
export function gammaImpl(key: JArray, a: JArray, logSpace: boolean): JArray {
  return logSpace ? loggammaCustom(key, a) : gammaCustom(key, a);
}
