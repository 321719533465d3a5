import { isComplex } from "@jaxts/backend";
import type { ShapedArray } from "../aval.js";
import { ConcreteArray } from "../memory/concrete-array.js";
import type { Params, PrimitiveName } from "../primitives.js";
import { abstractEval } from "../rules.js";
import { Trace, TraceTracer } from "../trace.js";
import type { Tracer } from "../tracer.js";
import { type Atom, Jaxpr, type JaxprEqn, Literal, Var } from "./jaxpr.js";

/** A value being staged into a jaxpr. */
export class JaxprTracer extends TraceTracer {
  constructor(
    trace: JaxprTrace,
    readonly aval: ShapedArray,
  ) {
    super(trace);
  }
}

/**
 * The staging interpreter (makeJaxpr, jit): every primitive becomes an equation of the jaxpr being
 * built; values from outside become constants.
 */
export class JaxprTrace extends Trace {
  get name(): string {
    return "DynamicJaxprTrace";
  }
  get builder(): JaxprBuilder {
    return this.main.globalData as JaxprBuilder;
  }
  newArg(aval: ShapedArray): JaxprTracer {
    const t = new JaxprTracer(this, aval);
    this.builder.addVar(t);
    return t;
  }
  private constTracer(x: Tracer): Tracer {
    return this.builder.constTracer(this, x);
  }
  pure(x: Tracer): Tracer {
    return this.constTracer(x);
  }
  lift(x: Tracer): Tracer {
    return this.constTracer(x);
  }
  processPrimitive<P extends PrimitiveName>(primitive: P, tracers: Tracer[], params: Params<P>): Tracer[] {
    const avalsOut = abstractEval(
      primitive,
      tracers.map((t) => t.aval),
      params,
    );
    const inputs = tracers.map((t) => this.builder.getVar(t));
    const outs = avalsOut.map((a) => new JaxprTracer(this, a));
    const outBinders = outs.map((t) => this.builder.addVar(t));
    this.builder.addEqn({ primitive, inputs, params, outBinders } as JaxprEqn);
    return outs;
  }
}

/** Accumulates equations and constants while a function is staged. */
export class JaxprBuilder {
  private readonly eqns: JaxprEqn[] = [];
  private readonly vars = new Map<Tracer, Var>();
  private readonly constTracers = new Map<Tracer, JaxprTracer>();
  private readonly constVals = new Map<Var, Tracer>();

  addVar(t: Tracer): Var {
    if (this.vars.has(t)) throw new Error("internal error: tracer bound twice");
    const v = new Var(t.aval);
    this.vars.set(t, v);
    return v;
  }

  getVar(t: Tracer): Var {
    const v = this.vars.get(t);
    if (!v) throw new Error("internal error: tracer from another trace");
    return v;
  }

  addEqn(eqn: JaxprEqn): void {
    this.eqns.push(eqn);
  }

  constTracer(trace: JaxprTrace, value: Tracer): JaxprTracer {
    let t = this.constTracers.get(value);
    if (!t) {
      t = new JaxprTracer(trace, value.aval);
      const v = this.addVar(t);
      this.constTracers.set(value, t);
      this.constVals.set(v, value);
    }
    return t;
  }

  /** The jaxpr of the staged function, with its constants; scalar constants become literals. */
  build(inTracers: Tracer[], outTracers: Tracer[]): { jaxpr: Jaxpr; consts: Tracer[] } {
    const invars = inTracers.map((t) => this.getVar(t));
    let outvars: Atom[] = outTracers.map((t) => this.getVar(t));
    const literals = new Map<Var, Literal>();
    const constvars: Var[] = [];
    const consts: Tracer[] = [];
    for (const [v, value] of this.constVals) {
      if (
        value instanceof ConcreteArray &&
        value.ndim === 0 &&
        !value.isDisposed &&
        !isComplex(value.dtype) &&
        // Inlining reads the value now; a backend without synchronous reads (webgpu) keeps it a constvar.
        value.backend.readSync !== undefined
      ) {
        const x = value.item();
        literals.set(v, new Literal(x, v.aval, value));
      } else {
        constvars.push(v);
        consts.push(value);
      }
    }
    const sub = (a: Atom): Atom => (a instanceof Var ? (literals.get(a) ?? a) : a);
    const eqns = this.eqns.map((e) => ({ ...e, inputs: e.inputs.map(sub) }));
    outvars = outvars.map(sub);
    // Constants that no equation uses (e.g. returned unchanged) stay constvars; unused ones go.
    const used = new Set<Var>();
    for (const e of eqns) for (const a of e.inputs) if (a instanceof Var) used.add(a);
    for (const a of outvars) if (a instanceof Var) used.add(a);
    const keep = constvars.map((v, i) => [v, consts[i]] as const).filter(([v]) => used.has(v));
    return {
      jaxpr: new Jaxpr(
        keep.map(([v]) => v),
        invars,
        eqns,
        outvars,
      ),
      consts: keep.map(([, c]) => c),
    };
  }
}
