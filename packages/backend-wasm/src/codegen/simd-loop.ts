import type { Expr, LoopKernel } from "@jaxts/backend";
import { wasmFeatures } from "../wasm/features.js";
import { ValType } from "../wasm/types.js";
import { info, load, NotLowered } from "./dtypes.js";
import { type LeafEnv, ScalarEmitter } from "./expr.js";
import { type LoopPlan, planLoops } from "./plan.js";
import type { OpContext } from "./scalar-ops.js";
import { emitVector, simdNode } from "./simd-ops.js";
import type { SplitParams } from "./split.js";

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
 * dtypes only, every node computable lane-wise, and no masks. Inputs read contiguously (stride 1)
 * along that loop load a v128, broadcast ones (stride 0) a splat, and strided ones (a transposed
 * view) gather their four lanes.
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
    return input && input.dtype === e.dtype && !walk.never && walk.masks.every((m) => m === null);
  });
}

/**
 * The SIMD128 loop nest of an elementwise kernel: outer loops as in the scalar nest, the
 * innermost one in steps of four lanes (v128 loads of contiguous inputs, splats of broadcast
 * ones), then a scalar tail. Lane results equal the scalar path's. Returns false (emitting
 * nothing) when the kernel does not qualify. With `bounds`, the outermost loop runs lo..hi (the
 * pointers already moved to lo, see split.ts).
 */
export function trySimdLoop(kernel: LoopKernel, ctx: OpContext, bounds: SplitParams | null): boolean {
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

  /** Four 32-bit lanes `stepBytes` apart from the address on the stack (whose local is `ptr`). */
  const gather = (ptr: number, stepBytes: number) => {
    fb.mem("v128.load32_splat", 0, 0);
    for (let lane = 1; lane < LANES; lane++) {
      fb.get(ptr);
      // Loads take only non-negative offsets; a reversed view adds its (negative) step.
      if (stepBytes > 0) fb.mem("i32.load", lane * stepBytes, 0);
      else
        fb.i32(lane * stepBytes)
          .op("i32.add")
          .mem("i32.load", 0, 0);
      fb.lane("i32x4.replace_lane", lane);
    }
  };

  const inner = L - 1;
  const size = plan.dims[inner].size;
  const vectorBody = () => {
    const value = emitVector(fb, kernel.expr, (input) => {
      const stride = plan.inputs[input].strides[inner];
      const ptr = ptrAt[input][inner];
      fb.get(ptr);
      if (stride === 1) fb.mem("v128.load", 0, 0);
      else if (stride === 0) fb.mem("v128.load32_splat", 0, 0);
      else gather(ptr, stride * 4);
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

  /** `body` (hi − lo) >> shift times, or (hi − lo) & mask times: the split outermost loop. */
  const countedSplit = (d: number, split: SplitParams, count: () => void, body: () => void) => {
    fb.forRange(
      counters[d],
      () => fb.i32(0),
      () => {
        fb.get(split.hi).get(split.lo).op("i32.sub");
        count();
      },
      1,
      body,
    );
  };
  const level = (d: number) => {
    enter(d);
    const split = d === 0 ? bounds : null;
    if (d === inner) {
      if (split) {
        // Split ranges start at multiples of LANES (split.ts), so lanes line up as on one thread.
        countedSplit(d, split, () => fb.i32(2).op("i32.shr_u"), vectorBody);
        countedSplit(d, split, () => fb.i32(LANES - 1).op("i32.and"), scalarBody);
        return;
      }
      counted(d, Math.floor(size / LANES), vectorBody);
      counted(d, size % LANES, scalarBody);
      return;
    }
    if (split) {
      fb.forRange(
        counters[d],
        () => fb.get(split.lo),
        () => fb.get(split.hi),
        1,
        () => {
          level(d + 1);
          step(d, 1);
        },
      );
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
