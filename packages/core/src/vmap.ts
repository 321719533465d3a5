import { allocStorage } from "@jaxts/backend";
import { shapeStr } from "./aval.js";
import { ValueError } from "./errors.js";
import { canonicalizeAxis, matchAxis } from "./interpreters/batch-axes.js";
import { BatchTracer, withBatchTrace } from "./interpreters/batching.js";
import { ConcreteArray } from "./memory/concrete-array.js";
import { avalOf } from "./make-jaxpr.js";
import { defaultBackend } from "./memory/device.js";
import type { AxisName } from "./primitives.js";
import type { BatchDim } from "./rules.js";
import { fullRaise } from "./trace.js";
import { isTracer, type Tracer } from "./tracer.js";
import { flatten, unflatten } from "./tree/flatten.js";
import {
  type AxisSpec,
  argsTreeStr,
  broadcastPrefix,
  leafPaths,
  prefixError,
  pyRepr,
  validLeaves,
} from "./vmap-axes.js";

export type { AxisSpec } from "./vmap-axes.js";

export interface VmapOptions {
  /** Which axis of each argument to map over: an axis, null, or a pytree prefix of the arguments. Default 0. */
  inAxes?: AxisSpec;
  /** Where the mapped axis goes in each output, likewise. Default 0. */
  outAxes?: AxisSpec;
  /** A name for the mapped axis, for the collectives (`lax.psum(x, name)`, ...). */
  axisName?: AxisName | null;
  /** The size of the mapped axis; required when no argument is mapped. */
  axisSize?: number | null;
}

const OPTION_KEYS: readonly string[] = ["inAxes", "outAxes", "axisName", "axisSize"];
const POSITIONAL: readonly (keyof VmapOptions)[] = ["inAxes", "outAxes", "axisName", "axisSize"];

const IN_AXES_TUPLE =
  "vmap in_axes must be an int, None, or a tuple of entries corresponding to the positional arguments passed to the function";

function isOptions(x: unknown): x is Record<string, unknown> {
  if (typeof x !== "object" || x === null || Array.isArray(x) || isTracer(x)) return false;
  const proto = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) return false;
  // An object naming none of the options is an axis spec (a dict of out_axes, or a bad in_axes).
  const keys = Object.keys(x);
  return keys.length === 0 || keys.some((k) => OPTION_KEYS.includes(k));
}

/** JAX's `vmap(fun, in_axes, out_axes, axis_name, axis_size)`, positionally or by name. */
function parseVmapArgs(rest: readonly unknown[]): VmapOptions {
  let end = rest.length;
  while (end > 0 && rest[end - 1] === undefined) end--;
  const hasOptions = end > 0 && isOptions(rest[end - 1]);
  const positional = rest.slice(0, hasOptions ? end - 1 : end);
  if (positional.length > POSITIONAL.length) {
    throw new TypeError(
      `vmap() takes at most ${POSITIONAL.length + 1} positional arguments but ${positional.length + 1} were given`,
    );
  }
  const out: Record<string, unknown> = {};
  positional.forEach((v, i) => {
    if (v !== undefined) out[POSITIONAL[i]] = v;
  });
  if (hasOptions) {
    for (const [k, v] of Object.entries(rest[end - 1] as Record<string, unknown>)) {
      if (!OPTION_KEYS.includes(k)) throw new TypeError(`vmap() got an unexpected keyword argument '${k}'`);
      if (k in out) throw new TypeError(`vmap() got multiple values for argument '${k}'`);
      if (v !== undefined) out[k] = v;
    }
  }
  return out as VmapOptions;
}

/** A leaf's type as JAX's vmap messages write it: `float32[2,3]`. */
function typeStr(x: unknown): string {
  if (!isTracer(x) && typeof x !== "number" && typeof x !== "boolean") return "unknown";
  const a = avalOf(x);
  return `${a.dtype}[${a.shape.join(",")}]`;
}

function shapeOf(x: unknown): readonly number[] {
  return isTracer(x) ? x.shape : [];
}

