import {
  type BinaryOp,
  broadcastView,
  type DType,
  type Expr,
  isComplex,
  type UnaryOp,
  type View,
} from "@jaxts/backend";
import type { ConcreteArray, ImplRule, Params, PrimitiveName, ShapedArray } from "@jaxts/core";
import { binary, bitcast, cast, constant, load, unary, where } from "./expr.js";
import { commonBackend, runLoop } from "./launch.js";

/** A view of `x` covering `shape`: scalars and size-1 axes broadcast (lax's implicit broadcasting). */
function viewAt(x: ConcreteArray, shape: readonly number[]): View {
  if (x.ndim === 0) return shape.length > 0 ? broadcastView(x.view, shape, []) : x.view;
  return x.shape.every((d, i) => d === shape[i])
    ? x.view
    : broadcastView(
        x.view,
        shape,
        shape.map((_, i) => i),
      );
}

/** An elementwise primitive lowered to one loop kernel whose expression `build` makes from the input loads. */
function elementwise<P extends PrimitiveName>(
  name: P,
  build: (xs: Expr[], out: ShapedArray, params: Params<P>) => Expr,
): ImplRule<P> {
  // Eager ops rebuild the same expression over and over; one object per dtype signature (when the
  // primitive has no parameters) also lets the backends reuse its key (kernelKey memoises it).
  const memo = new Map<string, Expr>();
  return (args, params, [out]) => {
    const backend = commonBackend(name, args);
    const plain = Object.keys(params ?? {}).length === 0;
    const key = plain ? `${args.map((a) => a.dtype).join(",")}>${out.dtype}` : "";
    let expr = plain ? memo.get(key) : undefined;
    if (!expr) {
      expr = build(
        args.map((a, i) => load(i, a.dtype)),
        out,
        params,
      );
      if (plain) memo.set(key, expr);
    }
    return [
      runLoop(
        name,
        backend,
        { shape: out.shape, expr, dtype: out.dtype },
        args.map((a) => ({ array: a, view: viewAt(a, out.shape) })),
        out,
      ),
    ];
  };
}

/** Builds a primitive's output expression from its inputs' expressions. */
export type ExprBuilder<P extends PrimitiveName> = (xs: Expr[], out: ShapedArray, params: Params<P>) => Expr;

const un =
  <P extends PrimitiveName>(_name: P, alu: UnaryOp): ExprBuilder<P> =>
  ([x], out) =>
    unary(alu, x, out.dtype);
const bin =
  <P extends PrimitiveName>(_name: P, alu: BinaryOp): ExprBuilder<P> =>
  ([x, y], out) =>
    binary(alu, x, y, out.dtype);
// The name only fixes P, so that each builder sees its own primitive's typed params.
const ew = <P extends PrimitiveName>(_name: P, build: ExprBuilder<P>): ExprBuilder<P> => build;

/** x**n by repeated squaring, sharing the squares. */
function integerPow(x: Expr, n: number, dtype: DType): Expr {
  if (n === 0) return constant(1, dtype);
  let result: Expr | undefined;
  let base = x;
  let k = Math.abs(n);
  while (k > 0) {
    if (k & 1) result = result ? binary("mul", result, base) : base;
    k >>= 1;
    if (k > 0) base = binary("mul", base, base);
  }
  return n < 0 ? binary("div", constant(1, dtype), result!) : result!;
}

