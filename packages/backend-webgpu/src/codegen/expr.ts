import { COMPARISON_OPS, type DType, type Expr } from "@jaxts/backend";
import { binaryOp, unaryOp } from "./alu.js";
import type { WgslBuilder } from "./builder.js";
import { bitcastCode, castCode } from "./cast.js";
import { constLiteral } from "./dtypes.js";

/** What the expression emitter asks of the kernel around it. */
export interface LeafEnv {
  /** Input `input`'s element at the current point, as a value of `dtype` (0 outside its mask). */
  load(input: number, dtype: DType): string;
  /** Whether input `input` is inside its mask at the current point (a WGSL bool). */
  valid(input: number): string;
  /** The loop index along `axis`, as an i32. */
  index(axis: number): string;
  /** The reduction's accumulated value (epilogues only). */
  acc(): string;
}

/**
 * Emits an expression DAG as WGSL `let`s, each node once even when shared, into the builder's
 * current block, and returns the name of the root's value.
 */
export class ExprEmitter {
  private readonly codes = new Map<Expr, string>();
  /** Loads of one input read the same element, even through distinct nodes. */
  private readonly loads = new Map<string, string>();

  constructor(
    private readonly b: WgslBuilder,
    private readonly env: LeafEnv,
    /** LoopKernel.contract: a float32 multiply feeding an add or subtract may become an fma. */
    private readonly contractFma: boolean,
  ) {}

  emit(e: Expr): string {
    const done = this.codes.get(e);
    if (done !== undefined) return done;
    let code: string;
    if (e.op === "load") {
      const key = `${e.input}:${e.dtype}`;
      code = this.loads.get(key) ?? this.b.bind(this.env.load(e.input, e.dtype), "v");
      this.loads.set(key, code);
    } else {
      code = this.b.bind(this.generate(e));
    }
    this.codes.set(e, code);
    return code;
  }

  private generate(e: Expr): string {
    switch (e.op) {
      case "load":
        return this.env.load(e.input, e.dtype);
      case "const":
        if (typeof e.value !== "number")
          throw new TypeError("webgpu backend: complex constant in a real kernel");
        return constLiteral(e.dtype, e.value);
      case "index":
        return castCode("int32", e.dtype, this.env.index(e.axis));
      case "valid":
        return castCode("bool", e.dtype, this.env.valid(e.input));
      case "acc":
        return this.env.acc();
      case "unary": {
        const x = this.emit(e.x);
        return unaryOp(e.alu, e.x.dtype, x, this.b);
      }
      case "binary": {
        const fused = this.contract(e);
        if (fused !== undefined) return fused;
        const x = this.emit(e.x);
        const y = this.emit(e.y);
        const code = binaryOp(e.alu, e.x.dtype, x, y, this.b, e.y.dtype);
        return COMPARISON_OPS.has(e.alu) ? castCode("bool", e.dtype, code) : code;
      }
      case "where": {
        const c = this.emit(e.cond);
        const x = this.emit(e.x);
        const y = this.emit(e.y);
        const cond = e.cond.dtype === "bool" ? c : castCode(e.cond.dtype, "bool", c);
        return `select(${y}, ${x}, ${cond})`;
      }
      case "cast":
        return castCode(e.x.dtype, e.dtype, this.emit(e.x));
      case "bitcast":
        return bitcastCode(e.x.dtype, e.dtype, this.emit(e.x));
      default:
        return e satisfies never;
    }
  }

  /**
   * XLA's CPU compiler contracts a float32 multiply feeding an add or subtract into one fused
   * multiply-add (the multiply on the left first, as LLVM's combiner does); with `contract` the
   * kernel asks for the same roundings, which WGSL's `fma` gives.
   */
  private contract(e: Expr & { op: "binary" }): string | undefined {
    if (!this.contractFma || e.dtype !== "float32" || (e.alu !== "add" && e.alu !== "sub")) return undefined;
    const isMul = (n: Expr): n is Expr & { op: "binary" } =>
      n.op === "binary" && n.alu === "mul" && n.dtype === "float32";
    if (isMul(e.x)) {
      const [a, b, c] = [this.emit(e.x.x), this.emit(e.x.y), this.emit(e.y)];
      return `fma(${a}, ${b}, ${e.alu === "add" ? c : `-${c}`})`;
    }
    if (isMul(e.y)) {
      const [a, b, c] = [this.emit(e.y.x), this.emit(e.y.y), this.emit(e.x)];
      return e.alu === "add" ? `fma(${a}, ${b}, ${c})` : `fma(-${a}, ${b}, ${c})`;
    }
    return undefined;
  }
}
