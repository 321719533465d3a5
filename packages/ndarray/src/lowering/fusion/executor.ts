import type { ReduceOp } from "@jaxts/backend";
import {
  type Atom,
  type ClosedJaxpr,
  ConcreteArray,
  config,
  evalJaxpr,
  impl,
  type JaxprEqn,
  type PrimitiveName,
  ShapedArray,
  Var,
} from "@jaxts/core";
import { elementwiseExpr, isElementwise } from "../elementwise.js";
import { acc } from "../expr.js";
import { commonBackend } from "../launch.js";
import {
  broadcastFused,
  combine,
  type FusedValue,
  fromArray,
  isHead,
  materializeFused,
  reshapeFused,
  transposeFused,
} from "./fused-value.js";
import { inlineCalls } from "./inline.js";
import { pendingDot } from "./matmul.js";
import { isRecording, type Plan, planKey, record, replay } from "./replay.js";

const REDUCE_OPS: Partial<Record<PrimitiveName, ReduceOp>> = {
  reduce_sum: "sum",
  reduce_prod: "prod",
  reduce_max: "max",
  reduce_min: "min",
  reduce_and: "and",
  reduce_or: "or",
  reduce_xor: "xor",
};

type Value = ConcreteArray | FusedValue;

function run(x: FusedValue): ConcreteArray {
  const arrays = x.sources.map((s) => s.array);
  if (!x.matmul) return materializeFused(x, commonBackend("fused", arrays));
  const out = materializeFused(x, commonBackend("fused", [x.matmul.lhs, x.matmul.rhs, ...arrays]));
  // The operands were views (or copies) made for this kernel only.
  x.matmul.lhs.dispose();
  x.matmul.rhs.dispose();
  return out;
}

/**
 * Runs a jaxpr with elementwise chains fused: each elementwise equation (and the broadcasts,
 * transposes and reshapes feeding it, as views) extends a pending kernel instead of launching one;
 * a reduction takes its operand's pending expression, and elementwise equations after it become its
 * epilogue. A pending value is launched when something else needs it, when more than one equation
 * uses it (so it is computed once), and for the outputs. Every other primitive runs as in eager mode,
 * so results are bit-identical to eager evaluation.
 */
export function executeFused(closed: ClosedJaxpr, args: ConcreteArray[]): ConcreteArray[] {
  // Per-primitive NaN/inf checks need every intermediate value.
  if (config.read("jax_debug_nans") || config.read("jax_debug_infs"))
    return evalJaxpr(closed.jaxpr, closed.consts, args) as ConcreteArray[];
  if (isRecording()) return executePlanning(closed, args);
  let byKey = plans.get(closed);
  if (!byKey) {
    byKey = new Map();
    plans.set(closed, byKey);
  }
  const key = planKey(args);
  const plan = byKey.get(key);
  if (plan) return replay(plan, args);
  if (plan === null) return executePlanning(closed, args);
  const recorded = record(closed, args, () => executePlanning(closed, args));
  byKey.set(key, recorded.plan ?? null);
  return recorded.outs;
}

/** Per jaxpr and argument layout: the recorded plan, or null where a run cannot be replayed. */
const plans = new WeakMap<ClosedJaxpr, Map<string, Plan | null>>();

/** The planning executor: decides the fusion equation by equation and launches the kernels. */
function executePlanning(closed: ClosedJaxpr, args: ConcreteArray[]): ConcreteArray[] {
  const { jaxpr } = closed;
  const { eqns, outvars, consts } = inlineCalls(closed);
  const uses = new Map<Var, number>();
  const use = (a: Atom) => {
    if (a instanceof Var) uses.set(a, (uses.get(a) ?? 0) + 1);
  };
  for (const e of eqns) new Set(e.inputs).forEach(use);
  outvars.forEach(use);

  const env = new Map<Var, Value>();
  // Kernels launched here make fresh arrays; those that are not outputs are freed at the end.
  const launched = new Set<ConcreteArray>();
  jaxpr.constvars.forEach((v, i) => env.set(v, closed.consts[i] as ConcreteArray));
  jaxpr.invars.forEach((v, i) => env.set(v, args[i]));
  for (const [v, c] of consts) env.set(v, c);

  const concrete = (a: Atom): ConcreteArray => {
    if (!(a instanceof Var)) return a.array as ConcreteArray;
    const v = env.get(a);
    if (!v) throw new Error("internal error: jaxpr variable read before it is written");
    if (v instanceof ConcreteArray) return v;
    const array = run(v);
    if (!v.sources.some((src) => src.array === array)) launched.add(array);
    env.set(a, array);
    return array;
  };
  const fused = (a: Atom): FusedValue => {
    if (!(a instanceof Var)) return fromArray(a.array as ConcreteArray);
    const v = env.get(a);
    if (v instanceof ConcreteArray) return fromArray(v);
    if (!v || isHead(v) || (uses.get(a) ?? 0) > 1) return fromArray(concrete(a));
    return v;
  };
  // Like fused, but a pending reduction or matmul may stay pending (to take an epilogue).
  const operand = (a: Atom): FusedValue => {
    const v = a instanceof Var ? env.get(a) : undefined;
    if (v && !(v instanceof ConcreteArray) && isHead(v) && (uses.get(a as Var) ?? 0) <= 1) return v;
    return fused(a);
  };

  for (const e of eqns) {
    const outs = step(e, { concrete, fused, operand });
    e.outBinders.forEach((v, i) => env.set(v, outs[i]));
  }
  const outs = outvars.map(concrete);
  for (const o of outs) launched.delete(o);
  for (const a of launched) a.dispose();
  return outs;
}

