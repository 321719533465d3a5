import { COMPARISON_OPS, type DType, type Expr, isComplex } from "@jaxts/backend";
import type { PlainOp } from "../wasm/opcodes.js";
import { ValType } from "../wasm/types.js";
import { complexPart, constant, info, NotLowered } from "./dtypes.js";
import { bitcastOp, castOp } from "./cast-ops.js";
import { binaryOp, callMath2, type OpContext, unaryOp } from "./scalar-ops.js";

/** What the expression emitter asks of the loop around it; each pushes one value. */
export interface LeafEnv {
  load(input: number, dtype: DType): void;
  /** Part `part` (0: re, 1: im) of a complex input, as its part dtype. */
  loadPart(input: number, dtype: DType, part: 0 | 1): void;
  /** Whether input `input` is inside its mask (i32 0/1). */
  valid(input: number): void;
  /** The loop index along original axis `axis` (i32). */
  index(axis: number): void;
  /** The reduction's rounded accumulator, in the epilogue. */
  acc(dtype: DType): void;
}

/**
 * The dtype a node must have; a kernel that breaks it is left to the cpu backend, whose
 * validation reports it.
 */
function checkNode(e: Expr): void {
  const bad = (why: string) => new NotLowered(`malformed or unsupported node: ${why}`);
  if (isComplex(e.dtype)) throw new NotLowered(`a complex ${e.op} where a real value is expected`);
  switch (e.op) {
    case "unary": {
      const want = e.alu === "is_finite" ? "bool" : e.x.dtype;
      if (e.dtype !== want || e.alu === "real" || e.alu === "imag") throw bad(`unary ${e.alu}`);
      return;
    }
    case "binary":
      if (e.x.dtype !== e.y.dtype) throw bad(`binary ${e.alu} of ${e.x.dtype} and ${e.y.dtype}`);
      if (e.dtype !== (COMPARISON_OPS.has(e.alu) ? "bool" : e.x.dtype)) throw bad(`binary ${e.alu}`);
      return;
    case "where":
      if (e.x.dtype !== e.dtype || e.y.dtype !== e.dtype) throw bad("where");
      return;
    case "const":
      if (typeof e.value !== "number") throw bad("complex constant");
      return;
    default:
      return;
  }
}

/**
 * Emits an expression DAG as straight-line scalar code: every node is computed once into a local
 * of its own (shared nodes included), which the engine's register allocator then keeps in registers.
 */
export class ScalarEmitter {
  private readonly locals = new Map<Expr, number>();

  constructor(
    private readonly ctx: OpContext,
    private readonly env: LeafEnv,
  ) {}

  /** Emits `e` (and whatever it needs) and returns the local that holds its value. */
  emit(e: Expr): number {
    const done = this.locals.get(e);
    if (done !== undefined) return done;
    const { ctx, env } = this;
    const fb = ctx.fb;
    let result: number;
    const fromComplex = this.realOfComplex(e);
    if (fromComplex !== undefined) {
      this.locals.set(e, fromComplex);
      return fromComplex;
    }
    checkNode(e);
    switch (e.op) {
      case "const":
        result = ctx.temp(info(e.dtype).type);
        constant(fb, e.dtype, e.value as number);
        break;
      case "load":
        result = ctx.temp(info(e.dtype).type);
        env.load(e.input, e.dtype);
        break;
      case "valid":
        result = ctx.temp(info(e.dtype).type);
        env.valid(e.input);
        if (e.dtype !== "bool") throw new NotLowered(`valid of dtype ${e.dtype}`);
        break;
      case "index": {
        const i = ctx.temp(info("int32").type);
        env.index(e.axis);
        fb.set(i);
        result = ctx.temp(info(e.dtype).type);
        castOp(ctx, "int32", e.dtype, i);
        break;
      }
      case "acc":
        result = ctx.temp(info(e.dtype).type);
        env.acc(e.dtype);
        break;
      case "unary": {
        const x = this.emit(e.x);
        result = ctx.temp(info(e.dtype).type);
        unaryOp(ctx, e.alu, e.x.dtype, x);
        break;
      }
      case "binary": {
        const x = this.emit(e.x);
        const y = this.emit(e.y);
        result = ctx.temp(info(e.dtype).type);
        binaryOp(ctx, e.alu, e.x.dtype, x, y);
        break;
      }
      case "where": {
        const c = this.emit(e.cond);
        const x = this.emit(e.x);
        const y = this.emit(e.y);
        result = ctx.temp(info(e.dtype).type);
        fb.get(x).get(y).get(c).op("select");
        break;
      }
      case "cast": {
        const x = this.emit(e.x);
        result = ctx.temp(info(e.dtype).type);
        castOp(ctx, e.x.dtype, e.dtype, x);
        break;
      }
      case "bitcast": {
        const x = this.emit(e.x);
        result = ctx.temp(info(e.dtype).type);
        bitcastOp(ctx, e.x.dtype, e.dtype, x);
        break;
      }
      default:
        return e satisfies never;
    }
    fb.set(result);
    this.locals.set(e, result);
    return result;
  }

