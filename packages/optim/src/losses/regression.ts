// Regression losses (optax/losses/_regression.py), with optax's formulas and operation order.
import { type Array as JArray, type ArrayLike, np } from "@jaxts/ndarray";
import { type Args, parse } from "../args.js";

function errorsOf(fn: string, predictions: ArrayLike, targets: ArrayLike | null | undefined): JArray {
  const p = np.asarray(predictions);
  if (targets === undefined || targets === null) return p;
  const t = np.asarray(targets);
  if (
    fn === "squared_error" &&
    (p.shape.length !== t.shape.length || p.shape.some((d, i) => d !== t.shape[i]))
  ) {
    throw new RangeError(`${fn}: shapes of predictions (${p.shape}) and targets (${t.shape}) must be equal`);
  }
  return np.subtract(p, t);
}

/** `optax.squared_error(predictions, targets=None)`: `(predictions - targets) ** 2`. */
export function squaredError(predictions: ArrayLike, targets?: ArrayLike | null): JArray {
  return np.power(errorsOf("squared_error", predictions, targets), 2);
}

/** `optax.l2_loss(predictions, targets=None)`: `0.5 * squared_error`. */
export function l2Loss(predictions: ArrayLike, targets?: ArrayLike | null): JArray {
  return np.multiply(0.5, squaredError(predictions, targets));
}

/**
 * `optax.huber_loss(predictions, targets=None, *, delta=1.0)`: `0.5 * min(|e|, d)² + d * (|e| - min(|e|, d))`.
 */
export function huberLoss(
  predictions: ArrayLike,
  ...rest: Args<[targets: ArrayLike | null], { targets?: ArrayLike | null; delta?: number }>
): JArray {
  const o = parse<{ targets?: ArrayLike | null; delta: number }>("huber_loss", ["targets", "delta"], rest, {
    delta: 1,
  });
  const absErrors = np.abs(errorsOf("huber_loss", predictions, o.targets));
  const quadratic = np.minimum(absErrors, o.delta);
  // Same as max(|e| - delta, 0) but avoids potentially doubling the gradient.
  const linear = np.subtract(absErrors, quadratic);
  return np.add(np.multiply(0.5, np.power(quadratic, 2)), np.multiply(o.delta, linear));
}

/** `optax.log_cosh(predictions, targets=None)`: `logaddexp(e, -e) - log 2`. */
export function logCosh(predictions: ArrayLike, targets?: ArrayLike | null): JArray {
  const e = errorsOf("log_cosh", predictions, targets);
  return np.subtract(np.logaddexp(e, np.negative(e)), np.log(np.array(2, { dtype: e.dtype })));
}

interface CosineOptions {
  epsilon?: number;
  axis?: number | readonly number[];
  where?: ArrayLike | null;
}

/**
 * `optax.cosine_similarity(predictions, targets, *, epsilon=0.0, axis=-1, where=None)`: the
 * vectors normalised by `sqrt(max(‖·‖², epsilon))`, then their dot product.
 */
export function cosineSimilarity(
  predictions: ArrayLike,
  targets: ArrayLike,
  options: CosineOptions = {},
): JArray {
  const axis = options.axis ?? -1;
  const eps = options.epsilon ?? 0;
  const where = options.where ?? null;
  const sum = (x: JArray, keepdims: boolean): JArray =>
    where === null ? np.sum(x, { axis, keepdims }) : np.sum(x, { axis, keepdims, where });
  const a = np.asarray(predictions);
  const b = np.asarray(targets);
  const aNorm = np.sqrt(np.clip(sum(np.square(a), true), eps));
  const bNorm = np.sqrt(np.clip(sum(np.square(b), true), eps));
  return sum(np.multiply(np.divide(a, aNorm), np.divide(b, bNorm)), false);
}

/** `optax.cosine_distance(predictions, targets, *, epsilon=0.0, axis=-1, where=None)`: `1 - cosine_similarity`. */
export function cosineDistance(
  predictions: ArrayLike,
  targets: ArrayLike,
  options: CosineOptions = {},
): JArray {
  return np.subtract(1, cosineSimilarity(predictions, targets, options));
}
