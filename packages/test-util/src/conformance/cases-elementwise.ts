import { lax, np } from "@jaxts/ndarray";
import { ELEMENTWISE, EXACT, EXPONENTIAL, SPECIAL, type Tolerance } from "../golden/tolerance.js";
import type { CaseTable, ConformanceCase } from "./case.js";
import { bools, floats, ints } from "./inputs.js";

type Unary = (x: ReturnType<typeof floats>) => ReturnType<typeof floats>;

const INT32_EXTREMES = [2147483647, -2147483648, 0, -1, 1, 31, 32];

/** A unary op on float32 (with ±0, ±inf, NaN among the inputs) and float64-free shapes. */
function floatUnary(op: Unary, tolerance: Tolerance, range?: [number, number]): ConformanceCase[] {
  const opts = range ? { lo: range[0], hi: range[1] } : {};
  return [
    {
      label: "float32 [5, 7] with specials",
      tolerance,
      run: () => op(floats([5, 7], 1, { special: true, ...opts })),
    },
    { label: "float32 [300] (vector length and tail)", tolerance, run: () => op(floats([300], 2, opts)) },
    { label: "float32 transposed view", tolerance, run: () => op(floats([6, 9], 3, opts).T) },
  ];
}

function intUnary(
  op: Unary,
  dtypes: readonly ("int32" | "uint32" | "int8" | "uint8")[] = ["int32"],
): ConformanceCase[] {
  return dtypes.map((dtype) => ({
    label: `${dtype} [40]`,
    tolerance: EXACT,
    run: () =>
      op(
        ints([40], 4, dtype, dtype.startsWith("u") ? 0 : -100, 100, dtype === "int32" ? INT32_EXTREMES : []),
      ),
  }));
}

type Binary = (x: ReturnType<typeof floats>, y: ReturnType<typeof floats>) => ReturnType<typeof floats>;

function floatBinary(op: Binary, tolerance: Tolerance): ConformanceCase[] {
  return [
    {
      label: "float32 [6, 8] with specials",
      tolerance,
      run: () => op(floats([6, 8], 5, { special: true }), floats([6, 8], 6)),
    },
    {
      label: "float32 broadcast [6, 1] × [8]",
      tolerance,
      run: () =>
        op(
          lax.broadcastInDim(floats([6, 1], 7), [6, 8], [0, 1]),
          lax.broadcastInDim(floats([8], 8), [6, 8], [1]),
        ),
    },
    { label: "float32 [257] (vector tail)", tolerance, run: () => op(floats([257], 9), floats([257], 10)) },
  ];
}

function intBinary(
  op: Binary,
  dtypes: readonly ("int32" | "uint32" | "int8" | "uint8")[] = ["int32", "uint32", "int8"],
): ConformanceCase[] {
  return dtypes.map((dtype) => ({
    label: `${dtype} [7, 9] broadcast against [9]`,
    tolerance: EXACT,
    run: () => {
      const lo = dtype.startsWith("u") ? 0 : -100;
      return op(
        ints([7, 9], 11, dtype, lo, 100, dtype === "int32" ? INT32_EXTREMES : []),
        lax.broadcastInDim(ints([9], 12, dtype, lo, 40, [0, -1, 1, 33]), [7, 9], [1]),
      );
    },
  }));
}

const both = (op: Binary, tolerance: Tolerance = EXACT) => [...floatBinary(op, tolerance), ...intBinary(op)];
const compare = (op: Binary) => [
  ...both(op),
  { label: "bool [12]", tolerance: EXACT, run: () => op(bools([12], 13), bools([12], 14)) },
];

