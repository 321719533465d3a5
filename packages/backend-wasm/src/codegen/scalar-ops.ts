import type { BinaryOp, DType, UnaryOp } from "@jaxts/backend";
import type { FunctionBuilder } from "../wasm/function-builder.js";
import type { PlainOp } from "../wasm/opcodes.js";
import { ValType } from "../wasm/types.js";
import { info, NotLowered, wrap } from "./dtypes.js";
import type { MathIndex, UnaryMath } from "./math-imports.js";

// Scalar ALU ops with the cpu backend's (XLA's) semantics. Operands are locals; each function
// pushes its result. Float32 arithmetic in wasm is correctly rounded, which is what the cpu
// backend's `Math.fround(a op b)` computes; transcendentals go through the same float64 JavaScript
// functions and are then rounded, so scalar wasm results equal the cpu backend's bit for bit.

export interface OpContext {
  readonly fb: FunctionBuilder;
  readonly math: MathIndex;
  /** A fresh local of `type`. */
  temp(type: ValType): number;
}

const F32_MIN_NORMAL = 2 ** -126;

function fop(dtype: DType, name: string): PlainOp {
  return `${info(dtype).bits === 32 ? "f32" : "f64"}.${name}` as PlainOp;
}

/** Flushes a float32 subnormal result on the stack to signed zero, as XLA's CPU backend does. */
function ftz32(ctx: OpContext): void {
  const { fb } = ctx;
  const r = ctx.temp(ValType.f32);
  fb.set(r).f32(0).get(r).op("f32.copysign");
  fb.get(r);
  fb.get(r).op("f32.abs").f32(F32_MIN_NORMAL).op("f32.lt", "select");
}

/** Calls a float64 JavaScript math function on a float local, rounding the result to its dtype. */
function callMath(ctx: OpContext, dtype: DType, fn: UnaryMath, x: number, flush = false): void {
  const f32 = info(dtype).bits === 32;
  ctx.fb.get(x);
  if (f32) ctx.fb.op("f64.promote_f32");
  ctx.fb.call(ctx.math.unary(fn));
  if (f32) {
    ctx.fb.op("f32.demote_f64");
    if (flush) ftz32(ctx);
  }
}

export function callMath2(
  ctx: OpContext,
  dtype: DType,
  fn: "pow" | "atan2" | "fmod" | "hypot",
  x: number,
  y: number,
): void {
  const f32 = info(dtype).bits === 32;
  const { fb } = ctx;
  fb.get(x);
  if (f32) fb.op("f64.promote_f32");
  fb.get(y);
  if (f32) fb.op("f64.promote_f32");
  fb.call(ctx.math.binary(fn));
  if (f32) fb.op("f32.demote_f64");
}

const CALLED: Partial<Record<UnaryOp, UnaryMath>> = {
  expm1: "expm1",
  log: "log",
  log1p: "log1p",
  sin: "sin",
  cos: "cos",
  tan: "tan",
  asin: "asin",
  acos: "acos",
  atan: "atan",
  sinh: "sinh",
  cosh: "cosh",
  tanh: "tanh",
  asinh: "asinh",
  acosh: "acosh",
  atanh: "atanh",
  cbrt: "cbrt",
};

function unaryFloat(ctx: OpContext, op: UnaryOp, dtype: DType, x: number): void {
  const { fb } = ctx;
  const f32 = info(dtype).bits === 32;
  const one = () => (f32 ? fb.f32(1) : fb.f64(1));
  const zero = () => (f32 ? fb.f32(0) : fb.f64(0));
  switch (op) {
    case "neg":
    case "abs":
    case "floor":
    case "ceil":
    case "sqrt":
      fb.get(x).op(fop(dtype, op));
      return;
    case "round_even":
      fb.get(x).op(fop(dtype, "nearest"));
      return;
    case "round_away": {
      // trunc(x), plus ±1 when the dropped fraction is at least a half (x - trunc(x) is exact).
      const t = ctx.temp(info(dtype).type);
      fb.get(x).op(fop(dtype, "trunc")).tee(t);
      one();
      fb.get(x).op(fop(dtype, "copysign"), fop(dtype, "add"));
      fb.get(t);
      fb.get(x).get(t).op(fop(dtype, "sub"), fop(dtype, "abs"));
      if (f32) fb.f32(0.5);
      else fb.f64(0.5);
      fb.op(fop(dtype, "ge"), "select");
      return;
    }
    case "sign":
      // 1, -1, or x itself for ±0 and NaN.
      one();
      if (f32) fb.f32(-1);
      else fb.f64(-1);
      fb.get(x).get(x);
      zero();
      fb.op(fop(dtype, "lt"), "select");
      fb.get(x);
      zero();
      fb.op(fop(dtype, "gt"), "select");
      return;
    case "rsqrt":
      fb.f64(1).get(x);
      if (f32) fb.op("f64.promote_f32");
      fb.op("f64.sqrt", "f64.div");
      if (f32) fb.op("f32.demote_f64");
      return;
    case "exp":
      callMath(ctx, dtype, "exp", x, true);
      return;
    case "logistic":
      callMath(ctx, dtype, "logistic", x, true);
      return;
    case "exp2": {
      const two = ctx.temp(info(dtype).type);
      if (f32) fb.f32(2);
      else fb.f64(2);
      fb.set(two);
      callMath2(ctx, dtype, "pow", two, x);
      if (f32) ftz32(ctx);
      return;
    }
    case "is_finite":
      fb.get(x).op(fop(dtype, "abs"));
      if (f32) fb.f32(Number.POSITIVE_INFINITY);
      else fb.f64(Number.POSITIVE_INFINITY);
      fb.op(fop(dtype, "lt"));
      return;
    default: {
      const fn = CALLED[op];
      if (!fn) throw new NotLowered(`unary ${op} on ${dtype}`);
      callMath(ctx, dtype, fn, x);
    }
  }
}

