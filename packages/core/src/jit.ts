import type { ShapedArray } from "./aval.js";
import { config } from "./config.js";
import { ValueError } from "./errors.js";
import { evalJaxpr } from "./jaxpr/eval.js";
import type { ClosedJaxpr } from "./jaxpr/jaxpr.js";
import { heldArrays } from "./jaxpr/held-arrays.js";
import { simplifyJaxpr } from "./jaxpr/simplify.js";
import { avalOf, stageFunction } from "./make-jaxpr.js";
import { ConcreteArray } from "./memory/concrete-array.js";
import { defaultBackend } from "./memory/device.js";
import { keep } from "./memory/scope.js";
import { bind } from "./trace.js";
import { isTracer, type Tracer, withJitTracingContext } from "./tracer.js";
import { flatten, unflatten } from "./tree/flatten.js";
import type { PyTreeDef } from "./tree/treedef.js";

export interface JitOptions {
  /** Positions of arguments passed as they are (not traced); they key the cache by value. */
  staticArgnums?: number | readonly number[];
  /** Keys of the trailing options object passed as they are (not traced). */
  staticArgnames?: string | readonly string[];
  /** Accepted for compatibility: buffers are not reused in place here. */
  donateArgnums?: number | readonly number[];
}

/** Runs a (simplified) jaxpr on concrete arrays; @jaxts/ndarray registers a fusing executor. */
export type JaxprExecutor = (closed: ClosedJaxpr, args: ConcreteArray[]) => ConcreteArray[];

let executor: JaxprExecutor | undefined;

export function registerJaxprExecutor(fn: JaxprExecutor): void {
  executor = fn;
}

/** Evaluates a jitted call's jaxpr on concrete arguments: jit_call's implementation. */
export function executeJaxpr(closed: ClosedJaxpr, args: ConcreteArray[]): ConcreteArray[] {
  if (executor) return executor(closed, args);
  return evalJaxpr(closed.jaxpr, closed.consts, args) as ConcreteArray[];
}

const asList = (x: number | string | readonly (number | string)[] | undefined): (number | string)[] =>
  x === undefined ? [] : Array.isArray(x) ? [...x] : [x as number | string];

const functionIds = new WeakMap<object, number>();
let nextFunctionId = 0;

