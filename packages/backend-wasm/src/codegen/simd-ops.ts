import type { BinaryOp, DType, Expr, UnaryOp } from "@jaxts/backend";
import type { FunctionBuilder } from "../wasm/function-builder.js";
import type { PlainOp } from "../wasm/opcodes.js";
import { ValType } from "../wasm/types.js";
import { NotLowered } from "./dtypes.js";
import { simdExp, simdLog, simdLogistic, simdTanh } from "./simd-math.js";

// Which nodes the SIMD128 path can compute, four 32-bit lanes at a time, with results equal to
// the scalar path's lane by lane. bool values live in lanes as all-ones/all-zeros masks.

const LANE_DTYPES: ReadonlySet<DType> = new Set(["float32", "int32", "uint32", "bool"]);

const F32_UNARY: Partial<Record<UnaryOp, PlainOp>> = {
  neg: "f32x4.neg",
  abs: "f32x4.abs",
  sqrt: "f32x4.sqrt",
  floor: "f32x4.floor",
  ceil: "f32x4.ceil",
  round_even: "f32x4.nearest",
};

/** Transcendentals evaluated by SIMD polynomials (simd-math.ts). */
const F32_MATH: Partial<Record<UnaryOp, (fb: FunctionBuilder, x: number) => number>> = {
  exp: simdExp,
  log: simdLog,
  tanh: simdTanh,
  logistic: simdLogistic,
};

const F32_BINARY: Partial<Record<BinaryOp, PlainOp>> = {
  add: "f32x4.add",
  sub: "f32x4.sub",
  mul: "f32x4.mul",
  div: "f32x4.div",
  // f32x4.min/max propagate NaN and order -0 below +0, as f32.min/max do.
  min: "f32x4.min",
  max: "f32x4.max",
  eq: "f32x4.eq",
  ne: "f32x4.ne",
  lt: "f32x4.lt",
  le: "f32x4.le",
  gt: "f32x4.gt",
  ge: "f32x4.ge",
};

const I32_BINARY: Partial<Record<BinaryOp, readonly [PlainOp, PlainOp]>> = {
  add: ["i32x4.add", "i32x4.add"],
  sub: ["i32x4.sub", "i32x4.sub"],
  mul: ["i32x4.mul", "i32x4.mul"],
  and: ["v128.and", "v128.and"],
  or: ["v128.or", "v128.or"],
  xor: ["v128.xor", "v128.xor"],
  min: ["i32x4.min_s", "i32x4.min_u"],
  max: ["i32x4.max_s", "i32x4.max_u"],
  eq: ["i32x4.eq", "i32x4.eq"],
  ne: ["i32x4.ne", "i32x4.ne"],
  lt: ["i32x4.lt_s", "i32x4.lt_u"],
  le: ["i32x4.le_s", "i32x4.le_u"],
  gt: ["i32x4.gt_s", "i32x4.gt_u"],
  ge: ["i32x4.ge_s", "i32x4.ge_u"],
};

const BOOL_BINARY: Partial<Record<BinaryOp, PlainOp>> = { and: "v128.and", or: "v128.or", xor: "v128.xor" };

/** Whether the SIMD path can compute node `e` (its operands are checked separately). */
export function simdNode(e: Expr): boolean {
  if (!LANE_DTYPES.has(e.dtype)) return false;
  switch (e.op) {
    case "const":
      return typeof e.value === "number";
    case "load":
      return e.dtype !== "bool";
    case "acc":
    case "index":
    case "valid":
      return false;
    case "where":
      return true;
    case "unary": {
      const t = e.x.dtype;
      if (t === "float32") return F32_UNARY[e.alu] !== undefined || F32_MATH[e.alu] !== undefined;
      if (t === "bool") return e.alu === "not";
      return e.alu === "not" || e.alu === "neg" || (e.alu === "abs" && t === "int32");
    }
    case "binary": {
      const t = e.x.dtype;
      if (e.y.dtype !== t) return false;
      if (t === "float32") return F32_BINARY[e.alu] !== undefined;
      if (t === "bool") return BOOL_BINARY[e.alu] !== undefined;
      return I32_BINARY[e.alu] !== undefined;
    }
    case "cast": {
      const [from, to] = [e.x.dtype, e.dtype];
      if (to === "bool") return false;
      return LANE_DTYPES.has(from);
    }
    case "bitcast":
      return e.x.dtype !== "bool" && e.dtype !== "bool";
    default:
      return e satisfies never;
  }
}

