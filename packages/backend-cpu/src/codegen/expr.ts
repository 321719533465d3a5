import { COMPARISON_OPS, type DType, type Expr, isComplex, realDType } from "@jaxts/backend";
import { binaryReal, unaryReal } from "./alu.js";
import { bitcastCode, castCode } from "./cast.js";
import { binaryComplex, makeComplex, unaryComplex } from "./complex.js";
import type { Code, GenContext } from "./context.js";
import { constLiteral, roundTo } from "./dtypes.js";

/** What the expression emitter asks of the loop around it. */
export interface LeafEnv {
  /** The loop level (-1 = before all loops) at which input `input` changes; see LoopPlan. */
  inputLevel(input: number): number;
  /** Code for input `input`'s element at the current point (masked reads give 0). */
  load(input: number, dtype: DType): Code;
  /** Code (0/1) for whether input `input` is inside its mask. */
  valid(input: number): string;
  /** Level and code of the loop index along original axis `axis`. */
  index(axis: number): { level: number; code: string };
  /** The reduction's (rounded) accumulator, for the epilogue. */
  acc(dtype: DType): Code;
}

/** The pseudo-level of nodes that depend on the accumulator (emitted after the reduction). */
export const EPILOGUE = Number.POSITIVE_INFINITY;

function malformed(message: string): Error {
  return new Error(`cpu backend: malformed kernel: ${message}`);
}

/** The dtype a unary/binary node must have, for validation. */
function expectedDType(e: Expr): DType | undefined {
  if (e.op === "unary") {
    if (e.alu === "is_finite") return "bool";
    if (e.alu === "abs" || e.alu === "real" || e.alu === "imag") return realDType(e.x.dtype);
    return e.x.dtype;
  }
  if (e.op === "binary") {
    if (COMPARISON_OPS.has(e.alu)) return "bool";
    if (e.alu === "complex") return undefined;
    return e.x.dtype;
  }
  return undefined;
}

/**
 * Emits an expression DAG into per-level blocks: each node is computed once (shared nodes
 * included), at the outermost loop level where all its operands are available, which hoists
 * loop-invariant work out of inner loops.
 */
export class ExprEmitter {
  private readonly codes = new Map<Expr, Code>();
  /** Loads of one input read the same element, even through distinct nodes. */
  private readonly loads = new Map<number, Code>();
  private readonly levels = new Map<Expr, number>();

  constructor(
    private readonly ctx: GenContext,
    private readonly env: LeafEnv,
    /** The statement list of each level: index level + 1 (index 0 is before all loops). */
    private readonly blocks: string[][],
    private readonly epilogueBlock: string[],
    /** Whether float32 multiply-adds may be contracted (LoopKernel.contract). */
    private readonly contractFma: boolean,
  ) {}

  level(e: Expr): number {
    const cached = this.levels.get(e);
    if (cached !== undefined) return cached;
    let level: number;
    switch (e.op) {
      case "const":
        level = -1;
        break;
      case "load":
      case "valid":
        level = this.env.inputLevel(e.input);
        break;
      case "index":
        level = this.env.index(e.axis).level;
        break;
      case "acc":
        level = EPILOGUE;
        break;
      case "unary":
      case "cast":
      case "bitcast":
        level = this.level(e.x);
        break;
      case "binary":
        level = Math.max(this.level(e.x), this.level(e.y));
        break;
      case "where":
        level = Math.max(this.level(e.cond), this.level(e.x), this.level(e.y));
        break;
      default:
        return e satisfies never;
    }
    this.levels.set(e, level);
    return level;
  }

  /** The code of node `e`, emitting it (and its operands) first if needed. */
  emit(e: Expr): Code {
    const done = this.codes.get(e) ?? (e.op === "load" ? this.loads.get(e.input) : undefined);
    if (done) return done;
    // Operands first: they may live at outer levels.
    const operands = this.operands(e).map((o) => this.emit(o));
    const level = this.level(e);
    this.ctx.target = level === EPILOGUE ? this.epilogueBlock : this.blocks[level + 1];
    const raw = this.generate(e, operands);
    const code: Code = {
      re: this.ctx.bind(raw.re),
      im: isComplex(e.dtype) ? this.ctx.bind(raw.im ?? "0") : undefined,
    };
    this.codes.set(e, code);
    if (e.op === "load") this.loads.set(e.input, code);
    return code;
  }

  private operands(e: Expr): Expr[] {
    switch (e.op) {
      case "unary":
      case "cast":
      case "bitcast":
        return [e.x];
      case "binary":
        return [e.x, e.y];
      case "where":
        return [e.cond, e.x, e.y];
      default:
        return [];
    }
  }

