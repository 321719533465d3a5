import type { Expr } from "@jaxts/backend";
import type { LoopPlan } from "./plan.js";

/**
 * The nodes of an expression grouped by the loop level at which their value is fixed: level d
 * (index d + 1 of the result) holds nodes whose operands only change in loops 0..d, so they can
 * be computed once per iteration of loop d instead of in the innermost loop; index 0 holds
 * constants and anything computed before all loops. Within a level, operands come before users.
 * Nodes that read the accumulator are left out (they belong to the epilogue).
 */
export function nodesByLevel(root: Expr, plan: LoopPlan): Expr[][] {
  const L = plan.dims.length;
  const inputLevel = plan.inputs.map((walk) => {
    if (walk.never) return -1;
    let level = -1;
    for (let d = 0; d < L; d++) if (walk.strides[d] !== 0 || walk.masks[d]) level = d;
    return level;
  });
  const levels = new Map<Expr, number>();
  const groups: Expr[][] = Array.from({ length: L + 1 }, () => []);
  const visit = (e: Expr): number => {
    const seen = levels.get(e);
    if (seen !== undefined) return seen;
    let level: number;
    switch (e.op) {
      case "const":
        level = -1;
        break;
      case "load":
      case "valid":
        level = inputLevel[e.input] ?? L - 1;
        break;
      case "index":
        level = plan.axisDim[e.axis] ?? L - 1;
        break;
      case "acc":
        level = Number.POSITIVE_INFINITY;
        break;
      case "unary":
      case "cast":
      case "bitcast":
        level = visit(e.x);
        break;
      case "binary":
        level = Math.max(visit(e.x), visit(e.y));
        break;
      case "where":
        level = Math.max(visit(e.cond), visit(e.x), visit(e.y));
        break;
      default:
        return e satisfies never;
    }
    levels.set(e, level);
    if (Number.isFinite(level)) groups[level + 1].push(e);
    return level;
  };
  visit(root);
  return groups;
}