/** Pushes the splat of a constant (bool as a mask). */
export function splatConst(fb: FunctionBuilder, dtype: DType, value: number): void {
  if (dtype === "float32") fb.f32(value).op("f32x4.splat");
  else if (dtype === "bool") fb.i32(value !== 0 ? -1 : 0).op("i32x4.splat");
  else {
    const m = 2 ** 32;
    fb.i32(((Math.trunc(value) % m) + m) % m).op("i32x4.splat");
  }
}

/** Pushes the vector op of a unary node on local `x`. */
export function simdUnary(fb: FunctionBuilder, op: UnaryOp, dtype: DType, x: number): void {
  const math = dtype === "float32" ? F32_MATH[op] : undefined;
  if (math) {
    fb.get(math(fb, x));
    return;
  }
  fb.get(x);
  if (dtype === "float32") fb.op(F32_UNARY[op]!);
  else if (op === "not") fb.op("v128.not");
  else if (op === "neg") fb.op("i32x4.neg");
  else fb.op("i32x4.abs");
}

export function simdBinary(fb: FunctionBuilder, op: BinaryOp, dtype: DType, x: number, y: number): void {
  fb.get(x).get(y);
  if (dtype === "float32") fb.op(F32_BINARY[op]!);
  else if (dtype === "bool") fb.op(BOOL_BINARY[op]!);
  else fb.op(I32_BINARY[op]![dtype === "int32" ? 0 : 1]);
}

/** Pushes a lane-wise conversion of local `x` (same semantics as the scalar castOp). */
export function simdCast(fb: FunctionBuilder, from: DType, to: DType, x: number): void {
  fb.get(x);
  if (from === to) return;
  if (from === "bool") {
    // A mask and the bits of 1 (1.0f for float32) give 0 or 1.
    if (to === "float32") fb.f32(1).op("f32x4.splat", "v128.and");
    else fb.i32(1).op("i32x4.splat", "v128.and");
    return;
  }
  if (from === "float32") fb.op(to === "int32" ? "i32x4.trunc_sat_f32x4_s" : "i32x4.trunc_sat_f32x4_u");
  else if (to === "float32") fb.op(from === "int32" ? "f32x4.convert_i32x4_s" : "f32x4.convert_i32x4_u");
  // int32 ↔ uint32 keeps the bits.
}

/**
 * Emits `root` four lanes at a time (every node must pass `simdNode`), each node once into a v128
 * local; `load(input)` pushes input `input`'s four lanes. Returns the local of the result.
 */
export function emitVector(fb: FunctionBuilder, root: Expr, load: (input: number) => void): number {
  const locals = new Map<Expr, number>();
  const emit = (e: Expr): number => {
    const done = locals.get(e);
    if (done !== undefined) return done;
    const operands: number[] = [];
    if (e.op === "unary" || e.op === "cast" || e.op === "bitcast") operands.push(emit(e.x));
    else if (e.op === "binary") operands.push(emit(e.x), emit(e.y));
    else if (e.op === "where") operands.push(emit(e.cond), emit(e.x), emit(e.y));
    switch (e.op) {
      case "const":
        splatConst(fb, e.dtype, e.value as number);
        break;
      case "load":
        load(e.input);
        break;
      case "unary":
        simdUnary(fb, e.alu, e.x.dtype, operands[0]);
        break;
      case "binary":
        simdBinary(fb, e.alu, e.x.dtype, operands[0], operands[1]);
        break;
      case "where":
        fb.get(operands[1]).get(operands[2]).get(operands[0]).op("v128.bitselect");
        break;
      case "cast":
        simdCast(fb, e.x.dtype, e.dtype, operands[0]);
        break;
      case "bitcast":
        fb.get(operands[0]);
        break;
      default:
        throw new NotLowered(`SIMD node ${e.op}`);
    }
    const local = fb.local(ValType.v128);
    fb.set(local);
    locals.set(e, local);
    return local;
  };
  return emit(root);
}
