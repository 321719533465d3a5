import {
  type ArrayLike,
  bind,
  bind1,
  type ClosedJaxpr,
  ConcreteArray,
  type PyTreeDef,
  ShapedArray,
  stageFunction,
  type Tracer,
  tree,
  ValueError,
} from "@jaxts/core";
import { asarrayWeak, fromFlat } from "../array/create.js";
import { closureConvert, joinBranches } from "./scan-loop.js";

type Fn = (...args: never[]) => unknown;
const call = (f: Fn, args: readonly unknown[]): unknown => (f as (...a: unknown[]) => unknown)(...args);

const typeStr = (a: ShapedArray): string => `${a.dtype}[${a.shape.join(",")}]`;
const sameType = (a: ShapedArray, b: ShapedArray): boolean =>
  a.dtype === b.dtype && a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);

function arrayLeaves(x: unknown): [Tracer[], PyTreeDef] {
  const [leaves, def] = tree.flatten(x);
  return [leaves.map((l) => asarrayWeak(l as ArrayLike)), def];
}

const int32 = (v: number): Tracer => fromFlat([v], [], "int32");

interface Staged {
  jaxpr: ClosedJaxpr;
  consts: Tracer[];
  outTree: PyTreeDef;
}

/** `fn` applied to the leaves' types, staged with its captured constants as leading inputs. */
function stage(fn: (...leaves: Tracer[]) => unknown, leaves: readonly (Tracer | ShapedArray)[]): Staged {
  // JS numbers returned by the user's function become weak scalars, as Python scalars do in JAX.
  const wrapped = (...xs: Tracer[]): unknown => tree.map((l: ArrayLike) => asarrayWeak(l), fn(...xs));
  const s = stageFunction(wrapped as Fn, leaves);
  return { ...closureConvert(s.closed), outTree: s.outTree };
}

/** Binds `cond` over `branches`, whose outputs must agree (`names` words the errors as JAX does). */
function condCall(
  index: Tracer,
  branches: readonly Fn[],
  operands: readonly unknown[],
  names: (i: number) => string,
): unknown {
  const [ops, inTree] = arrayLeaves(operands);
  const staged = branches.map((b) => stage((...xs) => call(b, tree.unflatten<unknown[]>(inTree, xs)), ops));
  const first = staged[0];
  for (const [i, s] of staged.entries()) {
    if (i === 0) continue;
    if (!s.outTree.equals(first.outTree)) {
      throw new TypeError(
        `${names(i)} output must have same type structure, got ${first.outTree} and ${s.outTree}.`,
      );
    }
    const a = first.jaxpr.outAvals;
    const b = s.jaxpr.outAvals;
    if (a.some((x, k) => !sameType(x, b[k]))) {
      const diff = a.map((x, k) => `${typeStr(x)} and ${typeStr(b[k])}`).join(", ");
      throw new TypeError(`${names(i)} output must have identical types, got\n${diff}`);
    }
  }
  const joined = joinBranches(staged);
  const outs = bind("cond", [index, ...joined.consts, ...ops], { branches: joined.branches });
  return tree.unflatten(first.outTree, outs);
}

function scalarPredicate(x: ArrayLike, what: string): Tracer {
  const p = asarrayWeak(x);
  if (p.ndim !== 0)
    throw new TypeError(`${what} must be a scalar, got ${String(x)} of shape ${typeStr(p.aval)}.`);
  return p;
}

/**
 * `lax.cond(pred, trueFn, falseFn, ...operands)`: `trueFn(...operands)` when `pred` is true (or
 * nonzero), else `falseFn(...operands)`; both are staged, so both must return the same types.
 */
export function cond(pred: ArrayLike, trueFn: Fn, falseFn: Fn, ...operands: unknown[]): unknown {
  const p = scalarPredicate(pred, "Pred");
  let index: Tracer;
  if (p.dtype === "bool")
    index = bind1("convert_element_type", [p], { new_dtype: "int32", weak_type: false });
  else if (p.dtype.startsWith("complex")) {
    throw new TypeError(`Pred type must be either boolean or number, got ${p.dtype}.`);
  } else {
    const nonzero = bind1("ne", [p, fromFlat([0], [], p.dtype, { weakType: p.weakType })], {});
    index = bind1("convert_element_type", [nonzero], { new_dtype: "int32", weak_type: false });
  }
  return condCall(index, [falseFn, trueFn], operands, () => "true_fun and false_fun");
}

