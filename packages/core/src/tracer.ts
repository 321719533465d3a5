import type { DType } from "@jaxts/backend";
import type { ShapedArray } from "./aval.js";
import { ConcretizationTypeError } from "./errors.js";
import type { Device } from "./memory/device.js";
import type { Trace } from "./trace.js";

export type Scalar = number | boolean;
/** Nested JS arrays of numbers or booleans, as `np.array` takes them. */
export type NestedArray = Scalar | readonly NestedArray[];
/** Anything that converts to an array: a jaxts Array, a number, a boolean, nested JS arrays. */
export type ArrayLike = Tracer | NestedArray;

/** A slice `start:stop:step`, as `np.s(start, stop, step)` makes it. */
export interface Slice {
  readonly kind: "slice";
  readonly start: number | null;
  readonly stop: number | null;
  readonly step: number | null;
}

/**
 * One element of an index: an integer, `null` (newaxis), `"..."`, a slice, an integer or boolean
 * array, or (as the whole index) a string such as `"1:3, ::2"`.
 */
export type IndexElement = number | null | "..." | Slice | Tracer | boolean | readonly NestedArray[] | string;

/** JAX's out-of-bounds modes for indexed reads and writes ("drop" and "fill" are synonyms). */
export type IndexMode = "clip" | "drop" | "fill" | "promise_in_bounds";

/** What `x.at(idx)` returns: JAX's out-of-place indexed updates. */
export interface IndexUpdateRef {
  get(options?: { mode?: IndexMode; fillValue?: number }): Tracer;
  set(values: ArrayLike, options?: { mode?: IndexMode }): Tracer;
  add(values: ArrayLike, options?: { mode?: IndexMode }): Tracer;
  mul(values: ArrayLike, options?: { mode?: IndexMode }): Tracer;
  min(values: ArrayLike, options?: { mode?: IndexMode }): Tracer;
  max(values: ArrayLike, options?: { mode?: IndexMode }): Tracer;
}

export type Axis = number | readonly number[] | null;
export interface ReduceOptions {
  axis?: Axis;
  keepdims?: boolean;
}

/**
 * The base class of every jaxts array: concrete arrays and the tracers that transformations pass
 * through user functions. `@jaxts/ndarray` exports it as `Array`, so a function typed
 * `(x: Array) => Array` is honestly typed under `grad` and `vmap` too. The methods forward to the
 * numpy functions, which `@jaxts/ndarray` installs (core sits below ndarray).
 */
export abstract class Tracer {
  /** The trace this value belongs to; undefined for concrete arrays. */
  abstract readonly _trace: Trace | undefined;
  abstract readonly aval: ShapedArray;

  get shape(): readonly number[] {
    return this.aval.shape;
  }
  get dtype(): DType {
    return this.aval.dtype;
  }
  get weakType(): boolean {
    return this.aval.weakType;
  }
  get ndim(): number {
    return this.aval.shape.length;
  }
  get size(): number {
    return this.aval.size;
  }

  // --- data access: only concrete arrays have data -------------------------------------------
  protected concretizationError(what: string): ConcretizationTypeError {
    return new ConcretizationTypeError(
      `Abstract tracer value encountered where concrete value is expected: ${what} on ${this.toString()}.\n` +
        jitTracingNote(this) +
        "The function is being traced (by jit, grad, vmap or makeJaxpr), so its value is not known here. " +
        "Use lax control flow instead of JS control flow on traced values, or mark the argument static " +
        "(staticArgnums).",
    );
  }
  /** The device holding the array's data (concrete arrays only). */
  get device(): Device {
    throw this.concretizationError("device");
  }
  async data(): Promise<ArrayLikeData> {
    throw this.concretizationError("data()");
  }
  dataSync(): ArrayLikeData {
    throw this.concretizationError("dataSync()");
  }
  item(): number | boolean {
    throw this.concretizationError("item()");
  }
  tolist(): unknown {
    throw this.concretizationError("tolist()");
  }
  /** Frees the array's memory now (a no-op for tracers). */
  dispose(): void {}
  [Symbol.dispose](): void {
    this.dispose();
  }
  get isDisposed(): boolean {
    return false;
  }

