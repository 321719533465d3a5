import {
  type Backend,
  broadcastView,
  type Expr,
  mapExprLeaves,
  permuteView,
  type ReduceOp,
  reshapeView,
  type View,
} from "@jaxts/backend";
import { type ConcreteArray, ShapedArray } from "@jaxts/core";
import { load } from "../expr.js";
import { runLoop } from "../launch.js";
import { materializeMatmul } from "./matmul.js";

/** A buffer read by a fused kernel, through a view over the kernel's iteration space. */
export interface Source {
  readonly array: ConcreteArray;
  readonly view: View;
}

/**
 * A value not computed yet: an expression over loads of `sources`, evaluated at each index of
 * `aval.shape`. With `reduce`, `expr` is reduced over `reduce.shape` (sources read the full
 * iteration space) and `epilogue` (over the accumulator and the epilogue sources, which read
 * `aval.shape` only) gives the value.
 */
export interface FusedValue {
  readonly aval: ShapedArray;
  readonly sources: readonly Source[];
  readonly expr: Expr;
  readonly reduce?: { readonly shape: readonly number[]; readonly op: ReduceOp; readonly epilogue: Expr };
  /** A matrix product not run yet: `expr` is its epilogue over `acc` and the sources (output-shaped). */
  readonly matmul?: PendingMatmul;
}

/** The matmul routine's operands, already laid out as [...batch, m, k] and [...batch, k, n]. */
export interface PendingMatmul {
  readonly lhs: ConcreteArray;
  readonly rhs: ConcreteArray;
  readonly batch: readonly number[];
  readonly m: number;
  readonly n: number;
  readonly k: number;
}

/** A value whose kernel later equations extend with an epilogue (a reduction or a matmul). */
export const isHead = (x: FusedValue): boolean => x.reduce !== undefined || x.matmul !== undefined;

export function fromArray(array: ConcreteArray): FusedValue {
  array.checkAlive();
  return { aval: array.aval, sources: [{ array, view: array.view }], expr: load(0, array.dtype) };
}

const viewKey = (v: View): string => JSON.stringify(v);

/** Rewrites input numbers of loads (and masks), keeping shared nodes shared. */
function renumber(e: Expr, map: readonly number[]): Expr {
  return mapExprLeaves(e, (leaf) =>
    leaf.op === "load" || leaf.op === "valid" ? { ...leaf, input: map[leaf.input] } : leaf,
  );
}

/** Appends `sources` to `into` (reusing equal ones), returning where each one went. */
function mergeSources(into: Source[], sources: readonly Source[]): number[] {
  return sources.map((s) => {
    const key = viewKey(s.view);
    const found = into.findIndex((t) => t.array === s.array && viewKey(t.view) === key);
    if (found >= 0) return found;
    into.push(s);
    return into.length - 1;
  });
}

/** Operands merged into one kernel: their expressions over shared sources. */
export interface Combined {
  readonly sources: Source[];
  readonly exprs: Expr[];
  /** The reduction an operand was, whose epilogue the equation extends. */
  readonly reduce?: { readonly main: Expr; readonly shape: readonly number[]; readonly op: ReduceOp };
  /** The matmul an operand was, whose epilogue the equation extends. */
  readonly matmul?: PendingMatmul;
}

/**
 * Combines operands of one elementwise equation: at most one may be a reduction (its value is then
 * its epilogue's, and the others are read at the reduction's output shape). Undefined when the
 * operands cannot share a kernel.
 */
export function combine(operands: readonly FusedValue[]): Combined | undefined {
  const reductions = operands.filter(isHead);
  if (reductions.length > 1) return undefined;
  const sources: Source[] = [];
  const exprs: Expr[] = new Array(operands.length);
  const red = reductions[0];
  let reduce: Combined["reduce"];
  if (red?.reduce) {
    const map = mergeSources(sources, red.sources);
    exprs[operands.indexOf(red)] = renumber(red.reduce.epilogue, map);
    reduce = { main: renumber(red.expr, map), shape: red.reduce.shape, op: red.reduce.op };
  } else if (red?.matmul) {
    exprs[operands.indexOf(red)] = renumber(red.expr, mergeSources(sources, red.sources));
  }
  operands.forEach((o, i) => {
    if (o !== red) exprs[i] = renumber(o.expr, mergeSources(sources, o.sources));
  });
  return { sources, exprs, reduce, matmul: red?.matmul };
}

/** `x` read through a view transformation applied to every source, or undefined if one fails. */
export function mapViews(
  x: FusedValue,
  aval: ShapedArray,
  f: (v: View) => View | undefined,
): FusedValue | undefined {
  if (isHead(x)) return undefined;
  const sources: Source[] = [];
  for (const s of x.sources) {
    const view = f(s.view);
    if (!view) return undefined;
    sources.push({ array: s.array, view });
  }
  return { aval, sources, expr: x.expr };
}

export const broadcastFused = (x: FusedValue, aval: ShapedArray, dims: readonly number[]) =>
  mapViews(x, aval, (v) => broadcastView(v, aval.shape, dims));
export const transposeFused = (x: FusedValue, aval: ShapedArray, perm: readonly number[]) =>
  mapViews(x, aval, (v) => permuteView(v, perm));
export const reshapeFused = (x: FusedValue, aval: ShapedArray) =>
  mapViews(x, aval, (v) => reshapeView(v, aval.shape));

/** Runs the kernel that computes `x` (a no-op for a value that is one array read as it is). */
export function materializeFused(x: FusedValue, backend: Backend): ConcreteArray {
  if (x.matmul) return materializeMatmul(x, x.matmul);
  const only = x.sources[0];
  if (!x.reduce && x.sources.length === 1 && x.expr.op === "load" && only.array.aval.equals(x.aval)) {
    if (viewKey(only.view) === viewKey(only.array.view)) return only.array;
  }
  const aval = new ShapedArray(x.aval.shape, x.aval.dtype, x.aval.weakType);
  return runLoop(
    "fused",
    backend,
    {
      shape: aval.shape,
      expr: x.expr,
      dtype: aval.dtype,
      ...(x.reduce
        ? {
            reduce: {
              shape: x.reduce.shape,
              op: x.reduce.op,
              ...(x.reduce.epilogue.op === "acc" ? {} : { epilogue: x.reduce.epilogue }),
            },
          }
        : {}),
    },
    x.sources,
    aval,
  );
}