  /** Real nodes computed from complex operands (real, imag, abs, eq, ne, cast); else undefined. */
  private realOfComplex(e: Expr): number | undefined {
    const { ctx } = this;
    const fb = ctx.fb;
    const part = (x: Expr) => complexPart(x.dtype);
    if (e.op === "unary" && part(e.x)) {
      const [re, im] = this.emitComplex(e.x);
      if (e.alu === "real") return re;
      if (e.alu === "imag") return im;
      if (e.alu !== "abs" || e.dtype !== part(e.x)) throw new NotLowered(`unary ${e.alu} on ${e.x.dtype}`);
      const r = ctx.temp(info(e.dtype).type);
      callMath2(ctx, e.dtype, "hypot", re, im);
      fb.set(r);
      return r;
    }
    if (e.op === "binary" && (part(e.x) || part(e.y)) && e.alu !== "complex") {
      if (e.x.dtype !== e.y.dtype || (e.alu !== "eq" && e.alu !== "ne") || e.dtype !== "bool") {
        throw new NotLowered(`binary ${e.alu} on ${e.x.dtype}`);
      }
      const [a, b] = this.emitComplex(e.x);
      const [c, d] = this.emitComplex(e.y);
      const f = part(e.x) === "float32" ? "f32" : "f64";
      const r = ctx.temp(ValType.i32);
      fb.get(a)
        .get(c)
        .op(`${f}.${e.alu}` as PlainOp)
        .get(b)
        .get(d)
        .op(`${f}.${e.alu}` as PlainOp);
      fb.op(e.alu === "eq" ? "i32.and" : "i32.or").set(r);
      return r;
    }
    if (e.op === "cast" && part(e.x) && !part(e)) {
      const [re] = this.emitComplex(e.x);
      const r = ctx.temp(info(e.dtype).type);
      if (e.dtype === "bool") {
        const [, im] = this.emitComplex(e.x);
        const f = part(e.x) === "float32" ? "f32" : "f64";
        fb.get(re);
        if (f === "f32") fb.f32(0);
        else fb.f64(0);
        fb.op(`${f}.ne` as PlainOp).get(im);
        if (f === "f32") fb.f32(0);
        else fb.f64(0);
        fb.op(`${f}.ne` as PlainOp, "i32.or");
      } else castOp(ctx, part(e.x)!, e.dtype, re);
      fb.set(r);
      return r;
    }
    return undefined;
  }

  private readonly pairs = new Map<Expr, readonly [number, number]>();