  // --- the numpy method surface (installed by @jaxts/ndarray) ----------------------------------
  add(y: ArrayLike): Tracer {
    return ops().add(this, y);
  }
  sub(y: ArrayLike): Tracer {
    return ops().sub(this, y);
  }
  mul(y: ArrayLike): Tracer {
    return ops().mul(this, y);
  }
  div(y: ArrayLike): Tracer {
    return ops().div(this, y);
  }
  pow(y: ArrayLike): Tracer {
    return ops().pow(this, y);
  }
  mod(y: ArrayLike): Tracer {
    return ops().mod(this, y);
  }
  floorDivide(y: ArrayLike): Tracer {
    return ops().floorDivide(this, y);
  }
  eq(y: ArrayLike): Tracer {
    return ops().eq(this, y);
  }
  ne(y: ArrayLike): Tracer {
    return ops().ne(this, y);
  }
  lt(y: ArrayLike): Tracer {
    return ops().lt(this, y);
  }
  le(y: ArrayLike): Tracer {
    return ops().le(this, y);
  }
  gt(y: ArrayLike): Tracer {
    return ops().gt(this, y);
  }
  ge(y: ArrayLike): Tracer {
    return ops().ge(this, y);
  }
  neg(): Tracer {
    return ops().neg(this);
  }
  abs(): Tracer {
    return ops().abs(this);
  }
  exp(): Tracer {
    return ops().exp(this);
  }
  log(): Tracer {
    return ops().log(this);
  }
  sqrt(): Tracer {
    return ops().sqrt(this);
  }
  square(): Tracer {
    return ops().square(this);
  }
  tanh(): Tracer {
    return ops().tanh(this);
  }
  sin(): Tracer {
    return ops().sin(this);
  }
  cos(): Tracer {
    return ops().cos(this);
  }
  real(): Tracer {
    return ops().real(this);
  }
  imag(): Tracer {
    return ops().imag(this);
  }
  conj(): Tracer {
    return ops().conj(this);
  }
  round(decimals?: number): Tracer {
    return ops().round(this, decimals);
  }
  clip(min?: ArrayLike | null, max?: ArrayLike | null): Tracer {
    return ops().clip(this, min, max);
  }
  matmul(y: ArrayLike): Tracer {
    return ops().matmul(this, y);
  }
  dot(y: ArrayLike): Tracer {
    return ops().dot(this, y);
  }
  sum(axis?: Axis | ReduceOptions, options?: ReduceOptions): Tracer {
    return ops().sum(this, axis, options);
  }
  prod(axis?: Axis | ReduceOptions, options?: ReduceOptions): Tracer {
    return ops().prod(this, axis, options);
  }
  mean(axis?: Axis | ReduceOptions, options?: ReduceOptions): Tracer {
    return ops().mean(this, axis, options);
  }
  max(axis?: Axis | ReduceOptions, options?: ReduceOptions): Tracer {
    return ops().max(this, axis, options);
  }
  min(axis?: Axis | ReduceOptions, options?: ReduceOptions): Tracer {
    return ops().min(this, axis, options);
  }
  all(axis?: Axis | ReduceOptions, options?: ReduceOptions): Tracer {
    return ops().all(this, axis, options);
  }
  any(axis?: Axis | ReduceOptions, options?: ReduceOptions): Tracer {
    return ops().any(this, axis, options);
  }
  argmax(axis?: number | null | { axis?: number | null; keepdims?: boolean }): Tracer {
    return ops().argmax(this, axis);
  }
  argmin(axis?: number | null | { axis?: number | null; keepdims?: boolean }): Tracer {
    return ops().argmin(this, axis);
  }
  cumsum(axis?: number | null): Tracer {
    return ops().cumsum(this, axis);
  }
  reshape(...shape: (number | readonly number[])[]): Tracer {
    return ops().reshape(
      this,
      shape.length === 1 && typeof shape[0] !== "number" ? shape[0] : (shape as number[]),
    );
  }
  transpose(...axes: (number | readonly number[])[]): Tracer {
    const perm =
      axes.length === 0
        ? null
        : axes.length === 1 && typeof axes[0] !== "number"
          ? axes[0]
          : (axes as number[]);
    return ops().transpose(this, perm);
  }
  get T(): Tracer {
    return ops().transpose(this, null);
  }
  flatten(): Tracer {
    return ops().ravel(this);
  }
  ravel(): Tracer {
    return ops().ravel(this);
  }
  squeeze(axis?: Axis): Tracer {
    return ops().squeeze(this, axis);
  }
  expandDims(axis: number | readonly number[]): Tracer {
    return ops().expandDims(this, axis);
  }
  astype(dtype: DType): Tracer {
    return ops().astype(this, dtype);
  }
  /** NumPy indexing: `x.get(0)`, `x.get(np.s(1, 3), null)`, `x.get("1:3, ::2")`. */
  get(...index: IndexElement[]): Tracer {
    return ops().get(this, index);
  }
  /** JAX's `x.at[idx]`: `x.at(0).set(5)`. */
  at(...index: IndexElement[]): IndexUpdateRef {
    return ops().at(this, index);
  }