/** The mapped axes made non-negative, with JAX's message for one beyond an argument's rank. */
function canonicalInDims(leaves: readonly unknown[], dims: readonly BatchDim[]): BatchDim[] {
  return dims.map((d, i) => {
    if (d === null) return null;
    const shape = shapeOf(leaves[i]);
    if (d >= shape.length || d < -shape.length) {
      throw new ValueError(
        `vmap was requested to map its argument along axis ${d}, which implies that its rank should be at least ${d >= 0 ? d + 1 : -d}, but is only ${shape.length} (its shape is ${shapeStr(shape)})`,
      );
    }
    if (!isTracer(leaves[i])) {
      throw new TypeError(`vmap: a mapped argument must be an array, got ${String(leaves[i])}`);
    }
    return d < 0 ? d + shape.length : d;
  });
}

/** The mapped axis size (JAX's _mapped_axis_size), or its error naming the disagreeing arguments. */
function mappedAxisSize(
  leaves: readonly unknown[],
  dims: readonly BatchDim[],
  inDims: readonly BatchDim[],
  paths: readonly string[],
): number {
  const sizes = inDims.map((d, i) => (d === null ? null : shapeOf(leaves[i])[d]));
  const counts = new Map<number, number>();
  for (const s of sizes) if (s !== null) counts.set(s, (counts.get(s) ?? 0) + 1);
  if (counts.size === 0) throw new ValueError("vmap must have at least one non-None value in in_axes");
  if (counts.size === 1) return [...counts.keys()][0];
  // Most common size first; ties keep the order of first appearance, as Python's Counter does.
  const order = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const lines = order.map(([size, count], k) => {
    const i = sizes.indexOf(size);
    const where = `axis ${dims[i]} of args${paths[i]} of type ${typeStr(leaves[i])}`;
    if (count === 1) return `  * one axis had size ${size}: ${where}`;
    return `  * ${k === 0 ? "most" : "some"} axes (${count} of them) had size ${size}, e.g. ${where}`;
  });
  throw new ValueError(`vmap got inconsistent sizes for array axes to be mapped:\n${lines.join(";\n")}`);
}

/** A JS number (a weak scalar) or boolean output, as an array to broadcast along the mapped axis. */
function scalarArray(x: number | boolean): Tracer {
  const aval = avalOf(x);
  const storage = allocStorage(aval.dtype, 1);
  storage[0] = Number(x);
  return ConcreteArray.fromBytes(defaultBackend(), aval, storage);
}

function checkSpecs(o: VmapOptions): void {
  const inAxes = o.inAxes;
  if (!(inAxes === null || inAxes === undefined || Array.isArray(inAxes) || Number.isInteger(inAxes))) {
    throw new TypeError(`${IN_AXES_TUPLE}, but got ${pyRepr(inAxes)}.`);
  }
  if (!validLeaves(inAxes)) {
    throw new TypeError(
      `vmap in_axes must be an int, None, or (nested) container with those types as leaves, but got ${pyRepr(inAxes)}.`,
    );
  }
  if (!validLeaves(o.outAxes)) {
    throw new TypeError(
      `vmap out_axes must be an int, None, or (nested) container with those types as leaves, but got ${pyRepr(o.outAxes)}.`,
    );
  }
  const n = o.axisSize;
  if (n !== undefined && n !== null && !(Number.isInteger(n) && n >= 0)) {
    throw new TypeError(`vmap axis_size must be a non-negative integer, got ${String(n)}`);
  }
  if (o.axisName !== undefined && o.axisName !== null && typeof o.axisName !== "string") {
    throw new TypeError(`vmap axis_name must be a string, got ${String(o.axisName)}`);
  }
}

type VmapRest =
  | [options?: VmapOptions]
  | [inAxes: AxisSpec, options?: VmapOptions]
  | [inAxes: AxisSpec, outAxes: AxisSpec, options?: VmapOptions]
  | [inAxes: AxisSpec, outAxes: AxisSpec, axisName: AxisName | null, options?: VmapOptions]
  | [inAxes: AxisSpec, outAxes: AxisSpec, axisName: AxisName | null, axisSize: number | null];

