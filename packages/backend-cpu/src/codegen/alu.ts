import { type BinaryOp, type DType, dtypeKind, type UnaryOp } from "@jaxts/backend";
import { type GenContext, unsupported } from "./context.js";
import { intInfo, roundTo, wrapInt } from "./dtypes.js";

// ALU ops on real dtypes (bool, integers, floats). Operands are atomic expressions, so repeating
// them costs nothing. Float results are rounded to their dtype after every op, integers wrap.

type Gen = (x: string, dtype: DType, ctx: GenContext) => string;

/** Float-only unary ops: a JavaScript function of the double, then rounding to the dtype. */
const FLOAT_MATH: Partial<Record<UnaryOp, string>> = {
  sqrt: "Math.sqrt",
  cbrt: "Math.cbrt",
  expm1: "Math.expm1",
  log: "Math.log",
  sin: "Math.sin",
  cos: "Math.cos",
  tan: "Math.tan",
  asin: "Math.asin",
  acos: "Math.acos",
  atan: "Math.atan",
  sinh: "Math.sinh",
  cosh: "Math.cosh",
  tanh: "Math.tanh",
  asinh: "Math.asinh",
  acosh: "Math.acosh",
  atanh: "Math.atanh",
};

/** Float-only unary ops with a helper; float32 variants flush subnormal results as XLA does. */
const FLOAT_SPECIAL: Partial<Record<UnaryOp, Gen>> = {
  rsqrt: (x, d, ctx) => roundTo(d, `1 / Math.sqrt(${x})`, ctx),
  exp: (x, d, ctx) => (d === "float32" ? `${ctx.use("exp32")}(${x})` : roundTo(d, `Math.exp(${x})`, ctx)),
  exp2: (x, d, ctx) => (d === "float32" ? `${ctx.use("exp2f32")}(${x})` : roundTo(d, `2 ** ${x}`, ctx)),
  logistic: (x, d, ctx) =>
    d === "float32" ? `${ctx.use("logistic32")}(${x})` : roundTo(d, `${ctx.use("logistic")}(${x})`, ctx),
  // XLA's float32 log1p switches to log(1 + x) for |x| >= sqrt(2) - 1 (see math/erf.ts).
  log1p: (x, d, ctx) =>
    d === "float32" ? `${ctx.use("log1p32")}(${x})` : roundTo(d, `Math.log1p(${x})`, ctx),
  erf: (x, d, ctx) => roundTo(d, `${ctx.use("erf")}(${x})`, ctx),
  erfc: (x, d, ctx) =>
    d === "float32"
      ? `${ctx.use("ftz32")}(${roundTo(d, `${ctx.use("erfc")}(${x})`, ctx)})`
      : roundTo(d, `${ctx.use("erfc")}(${x})`, ctx),
  // XLA evaluates float16 erf_inv in float32 and converts the result.
  erf_inv: (x, d, ctx) =>
    d === "float64" ? `${ctx.use("erfInv64")}(${x})` : roundTo(d, `${ctx.use("erfInv32")}(${x})`, ctx),
  lgamma: (x, d, ctx) => roundTo(d, `${ctx.use("lgamma")}(${x})`, ctx),
  digamma: (x, d, ctx) => roundTo(d, `${ctx.use("digamma")}(${x})`, ctx),
};

export function unaryReal(op: UnaryOp, dtype: DType, x: string, ctx: GenContext): string {
  const kind = dtypeKind(dtype);
  const isInt = kind === "i" || kind === "u";
  const isFloat = kind === "f";
  const fail = () => unsupported("unary op", op, dtype);
  switch (op) {
    case "neg":
      if (isInt) return wrapInt(dtype, `-${x}`);
      if (isFloat) return `(-${x})`;
      throw fail();
    case "not":
      if (kind === "b") return `(${x} ^ 1)`;
      if (isInt) return wrapInt(dtype, `~${x}`);
      throw fail();
    case "abs":
      if (kind === "u") return x;
      if (isInt) return wrapInt(dtype, `Math.abs(${x})`);
      if (isFloat) return `Math.abs(${x})`;
      throw fail();
    case "sign":
      if (kind === "u") return `(${x} > 0 ? 1 : 0)`;
      if (isInt) return `(${x} > 0 ? 1 : ${x} < 0 ? -1 : 0)`;
      if (isFloat) return `(${x} > 0 ? 1 : ${x} < 0 ? -1 : ${x})`;
      throw fail();
    case "floor":
    case "ceil":
    case "round_away":
    case "round_even":
      // Integers are already integral; floats round exactly, so no rounding to the dtype is needed.
      if (isInt) return x;
      if (!isFloat) throw fail();
      if (op === "floor") return `Math.floor(${x})`;
      if (op === "ceil") return `Math.ceil(${x})`;
      return `${ctx.use(op === "round_away" ? "roundAway" : "roundEven")}(${x})`;
    case "is_finite":
      if (isFloat) return `(Number.isFinite(${x}) ? 1 : 0)`;
      throw fail();
    case "conj":
      if (kind === "b") throw fail();
      return x;
    case "real":
    case "imag":
      throw fail();
    case "population_count": {
      if (!isInt) throw fail();
      const { bits } = intInfo(dtype);
      const masked = bits === 32 ? x : `(${x} & ${2 ** bits - 1})`;
      return `${ctx.use("popcount32")}(${masked})`;
    }
    case "clz": {
      if (!isInt) throw fail();
      const { bits } = intInfo(dtype);
      return bits === 32 ? `Math.clz32(${x})` : `(Math.clz32(${x} & ${2 ** bits - 1}) - ${32 - bits})`;
    }
    case "sqrt":
    case "rsqrt":
    case "cbrt":
    case "exp":
    case "exp2":
    case "expm1":
    case "log":
    case "log1p":
    case "sin":
    case "cos":
    case "tan":
    case "asin":
    case "acos":
    case "atan":
    case "sinh":
    case "cosh":
    case "tanh":
    case "asinh":
    case "acosh":
    case "atanh":
    case "logistic":
    case "erf":
    case "erfc":
    case "erf_inv":
    case "lgamma":
    case "digamma": {
      if (!isFloat) throw fail();
      const special = FLOAT_SPECIAL[op];
      if (special) return special(x, dtype, ctx);
      return roundTo(dtype, `${FLOAT_MATH[op]}(${x})`, ctx);
    }
    default:
      return op satisfies never;
  }
}