/** `lax.switch(index, branches, ...operands)`: `branches[index](...operands)`, the index clamped into range. */
export function switchCase(index: ArrayLike, branches: readonly Fn[], ...operands: unknown[]): unknown {
  // A JS integer is a Python int here (JS numbers are otherwise floats).
  const i =
    typeof index === "number" && Number.isInteger(index)
      ? int32(index)
      : scalarPredicate(index, "Branch index");
  if (!/^u?int/.test(i.dtype)) throw new TypeError(`Index type must be an integer, got ${String(index)}.`);
  if (branches.length === 0) throw new ValueError("Empty branch sequence");
  if (branches.length === 1) return call(branches[0], operands);
  const i32 =
    i.dtype === "int32" ? i : bind1("convert_element_type", [i], { new_dtype: "int32", weak_type: false });
  const clamped = bind1("clamp", [int32(0), i32, int32(branches.length - 1)], {});
  return condCall(clamped, branches, operands, (k) => `branch 0 and ${k}`);
}

function checkCarry(
  what: string,
  inTree: PyTreeDef,
  outTree: PyTreeDef,
  ins: ShapedArray[],
  outs: ShapedArray[],
): void {
  if (!inTree.equals(outTree)) {
    throw new TypeError(`${what} must have same type structure, got ${inTree} and ${outTree}.`);
  }
  const bad = ins.findIndex((a, k) => !sameType(a, outs[k]));
  if (bad >= 0) {
    throw new TypeError(
      `${what} must have equal types (e.g. shapes and dtypes of arrays), but they differ: the input ` +
        `carry component ${bad} is a ${typeStr(ins[bad])} but the corresponding component of the ` +
        `carry output is a ${typeStr(outs[bad])}.`,
    );
  }
}

/** Weakly typed carries whose output is strongly typed become strong, so that the types agree (as JAX retraces). */
function strengthen(init: Tracer[], outs: ShapedArray[]): Tracer[] | undefined {
  if (!init.some((x, k) => x.weakType && !outs[k].weakType && x.dtype === outs[k].dtype)) return undefined;
  return init.map((x, k) =>
    x.weakType && !outs[k].weakType
      ? bind1("convert_element_type", [x], { new_dtype: x.dtype, weak_type: false })
      : x,
  );
}

/** `lax.while_loop(condFun, bodyFun, initVal)`: applies `bodyFun` while `condFun` holds. */
export function whileLoop(condFun: Fn, bodyFun: Fn, initVal: unknown): unknown {
  let [init, inTree] = arrayLeaves(initVal);
  const asTree = (xs: Tracer[]): unknown => tree.unflatten(inTree, xs);
  let body = stage((...xs) => call(bodyFun, [asTree(xs)]), init);
  const strong = strengthen(init, body.jaxpr.outAvals);
  if (strong) {
    init = strong;
    body = stage((...xs) => call(bodyFun, [asTree(xs)]), init);
  }
  const c = stage((...xs) => call(condFun, [asTree(xs)]), init);
  const cOut = c.jaxpr.outAvals;
  if (cOut.length !== 1 || cOut[0].dtype !== "bool" || cOut[0].ndim !== 0) {
    throw new TypeError(
      `cond_fun must return a boolean scalar, but got output type(s) [${cOut.map(typeStr).join(", ")}].`,
    );
  }
  checkCarry(
    "body_fun output and input",
    inTree,
    body.outTree,
    init.map((x) => x.aval),
    body.jaxpr.outAvals,
  );
  const outs = bind("while", [...c.consts, ...body.consts, ...init], {
    cond_jaxpr: c.jaxpr,
    body_jaxpr: body.jaxpr,
    cond_nconsts: c.consts.length,
    body_nconsts: body.consts.length,
  });
  return asTree(outs);
}

export interface ScanOptions {
  length?: number | null;
  reverse?: boolean;
  unroll?: number | boolean;
}

type ScanRest = [
  length?: number | null | ScanOptions,
  reverse?: boolean | ScanOptions,
  unroll?: number | boolean | ScanOptions,
];

function scanOptions(rest: ScanRest): ScanOptions {
  const last = rest[rest.length - 1];
  const named = last !== null && typeof last === "object" ? (last as ScanOptions) : {};
  const [length, reverse, unroll] = rest;
  return {
    length: typeof length === "number" ? length : named.length,
    reverse: typeof reverse === "boolean" ? reverse : named.reverse,
    unroll: typeof unroll === "number" || typeof unroll === "boolean" ? unroll : named.unroll,
  };
}

/**
 * `lax.scan(f, init, xs, { length, reverse, unroll })`: runs `f(carry, x)` over the leading axis
 * of `xs` (pytrees), returning `[carry, ys]` with the `y`s stacked.
 */