  /** Iterates over the first axis, so `const [a, b] = x` works as in JAX. */
  *[Symbol.iterator](): Iterator<Tracer> {
    if (this.ndim === 0) throw new TypeError("iteration over a 0-d array");
    for (let i = 0; i < this.shape[0]; i++) yield this.get(i);
  }

  toString(): string {
    return ops().repr(this);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
  /**
   * JS conversions: `String(x)` and templates give the repr; `Number(x)`, `+x` and arithmetic with
   * JS operators give the value of a one-element array, as Python's `float(x)`, and fail for larger
   * arrays or traced values (which have no value here) instead of yielding NaN or "[object Object]".
   */
  [Symbol.toPrimitive](hint: string): string | number | boolean {
    if (hint === "string") return this.toString();
    if (this.size !== 1) {
      throw new TypeError(
        `only length-1 arrays can be converted to JS numbers; got an array of shape (${this.shape.join(", ")}${this.ndim === 1 ? "," : ""})`,
      );
    }
    return this.item();
  }
}

/** What `dataSync()` returns: a typed array of the dtype's values (bool as 0/1 bytes, complex as re/im pairs). */
export type ArrayLikeData =
  | Float32Array
  | Float64Array
  | Int32Array
  | Uint32Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array;

type MethodName =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "pow"
  | "mod"
  | "floorDivide"
  | "eq"
  | "ne"
  | "lt"
  | "le"
  | "gt"
  | "ge"
  | "neg"
  | "abs"
  | "exp"
  | "log"
  | "sqrt"
  | "square"
  | "tanh"
  | "sin"
  | "cos"
  | "real"
  | "imag"
  | "conj"
  | "round"
  | "clip"
  | "matmul"
  | "dot"
  | "sum"
  | "prod"
  | "mean"
  | "max"
  | "min"
  | "all"
  | "any"
  | "argmax"
  | "argmin"
  | "cumsum"
  | "ravel"
  | "squeeze"
  | "expandDims"
  | "astype";

/** The implementations behind Tracer's methods; @jaxts/ndarray provides them. */
export type TracerOps = {
  [K in MethodName]: (x: Tracer, ...args: Parameters<Tracer[K]>) => ReturnType<Tracer[K]>;
} & {
  reshape(x: Tracer, shape: readonly number[]): Tracer;
  transpose(x: Tracer, axes: readonly number[] | null): Tracer;
  get(x: Tracer, index: readonly IndexElement[]): Tracer;
  at(x: Tracer, index: readonly IndexElement[]): IndexUpdateRef;
  repr(x: Tracer): string;
};

let installed: TracerOps | undefined;

export function installTracerOps(impl: TracerOps): void {
  installed = impl;
}

function ops(): TracerOps {
  if (!installed) throw new Error("jaxts: array methods need @jaxts/ndarray to be loaded");
  return installed;
}

export function isTracer(x: unknown): x is Tracer {
  return x instanceof Tracer;
}

/** The function jit is staging and the paths of its traced arguments, for concretization errors. */
export interface JitTracingContext {
  readonly fnName: string;
  readonly argPaths: ReadonlyMap<Tracer, string>;
}

const jitContexts: JitTracingContext[] = [];

/** Runs `fn` while jit stages `ctx.fnName`, so that errors can name the argument a value came from. */
export function withJitTracingContext<T>(ctx: JitTracingContext, fn: () => T): T {
  jitContexts.push(ctx);
  try {
    return fn();
  } finally {
    jitContexts.pop();
  }
}

// JAX names the argument a traced value depends on; a derived value names all the traced arguments.
function jitTracingNote(t: Tracer): string {
  const ctx = jitContexts[jitContexts.length - 1];
  if (!ctx) return "";
  const direct = ctx.argPaths.get(t);
  const paths = direct !== undefined ? [direct] : [...ctx.argPaths.values()];
  const which =
    paths.length === 0
      ? ""
      : paths.length === 1
        ? ` This concrete value was not available because it depends on the value of the argument ${paths[0]}.`
        : ` This concrete value was not available because it may depend on the values of the arguments ${paths.join(", ")}.`;
  return `The error occurred while tracing the function ${ctx.fnName} for jit.${which}\n`;
}