function unaryInt(ctx: OpContext, op: UnaryOp, dtype: DType, x: number): void {
  const { fb } = ctx;
  const { kind, bits } = info(dtype);
  switch (op) {
    case "neg":
      if (kind === "b") throw new NotLowered(`neg on bool`);
      fb.i32(0).get(x).op("i32.sub");
      wrap(fb, dtype);
      return;
    case "not":
      fb.get(x)
        .i32(kind === "b" ? 1 : -1)
        .op("i32.xor");
      wrap(fb, dtype);
      return;
    case "abs":
      if (kind === "b") throw new NotLowered("abs on bool");
      if (kind === "u") {
        fb.get(x);
        return;
      }
      fb.i32(0).get(x).op("i32.sub").get(x).get(x).i32(0).op("i32.lt_s", "select");
      wrap(fb, dtype);
      return;
    case "sign":
      if (kind === "b") throw new NotLowered("sign on bool");
      if (kind === "u") {
        fb.get(x).i32(0).op("i32.ne");
        return;
      }
      fb.get(x).i32(0).op("i32.gt_s").get(x).i32(0).op("i32.lt_s", "i32.sub");
      return;
    case "floor":
    case "ceil":
    case "round_away":
    case "round_even":
      if (kind === "b") throw new NotLowered(`${op} on bool`);
      fb.get(x);
      return;
    case "population_count":
    case "clz":
      if (kind === "b") throw new NotLowered(`${op} on bool`);
      fb.get(x);
      if (bits < 32) fb.i32(2 ** bits - 1).op("i32.and");
      if (op === "population_count") fb.op("i32.popcnt");
      else {
        fb.op("i32.clz");
        if (bits < 32) fb.i32(32 - bits).op("i32.sub");
      }
      return;
    default:
      throw new NotLowered(`unary ${op} on ${dtype}`);
  }
}

/** Pushes `op(x)` for a real operand of `dtype` (the operand's dtype). */
export function unaryOp(ctx: OpContext, op: UnaryOp, dtype: DType, x: number): void {
  if (info(dtype).kind === "f") unaryFloat(ctx, op, dtype, x);
  else unaryInt(ctx, op, dtype, x);
}

const FLOAT_NATIVE: Partial<Record<BinaryOp, string>> = {
  add: "add",
  sub: "sub",
  mul: "mul",
  div: "div",
  max: "max",
  min: "min",
  eq: "eq",
  ne: "ne",
  lt: "lt",
  le: "le",
  gt: "gt",
  ge: "ge",
};

function binaryFloat(ctx: OpContext, op: BinaryOp, dtype: DType, x: number, y: number): void {
  const native = FLOAT_NATIVE[op];
  if (native) {
    // wasm's min/max propagate NaN and order -0 below +0, as Math.min/max and XLA do.
    ctx.fb.get(x).get(y).op(fop(dtype, native));
    return;
  }
  if (op === "pow") callMath2(ctx, dtype, "pow", x, y);
  else if (op === "atan2") callMath2(ctx, dtype, "atan2", x, y);
  else if (op === "rem") callMath2(ctx, dtype, "fmod", x, y);
  else throw new NotLowered(`binary ${op} on ${dtype}`);
}