export const ELEMENTWISE_CASES = {
  neg: [...floatUnary(lax.neg, EXACT), ...intUnary(lax.neg, ["int32", "int8"])],
  sign: [...floatUnary(lax.sign, EXACT), ...intUnary(lax.sign, ["int32", "uint32"])],
  floor: floatUnary(lax.floor, EXACT),
  ceil: floatUnary(lax.ceil, EXACT),
  round: [...floatUnary((x) => lax.round(x, 0), EXACT), ...floatUnary((x) => lax.round(x, 1), EXACT)],
  is_finite: floatUnary(lax.isFinite, EXACT),
  exp: floatUnary(lax.exp, ELEMENTWISE),
  exp2: floatUnary(lax.exp2, EXPONENTIAL),
  log: floatUnary(lax.log, ELEMENTWISE),
  log1p: floatUnary(lax.log1p, ELEMENTWISE),
  expm1: floatUnary(lax.expm1, ELEMENTWISE),
  tanh: floatUnary(lax.tanh, ELEMENTWISE),
  logistic: floatUnary(lax.logistic, ELEMENTWISE),
  sin: floatUnary(lax.sin, ELEMENTWISE),
  cos: floatUnary(lax.cos, ELEMENTWISE),
  tan: floatUnary(lax.tan, ELEMENTWISE, [-1.4, 1.4]),
  asin: floatUnary(lax.asin, ELEMENTWISE, [-1, 1]),
  acos: floatUnary(lax.acos, ELEMENTWISE, [-1, 1]),
  atan: floatUnary(lax.atan, ELEMENTWISE),
  sinh: floatUnary(lax.sinh, ELEMENTWISE),
  cosh: floatUnary(lax.cosh, ELEMENTWISE),
  asinh: floatUnary(lax.asinh, ELEMENTWISE),
  acosh: floatUnary(lax.acosh, ELEMENTWISE, [1, 5]),
  atanh: floatUnary(lax.atanh, ELEMENTWISE, [-0.99, 0.99]),
  sqrt: floatUnary(lax.sqrt, EXACT, [0, 9]),
  rsqrt: floatUnary(lax.rsqrt, ELEMENTWISE, [0.01, 9]),
  cbrt: floatUnary(lax.cbrt, ELEMENTWISE),
  abs: [...floatUnary(lax.abs, EXACT), ...intUnary(lax.abs, ["int32", "int8"])],
  not: [
    ...intUnary(lax.bitwiseNot, ["int32", "uint32", "uint8"]),
    { label: "bool", tolerance: EXACT, run: () => lax.bitwiseNot(bools([9], 15)) },
  ],
  erf: floatUnary(lax.erf, ELEMENTWISE),
  erfc: floatUnary(lax.erfc, SPECIAL),
  erf_inv: floatUnary(lax.erfInv, ELEMENTWISE, [-0.99, 0.99]),
  lgamma: floatUnary(lax.lgamma, SPECIAL, [0.1, 6]),
  digamma: floatUnary(lax.digamma, SPECIAL, [0.1, 6]),
  real: [
    {
      label: "complex64",
      tolerance: EXACT,
      run: () => lax.real(lax.complex(floats([7], 16), floats([7], 17))),
    },
  ],
  imag: [
    {
      label: "complex64",
      tolerance: EXACT,
      run: () => lax.imag(lax.complex(floats([7], 18), floats([7], 19))),
    },
  ],
  conj: [
    {
      label: "complex64",
      tolerance: EXACT,
      run: () => lax.conj(lax.complex(floats([7], 20), floats([7], 21))),
    },
  ],
  population_count: intUnary(lax.populationCount, ["int32", "uint32", "int8", "uint8"]),
  clz: intUnary(lax.clz, ["int32", "uint32", "int8", "uint8"]),
  square: [...floatUnary(lax.square, EXACT), ...intUnary(lax.square)],
  integer_pow: [
    ...floatUnary((x) => lax.integerPow(x, 3), ELEMENTWISE),
    ...floatUnary((x) => lax.integerPow(x, -2), ELEMENTWISE),
    ...intUnary((x) => lax.integerPow(x, 2)),
  ],
  add: both(lax.add),
  sub: both(lax.sub),
  mul: both(lax.mul),
  div: [...floatBinary(lax.div, EXACT), ...intBinary(lax.div)],
  rem: [...floatBinary(lax.rem, EXACT), ...intBinary(lax.rem)],
  pow: floatBinary(lax.pow, EXPONENTIAL),
  max: compare(lax.max),
  min: compare(lax.min),
  atan2: floatBinary(lax.atan2, ELEMENTWISE),
  nextafter: floatBinary(lax.nextafter, EXACT),
  and: [
    ...intBinary(lax.bitwiseAnd),
    { label: "bool", tolerance: EXACT, run: () => lax.bitwiseAnd(bools([9], 22), bools([9], 23)) },
  ],
  or: [
    ...intBinary(lax.bitwiseOr),
    { label: "bool", tolerance: EXACT, run: () => lax.bitwiseOr(bools([9], 24), bools([9], 25)) },
  ],
  xor: [
    ...intBinary(lax.bitwiseXor),
    { label: "bool", tolerance: EXACT, run: () => lax.bitwiseXor(bools([9], 26), bools([9], 27)) },
  ],
  shift_left: intBinary(lax.shiftLeft),
  shift_right_arithmetic: intBinary(lax.shiftRightArithmetic),
  shift_right_logical: intBinary(lax.shiftRightLogical),
  eq: compare(lax.eq),
  ne: compare(lax.ne),
  lt: compare(lax.lt),
  le: compare(lax.le),
  gt: compare(lax.gt),
  ge: compare(lax.ge),
  complex: [
    {
      label: "float32 pairs",
      tolerance: EXACT,
      run: () => lax.complex(floats([5, 3], 28), floats([5, 3], 29)),
    },
  ],
  select_n: [
    {
      label: "bool predicate, float32",
      tolerance: EXACT,
      run: () => lax.selectN(bools([4, 6], 30), floats([4, 6], 31), floats([4, 6], 32)),
    },
    {
      label: "int32 index, three cases",
      tolerance: EXACT,
      run: () =>
        lax.selectN(ints([10], 33, "int32", 0, 3), floats([10], 34), floats([10], 35), floats([10], 36)),
    },
  ],
  clamp: [
    {
      label: "float32",
      tolerance: EXACT,
      run: () => lax.clamp(-1, floats([5, 5], 37, { special: true }), 1.5),
    },
    {
      label: "int32",
      tolerance: EXACT,
      run: () => lax.clamp(np.array(-5, { dtype: "int32" }), ints([20], 38), np.array(7, { dtype: "int32" })),
    },
  ],
  convert_element_type: (
    ["float32", "int32", "uint32", "int8", "uint8", "bool", "float16", "complex64"] as const
  ).flatMap((from) =>
    (["float32", "int32", "uint32", "int8", "uint8", "bool", "float16"] as const).map((to) => ({
      label: `${from} → ${to}`,
      tolerance: EXACT,
      run: () => {
        const x =
          from === "bool"
            ? bools([12], 39)
            : lax.convertElementType(floats([12], 40, { special: true, lo: -300, hi: 300 }), from);
        return lax.convertElementType(x, to);
      },
    })),
  ),
  bitcast_convert_type: [
    {
      label: "float32 → int32",
      tolerance: EXACT,
      run: () => lax.bitcastConvertType(floats([9], 41, { special: true }), "int32"),
    },
    {
      label: "int32 → float32",
      tolerance: EXACT,
      run: () => lax.bitcastConvertType(ints([9], 42, "int32", -1e6, 1e6), "float32"),
    },
    {
      label: "uint32 → int32",
      tolerance: EXACT,
      run: () => lax.bitcastConvertType(ints([9], 43, "uint32", 0, 1e9), "int32"),
    },
  ],
  copy: [{ label: "float32 strided", tolerance: EXACT, run: () => np.copy(floats([4, 6], 44).T) }],
  stop_gradient: [{ label: "float32", tolerance: EXACT, run: () => lax.stopGradient(floats([7], 45)) }],
} satisfies Partial<CaseTable>;
