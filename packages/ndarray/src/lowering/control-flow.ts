import type { ClosedJaxpr, ConcreteArray, ImplRule, PrimitiveName, Tracer } from "@jaxts/core";
import { bind1, evalJaxpr } from "@jaxts/core";
import { fromFlat } from "../array/create.js";
import { unrolledScan } from "../lax/scan-loop.js";

// Control flow runs on the host: the predicate or loop condition is read concretely, and the chosen
// jaxpr is evaluated eagerly (its primitives dispatch to kernels as usual). Devices that cannot be
// read synchronously run cond as a select of all branches.

const evalCall = (j: ClosedJaxpr, args: readonly Tracer[]): ConcreteArray[] =>
  evalJaxpr(j.jaxpr, j.consts, args) as ConcreteArray[];

export const controlFlowImplRules = {
  cond: (args, p) => {
    const [index, ...ops] = args;
    const n = p.branches.length;
    if ((index as ConcreteArray).backend.readSync) {
      const i = Number(index.item());
      return evalCall(p.branches[Math.min(Math.max(i, 0), n - 1)], ops);
    }
    // A device that reads asynchronously (WebGPU) cannot hand the predicate to the host here:
    // every branch runs and select_n picks on the device, giving the same values.
    const outs = p.branches.map((b) => evalCall(b, ops));
    const last = fromFlat([n - 1], [], "int32");
    const which = bind1("clamp", [fromFlat([0], [], "int32"), index, last], {});
    return outs[0].map((_, k) => bind1("select_n", [which, ...outs.map((o) => o[k])], {}) as ConcreteArray);
  },
  while: (args, p) => {
    const condConsts = args.slice(0, p.cond_nconsts);
    const bodyConsts = args.slice(p.cond_nconsts, p.cond_nconsts + p.body_nconsts);
    let carry: ConcreteArray[] = args.slice(p.cond_nconsts + p.body_nconsts);
    while (evalCall(p.cond_jaxpr, [...condConsts, ...carry])[0].item()) {
      carry = evalCall(p.body_jaxpr, [...bodyConsts, ...carry]);
    }
    return carry;
  },
  scan: (args, p) => unrolledScan(args, p) as ConcreteArray[],
} satisfies { [P in PrimitiveName]?: ImplRule<P> };
