import { type BinaryOp, type DType, dtypeKind, type UnaryOp } from "@jaxts/backend";
import { NotLowered, type WgslBuilder } from "./builder.js";
import { valueType, wrapNarrow } from "./dtypes.js";
import { FLOAT_HELPERS, HELPER_DEPS } from "./float-math.js";
import { INT_HELPERS } from "./int-math.js";

// ALU ops on the lowered dtypes, with XLA's semantics (the cpu backend is the reference): floats
// go through helpers where WGSL's built-ins leave NaN, signed zeros or accuracy open; integers
// wrap (narrow dtypes re-wrapped after each op), divide by zero to -1 and shift with saturation.

/** Calls helper `name` (registering it and what it calls). */
export function callHelper(b: WgslBuilder, name: string, ...args: string[]): string {
  const register = (n: string): void => {
    for (const dep of HELPER_DEPS[n] ?? []) register(dep);
    const src = FLOAT_HELPERS[n] ?? INT_HELPERS[n];
    if (src === undefined) throw new Error(`webgpu backend: no helper ${n}`);
    b.helper(n, src);
  };
  register(name);
  return `${name}(${args.join(", ")})`;
}

function unsupported(kind: string, op: string, dtype: DType): NotLowered {
  return new NotLowered(`${kind} "${op}" on ${dtype}`);
}

const FLOAT_BUILTIN: Partial<Record<UnaryOp, string>> = {
  floor: "floor",
  ceil: "ceil",
  round_even: "round",
  sqrt: "sqrt",
  exp2: "exp2",
  log: "log",
};

const FLOAT_HELPER: Partial<Record<UnaryOp, string>> = {
  sign: "f_sign",
  round_away: "round_away",
  cbrt: "f_cbrt",
  expm1: "f_expm1",
  log1p: "f_log1p",
  sinh: "f_sinh",
  cosh: "f_cosh",
  tanh: "f_tanh",
  asinh: "f_asinh",
  acosh: "f_acosh",
  atanh: "f_atanh",
  logistic: "f_logistic",
  erf_inv: "f_erf_inv",
  exp: "f_exp",
  sin: "f_sin",
  cos: "f_cos",
  tan: "f_tan",
  asin: "f_asin",
  acos: "f_acos",
  atan: "f_atan",
};

export function unaryOp(op: UnaryOp, dtype: DType, x: string, b: WgslBuilder): string {
  const t = valueType(dtype);
  const kind = dtypeKind(dtype);
  const isInt = t === "i32" || t === "u32";
  const fail = () => unsupported("unary op", op, dtype);
  switch (op) {
    case "neg":
      if (t === "f32" || t === "i32") return wrapNarrow(dtype, `(-${x})`);
      if (t === "u32") return wrapNarrow(dtype, `(0u - ${x})`);
      throw fail();
    case "not":
      if (t === "bool") return `(!${x})`;
      if (isInt) return wrapNarrow(dtype, `(~${x})`);
      throw fail();
    case "abs":
      if (t === "u32") return x;
      if (t === "i32" || t === "f32") return wrapNarrow(dtype, `abs(${x})`);
      throw fail();
    case "sign":
      if (t === "u32") return `select(0u, 1u, ${x} > 0u)`;
      if (t === "i32") return `select(select(0i, -1i, ${x} < 0i), 1i, ${x} > 0i)`;
      if (t === "f32") return callHelper(b, "f_sign", x);
      throw fail();
    case "floor":
    case "ceil":
    case "round_away":
    case "round_even":
      if (isInt) return x;
      if (t !== "f32") throw fail();
      return op === "round_away" ? callHelper(b, "round_away", x) : `${FLOAT_BUILTIN[op]}(${x})`;
    case "is_finite":
      if (t === "f32") return callHelper(b, "is_finite", x);
      throw fail();
    case "conj":
      if (t === "bool") throw fail();
      return x;
    case "real":
    case "imag":
      throw fail();
    case "population_count":
      if (!isInt) throw fail();
      return `${t}(countOneBits(${kind === "i" ? wrapUnsignedBits(dtype, x) : x}))`;
    case "clz": {
      if (!isInt) throw fail();
      const bits = bitWidth(dtype);
      const u = kind === "i" ? wrapUnsignedBits(dtype, x) : `u32(${x})`;
      return `${t}(countLeadingZeros(${u}) - ${32 - bits}u)`;
    }
    case "rsqrt":
      if (t === "f32") return `(1.0 / sqrt(${x}))`;
      throw fail();
    case "sqrt":
    case "exp2":
    case "log":
      if (t !== "f32") throw fail();
      return `${FLOAT_BUILTIN[op]}(${x})`;
    case "sin":
    case "cos":
    case "tan":
    case "asin":
    case "acos":
    case "atan":
    case "exp":
    case "cbrt":
    case "expm1":
    case "log1p":
    case "sinh":
    case "cosh":
    case "tanh":
    case "asinh":
    case "acosh":
    case "atanh":
    case "logistic":
    case "erf_inv":
      if (t !== "f32") throw fail();
      return callHelper(b, FLOAT_HELPER[op]!, x);
    case "erf":
    case "erfc":
    case "lgamma":
    case "digamma":
      throw fail();
    default:
      return op satisfies never;
  }
}

