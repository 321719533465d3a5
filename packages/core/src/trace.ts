import type { ShapedArray } from "./aval.js";
import type { Params, PrimitiveName } from "./primitives.js";
import { type ArrayLikeData, Tracer } from "./tracer.js";

/**
 * The interpreter stack, as in Autodidax. Each transformation in progress is a MainTrace at a
 * level; `bind` hands a primitive to the innermost (highest-level) trace among its arguments, or to
 * the dynamic trace when staging out (makeJaxpr, jit) so that constants are staged too.
 */
export abstract class Trace {
  constructor(readonly main: MainTrace) {}
  /** Wraps a value that belongs to no trace (a concrete array) as this trace's tracer. */
  abstract pure(x: Tracer): Tracer;
  /** Wraps a tracer of a lower-level trace as this trace's tracer. */
  abstract lift(x: Tracer): Tracer;
  abstract processPrimitive<P extends PrimitiveName>(
    primitive: P,
    tracers: Tracer[],
    params: Params<P>,
  ): Tracer[];
  /** The trace type's name as JAX prints it in tracer reprs (`JVPTrace`). */
  abstract get name(): string;
}

export type TraceClass = new (main: MainTrace) => Trace;

export class MainTrace {
  constructor(
    readonly level: number,
    readonly traceType: TraceClass,
    readonly globalData: unknown,
  ) {}
  makeTrace(): Trace {
    return new this.traceType(this);
  }
}

/** A tracer of a non-eval trace: it knows its trace and its abstract value. */
export abstract class TraceTracer extends Tracer {
  constructor(readonly _trace: Trace) {
    super();
  }
  override toString(): string {
    return `Traced<${this.aval.toString()}>with<${this._trace.name}>`;
  }
  /** The concrete value behind this tracer, when it has one (e.g. a jvp primal); else undefined. */
  get concreteValue(): Tracer | undefined {
    return undefined;
  }
  /** The concrete array at the end of the concreteValue chain (JAX reads through jvp tracers). */
  private known(): Tracer | undefined {
    let cur: Tracer | undefined = this.concreteValue;
    while (cur instanceof TraceTracer) cur = cur.concreteValue;
    return cur;
  }
  // Under grad or jvp of concrete inputs the values are known, so JS control flow works, as in JAX.
  override item(): number | boolean {
    const k = this.known();
    if (k === undefined) throw this.concretizationError("item()");
    return k.item();
  }
  override dataSync(): ArrayLikeData {
    const k = this.known();
    if (k === undefined) throw this.concretizationError("dataSync()");
    return k.dataSync();
  }
  override tolist(): unknown {
    const k = this.known();
    if (k === undefined) throw this.concretizationError("tolist()");
    return k.tolist();
  }
  override async data(): Promise<ArrayLikeData> {
    const k = this.known();
    if (k === undefined) throw this.concretizationError("data()");
    return k.data();
  }
}

let evalTraceClass: TraceClass | undefined;
const traceStack: MainTrace[] = [];
let dynamicTrace: MainTrace | undefined;

/** Installs the base (eval) interpreter; done once by the eval module. */
export function setEvalTrace(cls: TraceClass): void {
  evalTraceClass = cls;
  traceStack.length = 0;
  traceStack.push(new MainTrace(0, cls, null));
  dynamicTrace = undefined;
}

/** Runs `fn` with a new main trace pushed on the stack. */
export function newMain<T>(traceType: TraceClass, globalData: unknown, fn: (main: MainTrace) => T): T {
  const main = new MainTrace(traceStack.length, traceType, globalData);
  traceStack.push(main);
  try {
    return fn(main);
  } finally {
    traceStack.pop();
  }
}

/** Runs `fn` with `main` as the dynamic trace (staging): every bind inside goes to it or above. */
export function newDynamic<T>(main: MainTrace, fn: () => T): T {
  const saved = dynamicTrace;
  dynamicTrace = main;
  try {
    return fn();
  } finally {
    dynamicTrace = saved;
  }
}

/** Whether any transformation is active (a trace above eval, or staging): eager code can then skip tracing. */
export function isTracing(): boolean {
  return traceStack.length > 1 || dynamicTrace !== undefined;
}

export function currentTraceLevel(): number {
  return traceStack.length - 1;
}

function findTopTrace(xs: readonly Tracer[]): Trace {
  let top = traceStack[0];
  for (const x of xs) {
    const t = x._trace;
    if (t && t.main.level > top.level) top = t.main;
  }
  if (dynamicTrace && dynamicTrace.level > top.level) top = dynamicTrace;
  return top.makeTrace();
}

export function fullRaise(trace: Trace, x: Tracer): Tracer {
  const t = x._trace;
  if (!t) return trace.pure(x);
  const level = trace.main.level;
  if (t.main === trace.main) return x;
  if (t.main.level < level) return trace.lift(x);
  if (t.main.level > level) {
    throw new Error(`Can't lift level ${t.main.level} to ${level}: a tracer escaped its transformation`);
  }
  throw new Error(`Different traces at the same level ${level}`);
}

/** Unwraps tracers of traces that add nothing (JAX's full_lower); concrete values stay as they are. */
export function fullLower(x: Tracer): Tracer {
  return x;
}

/** Applies a primitive: the innermost interpreter among the arguments decides what that means. */
export function bind<P extends PrimitiveName>(
  primitive: P,
  args: readonly Tracer[],
  params: Params<P>,
): Tracer[] {
  if (!evalTraceClass) throw new Error("jaxts: no eval interpreter installed (load @jaxts/ndarray)");
  const trace = findTopTrace(args);
  const tracers = args.map((a) => fullRaise(trace, a));
  return trace.processPrimitive(primitive, tracers, params).map(fullLower);
}

/** `bind` for primitives with one output. */
export function bind1<P extends PrimitiveName>(
  primitive: P,
  args: readonly Tracer[],
  params: Params<P>,
): Tracer {
  return bind(primitive, args, params)[0];
}

export type { ShapedArray };
