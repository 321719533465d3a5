// optax.scale_by_factored_rms (optax/_src/factorized.py), the core of Adafactor.
import { type Array as JArray, np } from "@jaxts/ndarray";
import { type Args, parse } from "../args.js";
import { type Count, type GradientTransformation, transformation } from "../base.js";
import { absSq, add, asCount, mul, safeIncrement, sub, zeroCount } from "../numerics.js";
import { leavesOf, mapLeaves } from "../tree-utils.js";
import { tree } from "@jaxts/core";

/** `_decay_rate_pow`: `1 - (t + 1) ** -exponent`. */
export function decayRatePow(i: Count, exponent = 0.8): JArray {
  const t = np.add(asCount(i), 1).astype("float32");
  return np.subtract(1, np.power(t, -exponent));
}

/** The two dimensions to factor (second largest, largest), or null to keep a full second moment. */
function factoredDims(shape: readonly number[], factored: boolean, minDim: number): [number, number] | null {
  if (!factored || shape.length < 2) return null;
  // np.argsort is stable: equal sizes keep their order.
  const sorted = shape.map((d, i) => [d, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const [d1Size, d1] = sorted[sorted.length - 2];
  if (d1Size < minDim) return null;
  return [d1, sorted[sorted.length - 1][1]];
}

export interface ScaleByFactoredRmsOptions {
  factored?: boolean;
  decayRate?: number;
  stepOffset?: number;
  minDimSizeToFactor?: number;
  epsilon?: number;
  decayRateFn?: (step: Count, decayRate: number) => JArray;
}

/** `FactoredState`: per leaf, row/column statistics (factored) or the full second moment. */
export interface FactoredState {
  count: JArray;
  vRow: unknown;
  vCol: unknown;
  v: unknown;
}

const without = (shape: readonly number[], axis: number): number[] => shape.filter((_, i) => i !== axis);

/**
 * `optax.scale_by_factored_rms(factored=True, decay_rate=0.8, step_offset=0,
 * min_dim_size_to_factor=128, epsilon=1e-30, decay_rate_fn=_decay_rate_pow)`.
 */
export function scaleByFactoredRms(
  ...args: Args<
    [factored: boolean, decayRate: number, stepOffset: number, minDimSizeToFactor: number, epsilon: number],
    ScaleByFactoredRmsOptions
  >
): GradientTransformation<FactoredState> {
  const o = parse<Required<ScaleByFactoredRmsOptions>>(
    "scale_by_factored_rms",
    ["factored", "decayRate", "stepOffset", "minDimSizeToFactor", "epsilon", "decayRateFn"],
    args,
    {
      factored: true,
      decayRate: 0.8,
      stepOffset: 0,
      minDimSizeToFactor: 128,
      epsilon: 1e-30,
      decayRateFn: decayRatePow,
    },
  );
  const one = (dtype: string): JArray => np.zeros([1], { dtype: dtype as "float32" });
  return transformation(
    (params) => {
      const init = (p: JArray, part: "vRow" | "vCol" | "v"): JArray => {
        const dims = factoredDims(p.shape, o.factored, o.minDimSizeToFactor);
        if (dims === null) return part === "v" ? np.zeros(p.shape, { dtype: p.dtype }) : one(p.dtype);
        const [d1, d0] = dims;
        if (part === "vRow") return np.zeros(without(p.shape, d0), { dtype: p.dtype });
        if (part === "vCol") return np.zeros(without(p.shape, d1), { dtype: p.dtype });
        return one(p.dtype);
      };
      return {
        count: zeroCount(),
        vRow: mapLeaves((p) => init(p, "vRow"), params),
        vCol: mapLeaves((p) => init(p, "vCol"), params),
        v: mapLeaves((p) => init(p, "v"), params),
      };
    },
    (grads, state, params) => {
      const [gLeaves, def] = tree.flatten(grads);
      const p = params ?? grads;
      const pLeaves = leavesOf(p);
      const [vr, vc, vv] = [leavesOf(state.vRow), leavesOf(state.vCol), leavesOf(state.v)];
      const decayT = o.decayRateFn(np.subtract(state.count, o.stepOffset), o.decayRate);
      const out = (gLeaves as JArray[]).map((grad, i) => {
        const param = pLeaves[i];
        const dtype = param.dtype;
        const dims = factoredDims(param.shape, o.factored, o.minDimSizeToFactor);
        const gradSqr = add(absSq(grad), o.epsilon);
        if (dims !== null) {
          const [d1, d0] = dims;
          const newVRow = add(mul(decayT, vr[i]), mul(sub(1, decayT), np.mean(gradSqr, d0))).astype(dtype);
          const newVCol = add(mul(decayT, vc[i]), mul(sub(1, decayT), np.mean(gradSqr, d1))).astype(dtype);
          const reducedD1 = d1 > d0 ? d1 - 1 : d1;
          const rowColMean = np.mean(newVRow, { axis: reducedD1, keepdims: true });
          const rowFactor = np.power(np.divide(newVRow, rowColMean), -0.5);
          const colFactor = np.power(newVCol, -0.5);
          const update = np.multiply(
            np.multiply(grad, np.expandDims(rowFactor, d0)),
            np.expandDims(colFactor, d1),
          );
          return [update, newVRow, newVCol, one(dtype)] as const;
        }
        const newV = add(mul(decayT, vv[i]), mul(sub(1, decayT), gradSqr)).astype(dtype);
        return [np.multiply(grad, np.power(newV, -0.5)), one(dtype), one(dtype), newV] as const;
      });
      const rebuild = (k: number): unknown =>
        tree.unflatten(
          def,
          out.map((r) => r[k]),
        );
      return [
        rebuild(0),
        { count: safeIncrement(state.count), vRow: rebuild(1), vCol: rebuild(2), v: rebuild(3) },
      ];
    },
  );
}