/**
 * `vmap(f)` (`jax.vmap`): f mapped over an axis of its arguments, run as one vectorised program.
 * `vmap(f, { inAxes, outAxes, axisName, axisSize })`, or positionally in JAX's order
 * (`vmap(f, [0, null], 1)`). The result has f's signature: a batch member is typed as the batch.
 */
// The first overload types the parameters of an unannotated arrow function as arrays
// (`vmap((x) => x.sum())`); functions with declared parameters (pytrees) take the second.
export function vmap<F extends (...args: Tracer[]) => unknown>(fn: F, ...rest: VmapRest): F;
export function vmap<F extends (...args: never[]) => unknown>(fn: F, ...rest: VmapRest): F;
export function vmap<F extends (...args: never[]) => unknown>(fn: F, ...rest: VmapRest): F {
  if (typeof fn !== "function") throw new TypeError(`Expected a callable value, got ${String(fn)}`);
  const o = parseVmapArgs(rest);
  checkSpecs(o);
  const inAxes: AxisSpec = o.inAxes === undefined ? 0 : o.inAxes;
  const outAxes: AxisSpec = o.outAxes === undefined ? 0 : o.outAxes;
  const call = fn as unknown as (...args: unknown[]) => unknown;
  const vmapped = (...args: unknown[]): unknown => {
    if (Array.isArray(inAxes) && inAxes.length !== args.length) {
      throw new ValueError(
        `${IN_AXES_TUPLE}, but got len(in_axes)=${inAxes.length}, len(args)=${args.length}`,
      );
    }
    const [leaves, inTree] = flatten(args);
    const dims = broadcastPrefix(inAxes, inTree);
    if (!dims) throw prefixError("in_axes", inAxes, argsTreeStr(inTree));
    const paths = leafPaths(inTree.node);
    const given = o.axisSize ?? null;
    if (given === null && leaves.length === 0) {
      throw new ValueError(
        `vmap wrapped function must be passed at least one argument containing an array, got empty *args=${pyRepr(args)} and **kwargs={}`,
      );
    }
    const inDims = canonicalInDims(leaves, dims);
    const size = given ?? mappedAxisSize(leaves, dims, inDims, paths);
    inDims.forEach((d, i) => {
      const n = d === null ? size : shapeOf(leaves[i])[d];
      if (n !== size) {
        throw new ValueError(
          `vmap got axis_size=${size} but axis ${d} of args${paths[i]} of type ${typeStr(leaves[i])} has size ${n}`,
        );
      }
    });
    return withBatchTrace({ size, name: o.axisName ?? null }, (trace) => {
      const callLeaves = leaves.map((x, i) => {
        const d = inDims[i];
        return d === null ? x : new BatchTracer(trace, x as Tracer, d);
      });
      const out = call(...unflatten<unknown[]>(inTree, callLeaves));
      const [outLeaves, outTree] = flatten(out);
      const outDims = broadcastPrefix(outAxes, outTree);
      if (!outDims) throw prefixError("out_axes", outAxes, outTree.toString());
      const outPaths = leafPaths(outTree.node);
      const results = outLeaves.map((leaf, i) => {
        const dst = outDims[i];
        let val: Tracer;
        let src: BatchDim = null;
        if (isTracer(leaf)) {
          const t = fullRaise(trace, leaf) as BatchTracer;
          val = t.val;
          src = t.batchDim;
        } else if (typeof leaf === "number" || typeof leaf === "boolean") {
          if (dst === null) return leaf;
          val = scalarArray(leaf);
        } else {
          throw new TypeError(
            `vmap: output${outPaths[i]} ${String(leaf)} of type ${typeof leaf} is not a valid JAX type`,
          );
        }
        if (dst === null) {
          if (src === null) return val;
          throw new ValueError(
            `at vmap out_axes${outPaths[i]}, got axis spec None but output was batched on axis ${src}`,
          );
        }
        return matchAxis(val, src, canonicalizeAxis(dst, val.ndim + (src === null ? 1 : 0)), size);
      });
      return unflatten(outTree, results);
    });
  };
  return vmapped as unknown as F;
}
