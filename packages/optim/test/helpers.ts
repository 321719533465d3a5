// Shared helpers for the unit tests: a quadratic to minimise and plain-number readers.
import { grad } from "@jaxts/autodiff";
import { type Array as JArray, array, np } from "@jaxts/ndarray";
import { applyUpdates, type GradientTransformation } from "../src/index.js";

export type P = { w: JArray; b: JArray };

export const values = (x: unknown): number[] => Array.from((x as JArray).dataSync());

/** f(p) = Σ (w - 1)² + Σ (b + 2)²: minimum 0 at w = 1, b = -2. */
export const quadratic = (p: P): JArray =>
  np.add(np.sum(np.square(np.subtract(p.w, 1))), np.sum(np.square(np.add(p.b, 2))));

export const start = (): P => ({ w: array([3, -1, 0.5]), b: array([0.5, 1]) });

/** Runs `steps` optimisation steps on the quadratic; returns the losses before each step and after. */
export function run(
  tx: GradientTransformation,
  steps: number,
  p: P = start(),
): { losses: number[]; params: P } {
  let state = tx.init(p);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    losses.push(quadratic(p).item() as number);
    const g = grad(quadratic)(p);
    const [u, s] = tx.update(g, state, p);
    state = s;
    p = applyUpdates(p, u);
  }
  losses.push(quadratic(p).item() as number);
  return { losses, params: p };
}