/** How each elementwise primitive maps its input expressions to its output expression (eager and fused). */
export const elementwiseExprs = {
  neg: un("neg", "neg"),
  sign: un("sign", "sign"),
  floor: un("floor", "floor"),
  ceil: un("ceil", "ceil"),
  round: ew("round", ([x], _out, p) => unary(p.rounding_method === 0 ? "round_away" : "round_even", x)),
  is_finite: un("is_finite", "is_finite"),
  exp: un("exp", "exp"),
  exp2: un("exp2", "exp2"),
  log: un("log", "log"),
  log1p: un("log1p", "log1p"),
  expm1: un("expm1", "expm1"),
  tanh: un("tanh", "tanh"),
  logistic: un("logistic", "logistic"),
  sin: un("sin", "sin"),
  cos: un("cos", "cos"),
  tan: un("tan", "tan"),
  asin: un("asin", "asin"),
  acos: un("acos", "acos"),
  atan: un("atan", "atan"),
  sinh: un("sinh", "sinh"),
  cosh: un("cosh", "cosh"),
  asinh: un("asinh", "asinh"),
  acosh: un("acosh", "acosh"),
  atanh: un("atanh", "atanh"),
  sqrt: un("sqrt", "sqrt"),
  rsqrt: un("rsqrt", "rsqrt"),
  cbrt: un("cbrt", "cbrt"),
  abs: un("abs", "abs"),
  not: un("not", "not"),
  erf: un("erf", "erf"),
  erfc: un("erfc", "erfc"),
  erf_inv: un("erf_inv", "erf_inv"),
  lgamma: un("lgamma", "lgamma"),
  digamma: un("digamma", "digamma"),
  real: un("real", "real"),
  imag: un("imag", "imag"),
  conj: ew("conj", ([x], out) => unary("conj", cast(x, out.dtype))),
  population_count: un("population_count", "population_count"),
  clz: un("clz", "clz"),
  square: ew("square", ([x]) => binary("mul", x, x)),
  integer_pow: ew("integer_pow", ([x], out, p) => integerPow(x, p.y, out.dtype)),
  add: bin("add", "add"),
  sub: bin("sub", "sub"),
  mul: bin("mul", "mul"),
  div: bin("div", "div"),
  rem: bin("rem", "rem"),
  pow: ew("pow", ([x, y], out) => binary("pow", x, isComplex(out.dtype) ? cast(y, out.dtype) : y, out.dtype)),
  max: bin("max", "max"),
  min: bin("min", "min"),
  atan2: bin("atan2", "atan2"),
  nextafter: bin("nextafter", "nextafter"),
  and: bin("and", "and"),
  or: bin("or", "or"),
  xor: bin("xor", "xor"),
  shift_left: bin("shift_left", "shift_left"),
  shift_right_arithmetic: bin("shift_right_arithmetic", "shift_right_arithmetic"),
  shift_right_logical: bin("shift_right_logical", "shift_right_logical"),
  eq: bin("eq", "eq"),
  ne: bin("ne", "ne"),
  lt: bin("lt", "lt"),
  le: bin("le", "le"),
  gt: bin("gt", "gt"),
  ge: bin("ge", "ge"),
  complex: bin("complex", "complex"),
  select_n: ew("select_n", ([which, ...cases]) => {
    if (which.dtype === "bool") return cases.length === 1 ? cases[0] : where(which, cases[1], cases[0]);
    let e = cases[cases.length - 1];
    for (let i = cases.length - 2; i >= 0; i--)
      e = where(binary("eq", which, constant(i, which.dtype), "bool"), cases[i], e);
    return e;
  }),
  clamp: ew("clamp", ([lo, x, hi]) => binary("min", binary("max", x, lo), hi)),
  convert_element_type: ew("convert_element_type", ([x], out) => cast(x, out.dtype)),
  bitcast_convert_type: ew("bitcast_convert_type", ([x], out) => bitcast(x, out.dtype)),
  copy: ew("copy", ([x]) => x),
} satisfies { [P in PrimitiveName]?: ExprBuilder<P> };

export type ElementwisePrimitive = keyof typeof elementwiseExprs;

export function isElementwise(p: PrimitiveName): p is ElementwisePrimitive {
  return Object.hasOwn(elementwiseExprs, p);
}

/** The expression of elementwise primitive `p` applied to `xs`. */
export function elementwiseExpr<P extends ElementwisePrimitive>(
  p: P,
  xs: Expr[],
  out: ShapedArray,
  params: Params<P>,
): Expr {
  return (elementwiseExprs[p] as ExprBuilder<P>)(xs, out, params);
}

export const elementwiseImplRules = Object.fromEntries(
  Object.keys(elementwiseExprs).map((name) => {
    const p = name as ElementwisePrimitive;
    return [p, elementwise(p, (xs, out, params) => elementwiseExpr(p, xs, out, params))];
  }),
) as { [P in ElementwisePrimitive]: ImplRule<P> };
