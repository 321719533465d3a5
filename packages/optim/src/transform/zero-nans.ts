// optax.zero_nans (optax/_src/constrain.py).
import type { Array as JArray } from "@jaxts/ndarray";
import { np } from "@jaxts/ndarray";
import { type GradientTransformation, transformation } from "../base.js";
import { mapLeaves } from "../tree-utils.js";

/** `ZeroNansState`: per leaf, whether the last update had a NaN. */
export interface ZeroNansState {
  foundNan: unknown;
}

/** `optax.zero_nans()`: replaces NaNs in the updates by 0, recording per leaf whether any were found. */
export function zeroNans(): GradientTransformation<ZeroNansState> {
  return transformation(
    (params) => ({ foundNan: mapLeaves(() => np.array(false), params) }),
    (updates) => {
      const foundNan = mapLeaves((g: JArray) => np.any(np.isnan(g)), updates);
      const u = mapLeaves((g: JArray) => np.where(np.isnan(g), np.zerosLike(g), g), updates);
      return [u, { foundNan }];
    },
  );
}