function bitWidth(dtype: DType): number {
  return dtype === "int8" || dtype === "uint8" ? 8 : dtype === "int16" || dtype === "uint16" ? 16 : 32;
}

/** The low `bits` bits of a signed value, as u32 (for bit counting). */
function wrapUnsignedBits(dtype: DType, x: string): string {
  const bits = bitWidth(dtype);
  return bits === 32 ? `bitcast<u32>(${x})` : `(bitcast<u32>(${x}) & ${2 ** bits - 1}u)`;
}

const COMPARE: Partial<Record<BinaryOp, string>> = {
  eq: "==",
  ne: "!=",
  lt: "<",
  le: "<=",
  gt: ">",
  ge: ">=",
};

/** A binary op whose operands have `dtype` (for `pow`, `yDType` is the exponent's). */
export function binaryOp(
  op: BinaryOp,
  dtype: DType,
  x: string,
  y: string,
  b: WgslBuilder,
  yDType: DType = dtype,
): string {
  const t = valueType(dtype);
  const isInt = t === "i32" || t === "u32";
  const isFloat = t === "f32";
  const isBool = t === "bool";
  const fail = () => unsupported("binary op", op, dtype);
  const wrap = (code: string) => wrapNarrow(dtype, code);
  switch (op) {
    case "add":
      if (isBool) return `(${x} || ${y})`;
      if (isInt || isFloat) return wrap(`(${x} + ${y})`);
      throw fail();
    case "sub":
      if (isInt || isFloat) return wrap(`(${x} - ${y})`);
      throw fail();
    case "mul":
      if (isBool) return `(${x} && ${y})`;
      if (isInt || isFloat) return wrap(`(${x} * ${y})`);
      throw fail();
    case "div":
      if (isFloat) return `(${x} / ${y})`;
      // XLA: x / 0 = -1 (all ones unsigned); WGSL already gives INT_MIN / -1 = INT_MIN.
      if (t === "i32") return `select(${wrap(`(${x} / ${y})`)}, -1i, ${y} == 0i)`;
      if (t === "u32") return `select(${x} / ${y}, ${wrap("0xffffffffu")}, ${y} == 0u)`;
      throw fail();
    case "rem":
      if (isFloat) return callHelper(b, "f_rem", x, y);
      if (isInt) return `select(${x} % ${y}, ${x}, ${y} == ${t === "i32" ? "0i" : "0u"})`;
      throw fail();
    case "pow":
      if (isFloat && valueType(yDType) === "f32") return callHelper(b, "f_pow", x, y);
      if (isInt && valueType(yDType) === t) return wrap(callHelper(b, `ipow_${t}`, x, y));
      throw fail();
    case "max":
    case "min":
      if (isBool) return op === "max" ? `(${x} || ${y})` : `(${x} && ${y})`;
      if (isInt) return `${op}(${x}, ${y})`;
      if (isFloat) return callHelper(b, op === "max" ? "f_max" : "f_min", x, y);
      throw fail();
    case "atan2":
      if (isFloat) return callHelper(b, "f_atan2", x, y);
      throw fail();
    case "nextafter":
      if (isFloat) return callHelper(b, "f_nextafter", x, y);
      throw fail();
    case "and":
    case "or":
    case "xor": {
      if (isBool) return op === "and" ? `(${x} && ${y})` : op === "or" ? `(${x} || ${y})` : `(${x} != ${y})`;
      const sym = op === "and" ? "&" : op === "or" ? "|" : "^";
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
      if (isBool && op !== "eq" && op !== "ne") return `(u32(${x}) ${COMPARE[op]} u32(${y}))`;
      return `(${x} ${COMPARE[op]} ${y})`;
    case "complex":
      throw fail();
    default:
      return op satisfies never;
  }
}

/** Shifts with XLA's rules: amounts outside [0, bits) give 0, or the sign fill for arithmetic shifts. */
function shift(op: BinaryOp, dtype: DType, x: string, y: string): string {
  const t = valueType(dtype);
  const bits = bitWidth(dtype);
  const signed = t === "i32";
  const amount = signed ? `bitcast<u32>(${y})` : y;
  const out = `${amount} >= ${bits}u`;
  const zero = signed ? "0i" : "0u";
  // WGSL shifts by the amount modulo 32 (and rejects constant amounts past it): mask, then select.
  if (op === "shift_left")
    return `select(${wrapNarrow(dtype, `(${x} << (${amount} & 31u))`)}, ${zero}, ${out})`;
  const xu = signed ? `bitcast<u32>(${x})` : x;
  const low = bits === 32 ? xu : `(${xu} & ${2 ** bits - 1}u)`;
  if (op === "shift_right_logical") {
    const r = signed ? `bitcast<i32>(${low} >> (${amount} & 31u))` : `(${low} >> (${amount} & 31u))`;
    return `select(${wrapNarrow(dtype, r)}, ${zero}, ${out})`;
  }
  // Arithmetic: read the bits as signed; an amount past the width shifts by bits - 1.
  const asSigned = signed
    ? x
    : bits === 32
      ? `bitcast<i32>(${x})`
      : `((bitcast<i32>(${x}) << ${32 - bits}u) >> ${32 - bits}u)`;
  const shifted = `(${asSigned} >> select(${amount}, ${bits - 1}u, ${out}))`;
  return signed ? wrapNarrow(dtype, shifted) : wrapNarrow(dtype, `bitcast<u32>(${shifted})`);
}
