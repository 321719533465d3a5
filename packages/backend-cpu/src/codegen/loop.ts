import {
  type DType,
  type Expr,
  isComplex,
  type LoopKernel,
  planLoops,
  type StorageArray,
} from "@jaxts/backend";
import { type Code, GenContext } from "./context.js";
import { EPILOGUE, ExprEmitter, type LeafEnv } from "./expr.js";
import { loadCode } from "./dtypes.js";
import { accumulatorDType, reduceCode } from "./reduce.js";
import { RUNTIME } from "./runtime.js";

/** A compiled loop kernel: reads `inputs` at the given element offsets and fills `out`. */
export type LoopFn = (inputs: readonly StorageArray[], out: StorageArray, offsets: readonly number[]) => void;

export interface CompiledLoop {
  readonly source: string;
  readonly fn: LoopFn;
}

function storeCode(dtype: DType, v: Code, ctx: GenContext): string[] {
  if (isComplex(dtype)) return [`out[o] = ${v.re};`, `out[o + 1] = ${v.im};`, "o += 2;"];
  if (dtype === "float16") return [`out[o++] = ${ctx.use("f16b")}(${v.re});`];
  return [`out[o++] = ${v.re};`];
}

function indent(lines: readonly string[], depth: number): string[] {
  const pad = "  ".repeat(depth);
  return lines.map((l) => pad + l);
}

/**
 * Generates the JavaScript of a loop kernel. Shapes, strides and masks are baked in as literals;
 * offsets are run-time arguments, so views that differ only in offset share the code.
 */
