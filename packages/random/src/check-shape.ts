import { np } from "@jaxts/ndarray";
import { ValueError } from "@jaxts/core";
import type { Shape } from "./args.js";

const pyTuple = (s: Shape): string => (s.length === 1 ? `(${s[0]},)` : `(${s.join(", ")})`);

/** JAX's `_check_shape`: parameter shapes must broadcast to exactly the requested `shape`. */
export function checkShape(name: string, shape: Shape, ...paramShapes: Shape[]): void {
  if (paramShapes.length === 0) return;
  const result = np.broadcastShapes(shape, ...paramShapes);
  if (result.length !== shape.length || result.some((d, i) => d !== shape[i])) {
    throw new ValueError(
      `${name} parameter shapes must be broadcast-compatible with shape argument, and the result of ` +
        `broadcasting the shapes must equal the shape argument, but got result ${pyTuple(result)} for ` +
        `shape argument ${pyTuple(shape)}.`,
    );
  }
}