  /**
   * XLA's CPU compiler lets LLVM contract a float32 multiply feeding an add or subtract into one
   * fused multiply-add, and jax.random's samplers (among others) depend on those roundings. A
   * float32 product is exact in a double, so rounding `a * b + c` once to float32 is the FMA, up to
   * a double rounding that needs an exact float32 tie (about 2^-29 of cases). The multiply on the
   * left is taken first, as LLVM's combiner does.
   */
  private contract(e: Expr & { op: "binary" }): string | undefined {
    if (!this.contractFma || e.dtype !== "float32" || (e.alu !== "add" && e.alu !== "sub")) return undefined;
    const sign = e.alu === "add" ? "+" : "-";
    const isMul = (n: Expr): n is Expr & { op: "binary" } =>
      n.op === "binary" && n.alu === "mul" && n.dtype === "float32";
    // Operands were emitted before this node, so these lookups hit the cache.
    const code = (n: Expr): string => this.emit(n).re;
    if (isMul(e.x))
      return roundTo("float32", `${code(e.x.x)} * ${code(e.x.y)} ${sign} ${code(e.y)}`, this.ctx);
    if (isMul(e.y))
      return roundTo("float32", `${code(e.x)} ${sign} ${code(e.y.x)} * ${code(e.y.y)}`, this.ctx);
    return undefined;
  }

  private generate(e: Expr, ops: Code[]): Code {
    const ctx = this.ctx;
    switch (e.op) {
      case "const": {
        if (isComplex(e.dtype)) {
          const [re, im] = typeof e.value === "number" ? [e.value, 0] : e.value;
          return { re: constLiteral(re, e.dtype), im: constLiteral(im, e.dtype) };
        }
        if (typeof e.value !== "number") throw malformed(`a ${e.dtype} constant must be a number`);
        return { re: constLiteral(e.value, e.dtype) };
      }
      case "load":
        return this.env.load(e.input, e.dtype);
      case "valid":
        return { re: this.env.valid(e.input) };
      case "index":
        return castCode("int32", e.dtype, { re: this.env.index(e.axis).code }, ctx);
      case "acc":
        return this.env.acc(e.dtype);
      case "unary": {
        const want = expectedDType(e);
        if (want !== e.dtype)
          throw malformed(`unary ${e.alu} of ${e.x.dtype} must have dtype ${want}, not ${e.dtype}`);
        if (isComplex(e.x.dtype)) return unaryComplex(e.alu, e.x.dtype, ops[0], ctx);
        return { re: unaryReal(e.alu, e.x.dtype, ops[0].re, ctx) };
      }
      case "binary": {
        if (e.alu === "complex") {
          if (e.x.dtype !== e.y.dtype) throw malformed("complex needs operands of one dtype");
          return makeComplex(e.dtype, ops[0], ops[1], ctx);
        }
        const want = expectedDType(e);
        if (want !== e.dtype) throw malformed(`binary ${e.alu} must have dtype ${want}, not ${e.dtype}`);
        if (e.alu !== "pow" && e.x.dtype !== e.y.dtype) {
          throw malformed(`binary ${e.alu} has operands of dtypes ${e.x.dtype} and ${e.y.dtype}`);
        }
        if (isComplex(e.x.dtype)) return binaryComplex(e.alu, e.x.dtype, ops[0], ops[1], ctx);
        const fused = this.contract(e);
        if (fused !== undefined) return { re: fused };
        if (isComplex(e.y.dtype)) throw malformed(`pow of a real ${e.x.dtype} by a complex exponent`);
        return { re: binaryReal(e.alu, e.x.dtype, ops[0].re, ops[1].re, ctx) };
      }
      case "where": {
        if (e.x.dtype !== e.dtype || e.y.dtype !== e.dtype)
          throw malformed("where branches must have the node's dtype");
        const c = ops[0].re;
        const [x, y] = [ops[1], ops[2]];
        if (!isComplex(e.dtype)) return { re: `(${c} ? ${x.re} : ${y.re})` };
        return { re: `(${c} ? ${x.re} : ${y.re})`, im: `(${c} ? ${x.im} : ${y.im})` };
      }
      case "cast":
        return castCode(e.x.dtype, e.dtype, ops[0], ctx);
      case "bitcast":
        return bitcastCode(e.x.dtype, e.dtype, ops[0], ctx);
      default:
        return e satisfies never;
    }
  }
}