export function loopSource(kernel: LoopKernel): string {
  const plan = planLoops(kernel, "cpu");
  const ctx = new GenContext();
  const L = plan.dims.length;
  const nOut = plan.outDims;
  const blocks: string[][] = Array.from({ length: L + 1 }, () => []);
  const epilogueBlock: string[] = [];
  // Per input and level: the pointer variable and validity flag in scope at that level.
  const ptrAt: string[][] = [];
  const validAt: string[][] = [];
  // Per loop dim, the pointer and mask bookkeeping of each input (kept only for inputs in use).
  type PerInput = { k: number; line: string };
  const loopHeads: PerInput[][] = Array.from({ length: L }, () => []);
  const steps: PerInput[][] = Array.from({ length: L }, () => []);
  const maskLines: PerInput[][] = Array.from({ length: L }, () => []);
  const used = new Set<number>();
  const touched = new Set<number>();
  const live = (entries: PerInput[]) => entries.filter((e) => touched.has(e.k)).map((e) => e.line);
  const scale = kernel.inputs.map((i) => (isComplex(i.dtype) ? 2 : 1));

  plan.inputs.forEach((walk, k) => {
    let ptr = `p${k}`;
    let valid = walk.never ? "false" : "true";
    const ptrs: string[] = [];
    const valids: string[] = [];
    for (let d = 0; d < L; d++) {
      const stride = walk.strides[d] * scale[k];
      if (stride !== 0) {
        const next = `p${k}_${d}`;
        loopHeads[d].push({ k, line: `let ${next} = ${ptr};` });
        steps[d].push({ k, line: stride > 0 ? `${next} += ${stride}` : `${next} -= ${-stride}` });
        ptr = next;
      }
      const mask = walk.masks[d];
      if (mask && !walk.never) {
        const next = `v${k}_${d}`;
        const prev = valid === "true" ? "" : `${valid} && `;
        maskLines[d].push({ k, line: `const ${next} = ${prev}i${d} >= ${mask[0]} && i${d} < ${mask[1]};` });
        valid = next;
      }
      ptrs.push(ptr);
      valids.push(valid);
    }
    ptrAt.push(ptrs);
    validAt.push(valids);
  });

  const inputLevel = (k: number): number => {
    const walk = plan.inputs[k];
    if (walk.never) return -1;
    let level = -1;
    for (let d = 0; d < L; d++) if (walk.strides[d] !== 0 || walk.masks[d]) level = d;
    return level;
  };
  const ptrOf = (k: number, level: number) => (level < 0 ? `p${k}` : ptrAt[k][level]);
  const validOf = (k: number, level: number) =>
    plan.inputs[k].never ? "false" : level < 0 ? "true" : validAt[k][level];
  let accCode: Code | undefined;

  const env: LeafEnv = {
    inputLevel,
    load(k, dtype) {
      if (dtype !== kernel.inputs[k]?.dtype) {
        throw new Error(`cpu backend: malformed kernel: load of input ${k} as ${dtype}`);
      }
      used.add(k);
      touched.add(k);
      const level = inputLevel(k);
      const valid = validOf(k, level);
      if (valid === "false") return isComplex(dtype) ? { re: "0", im: "0" } : { re: "0" };
      const value = loadCode(dtype, `in${k}`, ptrOf(k, level), ctx);
      if (valid === "true") return value;
      return { re: `(${valid} ? ${value.re} : 0)`, im: value.im && `(${valid} ? ${value.im} : 0)` };
    },
    valid(k) {
      touched.add(k);
      const valid = validOf(k, inputLevel(k));
      return valid === "true" ? "1" : valid === "false" ? "0" : `(${valid} ? 1 : 0)`;
    },
    index(axis) {
      const d = plan.axisDim[axis];
      if (d === undefined) throw new Error(`cpu backend: malformed kernel: index of axis ${axis}`);
      return d < 0 ? { level: -1, code: "0" } : { level: d, code: `i${d}` };
    },
    acc(dtype) {
      if (!accCode) throw new Error("cpu backend: malformed kernel: acc outside a reduction epilogue");
      const reduce = kernel.reduce!;
      const accDType = accumulatorDType(reduce.op, kernel.expr.dtype);
      if (dtype !== accDType)
        throw new Error(`cpu backend: malformed kernel: acc has dtype ${accDType}, not ${dtype}`);
      return accCode;
    },
  };
  const emitter = new ExprEmitter(ctx, env, blocks, epilogueBlock, kernel.contract === true);
  const value = emitter.emit(kernel.expr);
  if (emitter.level(kernel.expr) === EPILOGUE) {
    throw new Error("cpu backend: malformed kernel: acc used outside the epilogue");
  }

  // The innermost body of the output loops: either the store, or the whole reduction.
  let work: string[];
  const reduce = kernel.reduce;
  if (!reduce) {
    if (kernel.dtype !== kernel.expr.dtype) {
      throw new Error(
        `cpu backend: malformed kernel: dtype ${kernel.dtype} but expression of ${kernel.expr.dtype}`,
      );
    }
    work = storeCode(kernel.dtype, value, ctx);
  } else {
    ctx.target = epilogueBlock;
    const red = reduceCode(reduce.op, kernel.expr.dtype, ctx);
    const accDType = accumulatorDType(reduce.op, kernel.expr.dtype);
    const result: Code = {
      re: ctx.bind(red.result.re, "acc"),
      im: red.result.im === undefined ? undefined : ctx.bind(red.result.im, "acc"),
    };
    accCode = result;
    let out = result;
    let outDType = accDType;
    if (reduce.epilogue) {
      checkEpilogue(reduce.epilogue, emitter, nOut);
      out = emitter.emit(reduce.epilogue);
      outDType = reduce.epilogue.dtype;
    }
    if (outDType !== kernel.dtype) {
      throw new Error(
        `cpu backend: malformed kernel: dtype ${kernel.dtype} but the reduction yields ${outDType}`,
      );
    }
    // The reduction loops, innermost first.
    let inner = red.step(value);
    for (let d = L - 1; d >= nOut; d--) inner = wrapLoop(d, inner);
    work = [...red.init, ...inner, ...epilogueBlock, ...storeCode(kernel.dtype, out, ctx)];
  }
  let body = work;
  for (let d = nOut - 1; d >= 0; d--) body = wrapLoop(d, body);

  /** Loop d around `inner`, with its pointer steps, mask flags and the nodes computed at its level. */
  function wrapLoop(d: number, inner: string[]): string[] {
    const update = [`i${d}++`, ...live(steps[d])].join(", ");
    return [
      ...live(loopHeads[d]),
      `for (let i${d} = 0; i${d} < ${plan.dims[d].size}; ${update}) {`,
      ...indent([...live(maskLines[d]), ...blocks[d + 1], ...inner], 1),
      "}",
    ];
  }

  const header = [...used].sort((a, b) => a - b).flatMap((k) => [`const in${k} = ins[${k}];`]);
  const offsets = kernel.inputs.map((_, k) => `const p${k} = offs[${k}]${scale[k] === 2 ? " * 2" : ""};`);
  const fnBody = [...header, ...offsets, ...blocks[0], "let o = 0;", ...body];
  return [
    '"use strict";',
    ctx.helpers(),
    "return function kernel(ins, out, offs) {",
    ...indent(fnBody, 1),
    "};",
  ]
    .filter((l) => l !== "")
    .join("\n");
}

/** The epilogue runs once per output element, so nothing in it may vary along reduced axes. */
function checkEpilogue(epilogue: Expr, emitter: ExprEmitter, nOut: number): void {
  const seen = new Set<Expr>();
  const visit = (e: Expr): void => {
    if (seen.has(e)) return;
    seen.add(e);
    const level = emitter.level(e);
    if (level === EPILOGUE) {
      if (e.op === "unary" || e.op === "cast" || e.op === "bitcast") visit(e.x);
      else if (e.op === "binary") [e.x, e.y].forEach(visit);
      else if (e.op === "where") [e.cond, e.x, e.y].forEach(visit);
    } else if (level >= nOut) {
      throw new Error("cpu backend: malformed kernel: the epilogue reads along reduced axes");
    }
  };
  visit(epilogue);
}

/** Compiles a loop kernel to a JavaScript function. */
export function compileLoop(kernel: LoopKernel): CompiledLoop {
  const source = loopSource(kernel);
  const factory = new Function("rt", source) as (rt: typeof RUNTIME) => LoopFn;
  return { source, fn: factory(RUNTIME) };
}
