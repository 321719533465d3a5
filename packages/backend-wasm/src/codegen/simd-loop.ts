import type { Expr, LoopKernel } from "@jaxts/backend";
import { wasmFeatures } from "../wasm/features.js";
import { ValType } from "../wasm/types.js";
import { info, load, NotLowered } from "./dtypes.js";
import { type LeafEnv, ScalarEmitter } from "./expr.js";
import { type LoopPlan, planLoops } from "./plan.js";
import type { OpContext } from "./scalar-ops.js";
import { emitVector, simdNode } from "./simd-ops.js";

const LANES = 4;

export function nodes(root: Expr): Expr[] {
  const seen = new Set<Expr>();
  const visit = (e: Expr): void => {
    if (seen.has(e)) return;
    seen.add(e);
    if (e.op === "unary" || e.op === "cast" || e.op === "bitcast") visit(e.x);
    else if (e.op === "binary") [e.x, e.y].forEach(visit);
    else if (e.op === "where") [e.cond, e.x, e.y].forEach(visit);
  };
  visit(root);
  return [...seen];
}

/**
 * Whether an elementwise kernel can run four lanes at a time along its innermost loop: 32-bit
 * dtypes only, every node computable lane-wise, every input read contiguously (stride 1) or
 * broadcast (stride 0) along that loop, and no masks.
 */
function qualifies(kernel: LoopKernel, plan: LoopPlan): boolean {
  const L = plan.dims.length;
  if (kernel.reduce || L === 0 || plan.dims[L - 1].size < 2 * LANES) return false;
  if (!["float32", "int32", "uint32"].includes(kernel.dtype) || kernel.expr.dtype !== kernel.dtype)
    return false;
  const all = nodes(kernel.expr);
  if (!all.every(simdNode)) return false;
  return all.every((e) => {
    if (e.op !== "load") return true;
    const input = kernel.inputs[e.input];
    const walk = plan.inputs[e.input];
    if (!input || input.dtype !== e.dtype || walk.never || walk.masks.some((m) => m !== null)) return false;
    const s = walk.strides[L - 1];
    return s === 0 || s === 1;
  });
}

/**
 * The SIMD128 loop nest of an elementwise kernel: outer loops as in the scalar nest, the
 * innermost one in steps of four lanes (v128 loads of contiguous inputs, splats of broadcast
 * ones), then a scalar tail. Lane results equal the scalar path's. Returns false (emitting
 * nothing) when the kernel does not qualify.
 */
export function trySimdLoop(kernel: LoopKernel, ctx: OpContext): boolean {
  if (!wasmFeatures().simd) return false;
  const plan = planLoops(kernel);
  if (!qualifies(kernel, plan)) return false;
  const { fb } = ctx;
  const L = plan.dims.length;
  const nIn = kernel.inputs.length;
  const out = nIn;
  // Pointers per input and depth: a local of its own where the input moves along that dim.
  const own = plan.inputs.map((w) => w.strides.map((s) => (s !== 0 ? fb.local(ValType.i32) : null)));
  const ptrAt = own.map((locals, k) => {
    let p = k;
    return locals.map((l) => {
      if (l !== null) p = l;
      return p;
    });
  });
  const counters = plan.dims.map(() => fb.local(ValType.i32));
  const bytes = kernel.inputs.map((i) => info(i.dtype).bytes);

  const enter = (d: number) => {
    for (let k = 0; k < nIn; k++) {
      const l = own[k][d];
      if (l !== null) fb.get(d === 0 ? k : ptrAt[k][d - 1]).set(l);
    }
  };
  const step = (d: number, elements: number) => {
    for (let k = 0; k < nIn; k++) {
      const l = own[k][d];
      if (l !== null)
        fb.get(l)
          .i32(plan.inputs[k].strides[d] * bytes[k] * elements)
          .op("i32.add")
          .set(l);
    }
  };
  const counted = (d: number, count: number, body: () => void) => {
    if (count === 0) return;
    const i = counters[d];
    fb.i32(0).set(i);
    fb.loop(() => {
      body();
      fb.get(i).i32(1).op("i32.add").tee(i).i32(count).op("i32.lt_s").brIf(0);
    });
  };

  const inner = L - 1;
  const size = plan.dims[inner].size;
  const vectorBody = () => {
    const value = emitVector(fb, kernel.expr, (input) => {
      fb.get(ptrAt[input][inner]);
      fb.mem(plan.inputs[input].strides[inner] === 0 ? "v128.load32_splat" : "v128.load", 0, 0);
    });
    fb.get(out).get(value).mem("v128.store", 0, 0);
    fb.get(out).i32(16).op("i32.add").set(out);
    step(inner, LANES);
  };
  const scalarBody = () => {
    const env: LeafEnv = {
      load: (k, dtype) => {
        fb.get(ptrAt[k][inner]);
        load(fb, dtype);
      },
      loadPart: () => {
        throw new NotLowered("complex in a SIMD kernel");
      },
      valid: () => fb.i32(1),
      index: () => {
        throw new NotLowered("index in a SIMD kernel");
      },
      acc: () => {
        throw new NotLowered("acc in a SIMD kernel");
      },
    };
    const value = new ScalarEmitter(ctx, env).emit(kernel.expr);
    fb.get(out).get(value).mem(info(kernel.dtype).store, 0, 0);
    fb.get(out).i32(4).op("i32.add").set(out);
    step(inner, 1);
  };

  const level = (d: number) => {
    enter(d);
    if (d === inner) {
      counted(d, Math.floor(size / LANES), vectorBody);
      counted(d, size % LANES, scalarBody);
      return;
    }
    counted(d, plan.dims[d].size, () => {
      level(d + 1);
      step(d, 1);
    });
  };
  level(0);
  return true;
}
