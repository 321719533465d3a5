import {
  bind,
  fullRaise,
  type MainTrace,
  newMain,
  type Params,
  type PrimitiveName,
  type ShapedArray,
  Trace,
  TraceTracer,
  type Tracer,
} from "@jaxts/core";
import { jvpRules } from "../rules/jvp/index.js";
import type { JvpRule } from "../rules/types.js";
import type { Tangent } from "../tangent.js";

/** A value under `jvp`: its primal and its tangent (null for a symbolic zero). */
export class JVPTracer extends TraceTracer {
  constructor(
    trace: JVPTrace,
    readonly primal: Tracer,
    readonly tangent: Tangent,
  ) {
    super(trace);
  }
  get aval(): ShapedArray {
    return this.primal.aval;
  }
  // The primal is this value: reading it (for JS control flow under grad) reads the primal.
  override get concreteValue(): Tracer | undefined {
    return this.primal;
  }
}

/** The forward-mode interpreter: every primitive applies its JVP rule. */
export class JVPTrace extends Trace {
  get name(): string {
    return "JVPTrace";
  }
  pure(x: Tracer): Tracer {
    return new JVPTracer(this, x, null);
  }
  lift(x: Tracer): Tracer {
    return new JVPTracer(this, x, null);
  }
  processPrimitive<P extends PrimitiveName>(primitive: P, tracers: Tracer[], params: Params<P>): Tracer[] {
    const ts = tracers as JVPTracer[];
    // Nothing to differentiate: apply the primitive to the primals (JAX skips the rule too).
    if (ts.every((t) => t.tangent === null)) {
      return bind(
        primitive,
        ts.map((t) => t.primal),
        params,
      ).map((p) => new JVPTracer(this, p, null));
    }
    const rule = jvpRules[primitive] as JvpRule<P>;
    const [primalsOut, tangentsOut] = rule(
      ts.map((t) => t.primal),
      ts.map((t) => t.tangent),
      params,
    );
    return primalsOut.map((p, i) => new JVPTracer(this, p, tangentsOut[i] ?? null));
  }
}

/**
 * Runs `fn` on flat primals and tangents under a new JVP trace, giving flat primal and tangent
 * outputs. Outputs that do not depend on the inputs get zero tangents.
 */
export function jvpFlat(
  fn: (...xs: Tracer[]) => Tracer[],
  primals: readonly Tracer[],
  tangents: readonly Tangent[],
): [Tracer[], Tangent[]] {
  return newMain(JVPTrace, null, (main: MainTrace) => {
    const trace = new JVPTrace(main);
    const inputs = primals.map((p, i) => new JVPTracer(trace, p, tangents[i]));
    const outs = fn(...inputs).map((o) => fullRaise(trace, o) as JVPTracer);
    return [outs.map((o) => o.primal), outs.map((o) => o.tangent)];
  });
}