/** A static argument's cache key; JAX requires static arguments to be hashable. */
function staticKey(x: unknown): string {
  if (x === null) return "null";
  switch (typeof x) {
    case "undefined":
      return "undefined";
    case "number":
    case "boolean":
    case "bigint":
      return `${typeof x}:${String(x)}`;
    case "string":
      return `string:${JSON.stringify(x)}`;
    case "function": {
      let id = functionIds.get(x);
      if (id === undefined) {
        id = nextFunctionId++;
        functionIds.set(x, id);
      }
      return `function:${id}`;
    }
  }
  const kind = Array.isArray(x) ? "list" : isTracer(x) ? "Array" : "object";
  throw new ValueError(
    `Non-hashable static arguments are not supported. An error occurred while trying to hash an ` +
      `object of type ${kind}, ${String(x)}. The error was:\nTypeError: unhashable type: '${kind}'`,
  );
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && Object.getPrototypeOf(x) === Object.prototype && !isTracer(x);

interface CacheEntry {
  closed: ClosedJaxpr;
  outTree: PyTreeDef;
}

/** Converts a leaf argument to an array: JS numbers and booleans become (weak) scalars. */
function leafArray(x: unknown): Tracer {
  if (isTracer(x)) return x;
  if (typeof x === "number" || typeof x === "boolean") {
    const aval = avalOf(x);
    const bytes =
      aval.dtype === "bool"
        ? Uint8Array.of(x ? 1 : 0)
        : aval.dtype === "float64"
          ? Float64Array.of(Number(x))
          : Float32Array.of(Number(x));
    return ConcreteArray.fromBytes(defaultBackend(), aval, bytes);
  }
  throw new TypeError(`Argument '${String(x)}' of type ${typeof x} is not a valid JAX type`);
}

/**
 * `jit(f)` (`jax.jit`): `f` staged to a jaxpr once per input signature (pytree structure, shapes,
 * dtypes, weak types, static argument values), simplified, cached, and run as one `jit_call`.
 */
// As vmap's: unannotated arrow-function parameters are arrays; declared ones keep their types.
export function jit<F extends (...args: Tracer[]) => unknown>(fn: F, options?: JitOptions): F;
export function jit<F extends (...args: never[]) => unknown>(fn: F, options?: JitOptions): F;
export function jit<F extends (...args: never[]) => unknown>(fn: F, options: JitOptions = {}): F {
  const staticNums = asList(options.staticArgnums) as number[];
  const staticNames = asList(options.staticArgnames) as string[];
  const name = fn.name || "<lambda>";
  const call = fn as unknown as (...a: unknown[]) => unknown;
  const cache = new Map<string, CacheEntry>();

  const jitted = (...args: unknown[]): unknown => {
    if (config.read("jax_disable_jit")) return call(...args);
    const nums = staticNums.map((n) => {
      const i = n < 0 ? n + args.length : n;
      if (!Number.isInteger(n) || i < 0 || i >= args.length) {
        throw new ValueError(
          `jitted function has static_argnums=(${staticNums.join(", ")}${staticNums.length === 1 ? "," : ""}), ` +
            `but only accepts ${args.length} positional arguments.`,
        );
      }
      return i;
    });
    const staticSet = new Set(nums);
    // The trailing options object's static keys are taken out of the traced arguments.
    const last = args[args.length - 1];
    const optionsIndex =
      staticNames.length > 0 && isPlainObject(last) && !staticSet.has(args.length - 1) ? args.length - 1 : -1;
    const staticOpts: Record<string, unknown> = {};
    const dynamic: unknown[] = args.map((a, i) => {
      if (staticSet.has(i)) return null;
      if (i !== optionsIndex) return a;
      const rest: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(a as Record<string, unknown>)) {
        if (staticNames.includes(k)) staticOpts[k] = v;
        else rest[k] = v;
      }
      return rest;
    });
    const staticParts = [
      ...nums.map((i) => `#${i}=${staticKey(args[i])}`),
      ...Object.keys(staticOpts)
        .sort()
        .map((k) => `${k}=${staticKey(staticOpts[k])}`),
    ];
    const [leaves, inTree] = flatten(dynamic);
    const arrays = leaves.map(leafArray);
    const avals = arrays.map((a) => a.aval);
    // Constants made while tracing live on the device the trace ran on, so the devices key it too.
    const devicesKey = `${defaultBackend().name}:${arrays.map((a) => (a instanceof ConcreteArray ? a.backend.name : "")).join(",")}`;
    const key = `${traceContextKey()}|${devicesKey}|${inTree.toString()}|${avals.map(avalKey).join(";")}|${staticParts.join(";")}`;

    const rebuild = (dyn: unknown[]): unknown[] =>
      dyn.map((d, i) =>
        staticSet.has(i) ? args[i] : i === optionsIndex ? { ...(d as object), ...staticOpts } : d,
      );

    let entry = cache.get(key);
    if (entry?.closed.consts.some((c) => c.isDisposed)) entry = undefined;
    if (!entry) {
      const argPaths = new Map<Tracer, string>();
      const body = (...dyn: unknown[]): unknown => {
        const [inLeaves] = flatten(dyn);
        const paths = leafPaths(inTree);
        inLeaves.forEach((l, i) => {
          if (isTracer(l)) argPaths.set(l, paths[i] ?? `args[${i}]`);
        });
        return withJitTracingContext({ fnName: name, argPaths }, () => call(...rebuild(dyn)));
      };
      const staged = stageFunction(body, unflatten<unknown[]>(inTree, avals));
      const closed = simplifyJaxpr(staged.closed);
      // Constants made while tracing belong to the cached jaxpr, not to a scope the call is in.
      keep([...heldArrays(closed)]);
      entry = { closed, outTree: staged.outTree };
      // A jaxpr that captured a value of an outer transformation is valid for this call only.
      if (closed.consts.every((c) => c instanceof ConcreteArray)) cache.set(key, entry);
    }
    const outs = bind("jit_call", arrays, { jaxpr: entry.closed, name });
    return unflatten<unknown>(entry.outTree, outs);
  };
  Object.defineProperty(jitted, "name", { value: name });
  return jitted as unknown as F;
}

/** The config options that change what tracing produces, so a jaxpr is reused only under them (JAX's trace context). */
const TRACE_CONTEXT = [
  "jax_enable_x64",
  "jax_threefry_partitionable",
  "jax_numpy_rank_promotion",
  "jax_numpy_dtype_promotion",
  "jax_default_matmul_precision",
] as const;

const traceContextKey = (): string => TRACE_CONTEXT.map((o) => String(config.read(o))).join(",");

const avalKey = (a: ShapedArray): string => `${a.dtype}[${a.shape.join(",")}]${a.weakType ? "w" : ""}`;

/** Each leaf's path as a string, built by walking a tree of the same structure. */
function leafPaths(inTree: PyTreeDef): string[] {
  const n = inTree.numLeaves;
  const skeleton = unflatten<unknown[]>(
    inTree,
    Array.from({ length: n }, (_, i) => i),
  );
  const out: string[] = new Array(n);
  const walk = (x: unknown, path: string): void => {
    if (typeof x === "number") out[x] = path;
    else if (Array.isArray(x)) x.forEach((c, i) => walk(c, `${path}[${i}]`));
    else if (isPlainObject(x)) for (const [k, v] of Object.entries(x)) walk(v, `${path}['${k}']`);
  };
  (skeleton as unknown[]).forEach((a, i) => walk(a, `args[${i}]`));
  return out;
}