  /** Emits a complex node as two locals (re, im) of its part dtype. */
  emitComplex(e: Expr): readonly [number, number] {
    const done = this.pairs.get(e);
    if (done) return done;
    const part = complexPart(e.dtype);
    if (!part) throw new NotLowered(`a ${e.dtype} value where a complex one is expected`);
    const { ctx, env } = this;
    const fb = ctx.fb;
    const f = part === "float32" ? "f32" : "f64";
    const type = info(part).type;
    const pair = (re: () => void, im: () => void): [number, number] => {
      const r = ctx.temp(type);
      const i = ctx.temp(type);
      re();
      fb.set(r);
      im();
      fb.set(i);
      return [r, i];
    };
    const push = (v: number) => (f === "f32" ? fb.f32(v) : fb.f64(v));
    let result: [number, number];
    switch (e.op) {
      case "const": {
        const [re, im] = typeof e.value === "number" ? [e.value, 0] : e.value;
        result = pair(
          () => push(re),
          () => push(im),
        );
        break;
      }
      case "load":
        result = pair(
          () => env.loadPart(e.input, e.dtype, 0),
          () => env.loadPart(e.input, e.dtype, 1),
        );
        break;
      case "unary": {
        if (e.x.dtype !== e.dtype || (e.alu !== "neg" && e.alu !== "conj")) {
          throw new NotLowered(`unary ${e.alu} on ${e.dtype}`);
        }
        const [a, b] = this.emitComplex(e.x);
        result = pair(
          () => (e.alu === "neg" ? fb.get(a).op(`${f}.neg` as PlainOp) : fb.get(a)),
          () => fb.get(b).op(`${f}.neg` as PlainOp),
        );
        break;
      }
      case "binary": {
        if (e.alu === "complex") {
          if (e.x.dtype !== part || e.y.dtype !== part) throw new NotLowered(`complex of ${e.x.dtype}`);
          const re = this.emit(e.x);
          const im = this.emit(e.y);
          result = [re, im];
          break;
        }
        if (e.x.dtype !== e.dtype || e.y.dtype !== e.dtype)
          throw new NotLowered(`binary ${e.alu} on ${e.dtype}`);
        const [a, b] = this.emitComplex(e.x);
        const [c, d] = this.emitComplex(e.y);
        if (e.alu === "add" || e.alu === "sub") {
          const op = `${f}.${e.alu}` as PlainOp;
          result = pair(
            () => fb.get(a).get(c).op(op),
            () => fb.get(b).get(d).op(op),
          );
        } else if (e.alu === "mul") {
          // As the cpu backend: each part in float64 (exact products), then rounded once.
          const g = (v: number) => {
            fb.get(v);
            if (f === "f32") fb.op("f64.promote_f32");
          };
          const done = () => {
            if (f === "f32") fb.op("f32.demote_f64");
          };
          result = pair(
            () => {
              g(a);
              g(c);
              fb.op("f64.mul");
              g(b);
              g(d);
              fb.op("f64.mul", "f64.sub");
              done();
            },
            () => {
              g(a);
              g(d);
              fb.op("f64.mul");
              g(b);
              g(c);
              fb.op("f64.mul", "f64.add");
              done();
            },
          );
        } else throw new NotLowered(`binary ${e.alu} on ${e.dtype}`);
        break;
      }
      case "where": {
        if (e.x.dtype !== e.dtype || e.y.dtype !== e.dtype) throw new NotLowered("where");
        const c = this.emit(e.cond);
        const [a, b] = this.emitComplex(e.x);
        const [x, y] = this.emitComplex(e.y);
        result = pair(
          () => fb.get(a).get(x).get(c).op("select"),
          () => fb.get(b).get(y).get(c).op("select"),
        );
        break;
      }
      case "cast": {
        const from = complexPart(e.x.dtype);
        if (from) {
          const [a, b] = this.emitComplex(e.x);
          const conv = (v: number) => {
            fb.get(v);
            if (from !== part) fb.op(part === "float32" ? "f32.demote_f64" : "f64.promote_f32");
          };
          result = pair(
            () => conv(a),
            () => conv(b),
          );
        } else {
          const x = this.emit(e.x);
          result = pair(
            () => castOp(ctx, e.x.dtype, part, x),
            () => push(0),
          );
        }
        break;
      }
      default:
        throw new NotLowered(`${e.op} of ${e.dtype}`);
    }
    this.pairs.set(e, result);
    return result;
  }
}
