// Classification losses (optax/losses/_classification.py), with optax's formulas so that their
// gradients are optax's too.
import { type Array as JArray, type ArrayLike, nn, np } from "@jaxts/ndarray";
import { type Args, parse } from "../args.js";

type Axis = number | readonly number[];

interface SoftmaxCrossEntropyOptions {
  axis?: Axis;
  where?: ArrayLike | null;
}

/** `where` of the batch shape gets the class axis added back, as optax does. */
function expandWhere(where: ArrayLike | null | undefined, logits: JArray, axis: Axis): JArray | null {
  if (where === undefined || where === null) return null;
  const w = np.asarray(where);
  return w.ndim !== logits.ndim ? np.expandDims(w, axis as number) : w;
}

/**
 * `optax.softmax_cross_entropy(logits, labels, axis=-1, where=None)`:
 * `-sum(labels * log_softmax(logits), axis)`.
 */
export function softmaxCrossEntropy(
  logits: ArrayLike,
  labels: ArrayLike,
  ...rest: Args<[axis: Axis, where: ArrayLike | null], SoftmaxCrossEntropyOptions>
): JArray {
  const o = parse<SoftmaxCrossEntropyOptions>("softmax_cross_entropy", ["axis", "where"], rest, { axis: -1 });
  const x = np.asarray(logits);
  const axis = o.axis ?? -1;
  const where = expandWhere(o.where, x, axis);
  const logProbs = where === null ? nn.logSoftmax(x, { axis }) : nn.logSoftmax(x, { axis, where });
  const prod = np.multiply(labels, logProbs);
  return np.negative(where === null ? np.sum(prod, { axis }) : np.sum(prod, { axis, where }));
}

/**
 * `optax.softmax_cross_entropy_with_integer_labels(logits, labels, axis=-1, where=None)`:
 * `logsumexp(logits) - logits[label]`, subtracting the normaliser from the label's logit only.
 * `axis` is one axis here (optax also takes a tuple).
 */
export function softmaxCrossEntropyWithIntegerLabels(
  logits: ArrayLike,
  labels: ArrayLike,
  ...rest: Args<[axis: number, where: ArrayLike | null], { axis?: number; where?: ArrayLike | null }>
): JArray {
  const o = parse<{ axis?: number; where?: ArrayLike | null }>(
    "softmax_cross_entropy_with_integer_labels",
    ["axis", "where"],
    rest,
    { axis: -1 },
  );
  const x = np.asarray(logits);
  const lab = np.asarray(labels);
  if (!lab.dtype.startsWith("int") && !lab.dtype.startsWith("uint")) {
    throw new TypeError(
      `softmax_cross_entropy_with_integer_labels: labels must be integers, got ${lab.dtype}`,
    );
  }
  const axis = (o.axis ?? -1) < 0 ? (o.axis ?? -1) + x.ndim : (o.axis ?? -1);
  const where = expandWhere(o.where, x, axis);
  const labelLogits = np.take(np.takeAlongAxis(x, np.expandDims(lab, axis), { axis }), 0, { axis });
  const logNormalizers = where === null ? nn.logsumexp(x, { axis }) : nn.logsumexp(x, { axis, where });
  const out = np.subtract(logNormalizers, labelLogits);
  return where === null ? out : np.where(np.any(where, axis), out, 0);
}

/**
 * `optax.safe_softmax_cross_entropy(logits, labels)`: as softmaxCrossEntropy, but
 * `labels * log_softmax` is 0 where a label is 0 (so `-inf` logits with zero labels give no NaN).
 */
export function safeSoftmaxCrossEntropy(logits: ArrayLike, labels: ArrayLike): JArray {
  const w = np.asarray(labels);
  const logSm = nn.logSoftmax(logits, { axis: -1 });
  const weighted = np.where(np.notEqual(w, 0), np.multiply(w, logSm), np.zerosLike(logSm));
  return np.negative(np.sum(weighted, { axis: -1 }));
}

/**
 * `optax.sigmoid_binary_cross_entropy(logits, labels)`:
 * `-labels * log_sigmoid(x) - (1 - labels) * log_sigmoid(-x)`.
 */
export function sigmoidBinaryCrossEntropy(logits: ArrayLike, labels: ArrayLike): JArray {
  const x = np.asarray(logits);
  const y = np.asarray(labels).astype(x.dtype);
  const logP = nn.logSigmoid(x);
  const logNotP = nn.logSigmoid(np.negative(x));
  return np.subtract(np.multiply(np.negative(y), logP), np.multiply(np.subtract(1, y), logNotP));
}

/** `optax.hinge_loss(predictor_outputs, targets)`: `max(0, 1 - outputs * targets)`. */
export function hingeLoss(predictorOutputs: ArrayLike, targets: ArrayLike): JArray {
  return np.maximum(0, np.subtract(1, np.multiply(predictorOutputs, targets)));
}

/**
 * `optax.kl_divergence(log_predictions, targets, axis=-1, where=None)`:
 * `sum(targets * (log(targets) - log_predictions))`, with `0 log 0 = 0`.
 */
export function klDivergence(
  logPredictions: ArrayLike,
  targets: ArrayLike,
  ...rest: Args<[axis: Axis, where: ArrayLike | null], SoftmaxCrossEntropyOptions>
): JArray {
  const o = parse<SoftmaxCrossEntropyOptions>("kl_divergence", ["axis", "where"], rest, { axis: -1 });
  const t = np.asarray(targets);
  const logT = np.where(np.equal(t, 0), 0, np.log(t));
  const loss = np.multiply(t, np.subtract(logT, logPredictions));
  const axis = o.axis ?? -1;
  return o.where === undefined || o.where === null
    ? np.sum(loss, { axis })
    : np.sum(loss, { axis, where: o.where });
}