const COMPARE: Partial<Record<BinaryOp, string>> = {
  eq: "===",
  ne: "!==",
  lt: "<",
  le: "<=",
  gt: ">",
  ge: ">=",
};

/** A binary op on real operands of `dtype` (for `pow`, `y` may be of another real dtype). */
export function binaryReal(op: BinaryOp, dtype: DType, x: string, y: string, ctx: GenContext): string {
  const kind = dtypeKind(dtype);
  const isInt = kind === "i" || kind === "u";
  const isFloat = kind === "f";
  const isBool = kind === "b";
  const fail = () => unsupported("binary op", op, dtype);
  const round = (code: string) => roundTo(dtype, code, ctx);
  switch (op) {
    case "add":
      if (isBool) return `(${x} | ${y})`;
      if (isInt || isFloat) return round(`${x} + ${y}`);
      throw fail();
    case "sub":
      if (isInt || isFloat) return round(`${x} - ${y}`);
      throw fail();
    case "mul":
      if (isBool) return `(${x} & ${y})`;
      if (isInt) return wrapInt(dtype, `Math.imul(${x}, ${y})`);
      if (isFloat) return round(`${x} * ${y}`);
      throw fail();
    case "div":
      // XLA: x/0 is -1 (all ones for unsigned); INT_MIN/-1 overflows back to INT_MIN via the wrap.
      if (isInt)
        return `(${y} === 0 ? ${kind === "u" ? intInfo(dtype).max : -1} : ${wrapInt(dtype, `${x} / ${y}`)})`;
      if (isFloat) return round(`${x} / ${y}`);
      throw fail();
    case "rem":
      // JavaScript's % is C's fmod; the wrap also turns -0 into 0 for integers.
      if (isInt) return `(${y} === 0 ? ${x} : ${wrapInt(dtype, `${x} % ${y}`)})`;
      if (isFloat) return round(`${x} % ${y}`);
      throw fail();
    case "pow":
      if (isInt) return wrapInt(dtype, `${ctx.use("ipow")}(${x}, ${y})`);
      if (isFloat) return round(`${ctx.use("powC")}(${x}, ${y})`);
      throw fail();
    case "max":
    case "min":
      // Math.max/min propagate NaN and order -0 below +0, as XLA does.
      if (isBool) return op === "max" ? `(${x} | ${y})` : `(${x} & ${y})`;
      if (isInt) return `(${x} ${op === "max" ? ">" : "<"} ${y} ? ${x} : ${y})`;
      if (isFloat) return `Math.${op}(${x}, ${y})`;
      throw fail();
    case "atan2":
      if (isFloat) return round(`Math.atan2(${x}, ${y})`);
      throw fail();
    case "nextafter":
      if (dtype === "float32") return `${ctx.use("nextafter32")}(${x}, ${y})`;
      if (dtype === "float64") return `${ctx.use("nextafter64")}(${x}, ${y})`;
      if (dtype === "float16") return `${ctx.use("nextafter16")}(${x}, ${y})`;
      throw fail();
    case "and":
    case "or":
    case "xor": {
      const sym = op === "and" ? "&" : op === "or" ? "|" : "^";
      if (isBool) return `(${x} ${sym} ${y})`;
      if (dtype === "uint32") return `((${x} ${sym} ${y}) >>> 0)`;
      // Narrow values are kept sign- or zero-extended, so the bitwise result already fits.
      if (isInt) return `(${x} ${sym} ${y})`;
      throw fail();
    }
    case "shift_left":
    case "shift_right_logical":
    case "shift_right_arithmetic":
      if (!isInt) throw fail();
      return shift(op, dtype, x, y);
    case "eq":
    case "ne":
    case "lt":
    case "le":
    case "gt":
    case "ge":
      return `(${x} ${COMPARE[op]} ${y} ? 1 : 0)`;
    case "complex":
      throw fail();
    default:
      return op satisfies never;
  }
}

/** Shifts with XLA's rules: amounts outside [0, bits) give 0, or the sign fill for arithmetic shifts. */
function shift(op: BinaryOp, dtype: DType, x: string, y: string): string {
  const { bits, signed } = intInfo(dtype);
  const out = `${y} < 0 || ${y} >= ${bits}`;
  if (op === "shift_left") return `(${out} ? 0 : ${wrapInt(dtype, `${x} << ${y}`)})`;
  if (op === "shift_right_logical") {
    const pattern = signed && bits < 32 ? `(${x} & ${2 ** bits - 1})` : x;
    return `(${out} ? 0 : ${wrapInt(dtype, `${pattern} >>> ${y}`)})`;
  }
  // Arithmetic shifts read the bits as signed, whatever the dtype; an amount past the width
  // shifts by bits - 1, which leaves only the sign.
  const asSigned = signed ? x : bits === 32 ? `(${x} | 0)` : `(${x} << ${32 - bits} >> ${32 - bits})`;
  return wrapInt(dtype, `${asSigned} >> (${out} ? ${bits - 1} : ${y})`);
}
