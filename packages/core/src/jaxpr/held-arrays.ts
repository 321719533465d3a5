import type { Tracer } from "../tracer.js";
import { ClosedJaxpr, Jaxpr, Literal } from "./jaxpr.js";

/**
 * The arrays a closed jaxpr holds for as long as it lives: its constants and the arrays of its
 * literals, in the sub-jaxprs of its equations' parameters too (cond branches, loop bodies, calls).
 */
export function heldArrays(closed: ClosedJaxpr, into: Set<Tracer> = new Set()): Set<Tracer> {
  const visitParam = (p: unknown): void => {
    if (p instanceof ClosedJaxpr) heldArrays(p, into);
    else if (p instanceof Jaxpr) visitJaxpr(p);
    else if (Array.isArray(p)) p.forEach(visitParam);
  };
  const visitJaxpr = (j: Jaxpr): void => {
    for (const e of j.eqns) {
      for (const a of e.inputs) if (a instanceof Literal) into.add(a.array);
      for (const p of Object.values(e.params as Record<string, unknown>)) visitParam(p);
    }
  };
  for (const c of closed.consts) into.add(c);
  visitJaxpr(closed.jaxpr);
  return into;
}