interface Readers {
  concrete(a: Atom): ConcreteArray;
  fused(a: Atom): FusedValue;
  operand(a: Atom): FusedValue;
}

/** One equation: a pending value when it fuses, otherwise the eager implementation's outputs. */
function step(e: JaxprEqn, r: Readers): Value[] {
  const out = e.outBinders[0]?.aval;
  const p = e.primitive;
  if (out && isElementwise(p)) {
    const v = elementwiseStep(e, out, r);
    if (v) return [v];
  } else if (out && (p === "broadcast_in_dim" || p === "transpose" || p === "reshape" || p === "squeeze")) {
    const x = r.fused(e.inputs[0]);
    const params = e.params as JaxprEqn<typeof p>["params"];
    const v =
      p === "broadcast_in_dim"
        ? broadcastFused(x, out, (params as JaxprEqn<"broadcast_in_dim">["params"]).broadcast_dimensions)
        : p === "transpose"
          ? transposeFused(x, out, (params as JaxprEqn<"transpose">["params"]).permutation)
          : reshapeFused(x, out);
    if (v) return [v];
  } else if (out && p === "dot_general") {
    const eqn = e as JaxprEqn<"dot_general">;
    const v = pendingDot(eqn, r.concrete(e.inputs[0]), r.concrete(e.inputs[1]), out);
    if (v) return [v];
  } else if (out && REDUCE_OPS[p]) {
    const x = r.fused(e.inputs[0]);
    const axes = (e.params as JaxprEqn<"reduce_sum">["params"]).axes;
    const kept = x.aval.shape.map((_, i) => i).filter((i) => !axes.includes(i));
    const v = transposeFused(x, x.aval, [...kept, ...axes]);
    if (v)
      return [
        {
          aval: out,
          sources: v.sources,
          expr: v.expr,
          reduce: { shape: axes.map((a) => x.aval.shape[a]), op: REDUCE_OPS[p], epilogue: acc(v.expr.dtype) },
        },
      ];
  }
  const argsIn = e.inputs.map((a) => r.concrete(a));
  return impl(
    p,
    argsIn,
    e.params,
    e.outBinders.map((v) => v.aval),
  );
}

/** Broadcasts operands as the eager rule's views do: scalars and size-1 axes to the output shape. */
function atShape(x: FusedValue, out: ShapedArray): FusedValue | undefined {
  const shape = out.shape;
  if (x.aval.shape.length === shape.length && x.aval.shape.every((d, i) => d === shape[i])) return x;
  if (isHead(x)) return undefined;
  const aval = new ShapedArray(shape, x.aval.dtype, x.aval.weakType);
  return broadcastFused(x, aval, x.aval.shape.length === 0 ? [] : shape.map((_, i) => i));
}

function elementwiseStep(e: JaxprEqn, out: ShapedArray, r: Readers): FusedValue | undefined {
  // One pending reduction may take this equation as its epilogue; any other is launched first.
  let pending = false;
  const shaped = e.inputs.map((a) => {
    const o = r.operand(a);
    if (isHead(o)) {
      if (!pending && atShape(o, out)) {
        pending = true;
        return o;
      }
      return atShape(r.fused(a), out);
    }
    return atShape(o, out);
  });
  const c = combine(shaped as FusedValue[]);
  if (!c) return undefined;
  const p = e.primitive;
  if (!isElementwise(p)) return undefined;
  const expr = elementwiseExpr(p, c.exprs, out, e.params as never);
  if (c.matmul) return { aval: out, sources: c.sources, expr, matmul: c.matmul };
  if (!c.reduce) return { aval: out, sources: c.sources, expr };
  return {
    aval: out,
    sources: c.sources,
    expr: c.reduce.main,
    reduce: { shape: c.reduce.shape, op: c.reduce.op, epilogue: expr },
  };
}