export function scan(f: Fn, init: unknown, xs: unknown = null, ...rest: ScanRest): [unknown, unknown] {
  const o = scanOptions(rest);
  let [carry, carryTree] = arrayLeaves(init);
  const [xLeaves, xsTree] = arrayLeaves(xs);
  for (const x of xLeaves) {
    if (x.ndim === 0)
      throw new ValueError(`scan got value with no leading axis to scan over: ${typeStr(x.aval)}.`);
  }
  const lengths = [...new Set(xLeaves.map((x) => x.shape[0]))];
  if (lengths.length > 1) {
    throw new ValueError(
      `scan got values with different leading axis sizes: ${xLeaves.map((x) => x.shape[0]).join(", ")}.`,
    );
  }
  const length = o.length ?? lengths[0];
  if (length === undefined)
    throw new ValueError("scan got no values to scan over and `length` not provided.");
  if (lengths.length === 1 && lengths[0] !== length) {
    throw new ValueError(
      `scan got \`length\` argument of ${length} which disagrees with leading axis sizes [${lengths[0]}].`,
    );
  }
  const xAvals = xLeaves.map((x) => new ShapedArray(x.shape.slice(1), x.dtype, x.weakType));
  let carryOut: PyTreeDef | undefined;
  let ysTree: PyTreeDef | undefined;
  const body = (...leaves: Tracer[]): Tracer[] => {
    const nk = carryTree.numLeaves;
    const out = call(f, [
      tree.unflatten(carryTree, leaves.slice(0, nk)),
      tree.unflatten(xsTree, leaves.slice(nk)),
    ]);
    if (!Array.isArray(out) || out.length !== 2) {
      throw new TypeError("scan body output must be a pair, got a non-pair; return [carry, y].");
    }
    const [c, cDef] = arrayLeaves(out[0]);
    const [y, yDef] = arrayLeaves(out[1]);
    carryOut = cDef;
    ysTree = yDef;
    return [...c, ...y];
  };
  let staged = stage(body, [...carry, ...xAvals]);
  const nc = carry.length;
  const strong = strengthen(carry, staged.jaxpr.outAvals.slice(0, nc));
  if (strong) {
    carry = strong;
    staged = stage(body, [...carry, ...xAvals]);
  }
  checkCarry(
    "scan body function carry input and carry output",
    carryTree,
    carryOut as PyTreeDef,
    carry.map((x) => x.aval),
    staged.jaxpr.outAvals.slice(0, nc),
  );
  const unroll =
    o.unroll === true ? Math.max(length, 1) : o.unroll === false || o.unroll === undefined ? 1 : o.unroll;
  const outs = bind("scan", [...staged.consts, ...carry, ...xLeaves], {
    jaxpr: staged.jaxpr,
    length,
    reverse: o.reverse ?? false,
    num_consts: staged.consts.length,
    num_carry: nc,
    unroll,
  });
  return [tree.unflatten(carryTree, outs.slice(0, nc)), tree.unflatten(ysTree as PyTreeDef, outs.slice(nc))];
}

/** `lax.map(f, xs)`: `f` applied to each row of `xs` (a scan without carry). */
export function map(f: Fn, xs: unknown): unknown {
  return scan((_c: null, x: never) => [null, call(f, [x])], null, xs)[1];
}

/** A static loop bound: a JS number or a concrete integer array. */
function staticBound(x: ArrayLike): number | undefined {
  if (typeof x === "number") return x;
  if (x instanceof ConcreteArray && x.ndim === 0) return Number(x.item());
  return undefined;
}

/**
 * `lax.fori_loop(lower, upper, body, init)`: `body(i, carry)` for i in [lower, upper). Static bounds
 * become a scan (as in JAX), so the loop is reverse-differentiable; traced bounds a while loop.
 */
export function forILoop(lower: ArrayLike, upper: ArrayLike, body: Fn, init: unknown): unknown {
  const lo = staticBound(lower);
  const hi = staticBound(upper);
  const inc = (i: Tracer): Tracer => bind1("add", [i, int32(1)], {});
  if (lo !== undefined && hi !== undefined) {
    const step = ([i, x]: [Tracer, unknown]): [[Tracer, unknown], null] => [
      [inc(i), call(body, [i, x])],
      null,
    ];
    const [out] = scan(step as Fn, [int32(lo), init], null, { length: Math.max(0, hi - lo) });
    return (out as [Tracer, unknown])[1];
  }
  const toInt = (x: ArrayLike): Tracer => {
    const a = asarrayWeak(x, "int32");
    return a.dtype === "int32"
      ? a
      : bind1("convert_element_type", [a], { new_dtype: "int32", weak_type: false });
  };
  const out = whileLoop(
    (([i, u]: [Tracer, Tracer]) => bind1("lt", [i, u], {})) as Fn,
    (([i, u, x]: [Tracer, Tracer, unknown]) => [inc(i), u, call(body, [i, x])]) as Fn,
    [toInt(lower), toInt(upper), init],
  );
  return (out as [Tracer, Tracer, unknown])[2];
}