const INT_COMPARE: Partial<Record<BinaryOp, readonly [PlainOp, PlainOp]>> = {
  eq: ["i32.eq", "i32.eq"],
  ne: ["i32.ne", "i32.ne"],
  lt: ["i32.lt_s", "i32.lt_u"],
  le: ["i32.le_s", "i32.le_u"],
  gt: ["i32.gt_s", "i32.gt_u"],
  ge: ["i32.ge_s", "i32.ge_u"],
};

function binaryInt(ctx: OpContext, op: BinaryOp, dtype: DType, x: number, y: number): void {
  const { fb } = ctx;
  const { kind, bits } = info(dtype);
  const signed = kind === "i";
  const isBool = kind === "b";
  const compare = INT_COMPARE[op];
  if (compare) {
    fb.get(x)
      .get(y)
      .op(signed ? compare[0] : compare[1]);
    return;
  }
  switch (op) {
    case "add":
    case "mul":
      if (isBool) {
        fb.get(x)
          .get(y)
          .op(op === "add" ? "i32.or" : "i32.and");
        return;
      }
      fb.get(x)
        .get(y)
        .op(op === "add" ? "i32.add" : "i32.mul");
      wrap(fb, dtype);
      return;
    case "sub":
      if (isBool) throw new NotLowered("sub on bool");
      fb.get(x).get(y).op("i32.sub");
      wrap(fb, dtype);
      return;
    case "and":
    case "or":
    case "xor":
      fb.get(x).get(y).op(`i32.${op}`);
      return;
    case "max":
    case "min":
      if (isBool) {
        fb.get(x)
          .get(y)
          .op(op === "max" ? "i32.or" : "i32.and");
        return;
      }
      fb.get(x).get(y).get(x).get(y);
      fb.op(op === "max" ? (signed ? "i32.gt_s" : "i32.gt_u") : signed ? "i32.lt_s" : "i32.lt_u", "select");
      return;
    case "div": {
      // XLA: x / 0 = -1 (all ones for unsigned); INT_MIN / -1 = INT_MIN (wasm's div_s would trap).
      if (isBool) throw new NotLowered("div on bool");
      const allOnes = signed ? -1 : 2 ** bits - 1;
      fb.get(y).op("i32.eqz");
      fb.if_(
        () => fb.i32(allOnes),
        () => {
          if (signed && bits === 32) {
            fb.get(y).i32(-1).op("i32.eq");
            fb.if_(
              () => fb.i32(0).get(x).op("i32.sub"),
              () => fb.get(x).get(y).op("i32.div_s"),
              ValType.i32,
            );
          } else {
            fb.get(x)
              .get(y)
              .op(signed ? "i32.div_s" : "i32.div_u");
            wrap(fb, dtype);
          }
        },
        ValType.i32,
      );
      return;
    }
    case "rem":
      // C's fmod: the sign of the dividend, x % 0 = x (wasm's rem_s(INT_MIN, -1) is 0, no trap).
      if (isBool) throw new NotLowered("rem on bool");
      fb.get(y).op("i32.eqz");
      fb.if_(
        () => fb.get(x),
        () =>
          fb
            .get(x)
            .get(y)
            .op(signed ? "i32.rem_s" : "i32.rem_u"),
        ValType.i32,
      );
      return;
    case "shift_left":
    case "shift_right_logical":
    case "shift_right_arithmetic": {
      if (isBool) throw new NotLowered(`${op} on bool`);
      // Amounts outside [0, bits) (negative ones read as huge unsigned) give 0 or the sign fill.
      const inRange = () => fb.get(y).i32(bits).op("i32.lt_u");
      if (op === "shift_right_arithmetic") {
        fb.get(x);
        if (!signed && bits < 32) fb.op(bits === 8 ? "i32.extend8_s" : "i32.extend16_s");
        fb.get(y).i32(bits - 1);
        inRange();
        fb.op("select", "i32.shr_s");
        wrap(fb, dtype);
        return;
      }
      fb.get(x);
      if (op === "shift_left") {
        fb.get(y).op("i32.shl");
      } else {
        if (signed && bits < 32) fb.i32(2 ** bits - 1).op("i32.and");
        fb.get(y).op("i32.shr_u");
      }
      wrap(fb, dtype);
      fb.i32(0);
      inRange();
      fb.op("select");
      return;
    }
    default:
      throw new NotLowered(`binary ${op} on ${dtype}`);
  }
}

/** Pushes `op(x, y)` for real operands of `dtype`. */
export function binaryOp(ctx: OpContext, op: BinaryOp, dtype: DType, x: number, y: number): void {
  if (info(dtype).kind === "f") binaryFloat(ctx, op, dtype, x, y);
  else binaryInt(ctx, op, dtype, x, y);
}
