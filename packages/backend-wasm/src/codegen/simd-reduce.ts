import type { DType, LoopKernel, ReduceOp } from "@jaxts/backend";
import type { FunctionBuilder } from "../wasm/function-builder.js";
import type { PlainOp } from "../wasm/opcodes.js";
import { ValType } from "../wasm/types.js";
import type { LoopPlan } from "./plan.js";
import { simdNode } from "./simd-ops.js";
import { nodes } from "./simd-loop.js";

export const LANES = 4;
/**
 * Independent accumulators the vector loop alternates between: a fold's add (3–4 cycles of
 * latency) then no longer waits on the previous one, so an in-cache reduction runs at the loads'
 * pace. The loop folds vector i into accumulator i mod SLOTS, and `result` combines them in a
 * fixed order, so the sum does not depend on anything but the shape.
 */
export const SLOTS = 2;

/**
 * A reduction whose innermost reduced loop runs four lanes at a time: vector accumulators for
 * the lanes, a scalar one for the tail, combined at the end. Only reductions whose result does not
 * depend on the order of the fold keep the cpu backend's bits: integer sums and bitwise folds,
 * max and min; float32 sums accumulate in float64 lanes, so they differ from the cpu backend's
 * sequential float64 sum only in the float64 rounding, far below float32's.
 */
export interface SimdReduction {
  init(): void;
  /** Folds the four lanes of a v128 local into accumulator `slot` (0 ≤ slot < SLOTS). */
  vector(v: number, slot: number): void;
  /** Folds one scalar (a tail element) in. */
  scalar(v: number): void;
  /** Pushes the reduced value, of the expression's dtype. */
  result(): void;
}

/** Whether the kernel's reduction can vectorise its innermost reduced loop. */
export function simdReducible(kernel: LoopKernel, plan: LoopPlan): boolean {
  const L = plan.dims.length;
  const r = kernel.reduce;
  if (!r || L === 0 || !plan.dims[L - 1].reduce || plan.dims[L - 1].size < 2 * LANES) return false;
  const dtype = kernel.expr.dtype;
  if (!["float32", "int32", "uint32"].includes(dtype)) return false;
  const ok: readonly ReduceOp[] =
    dtype === "float32" ? ["sum", "max", "min"] : ["sum", "max", "min", "and", "or", "xor"];
  if (!ok.includes(r.op)) return false;
  const all = nodes(kernel.expr);
  if (!all.every(simdNode)) return false;
  return all.every((e) => {
    if (e.op !== "load") return true;
    const walk = plan.inputs[e.input];
    if (kernel.inputs[e.input]?.dtype !== e.dtype || walk.never || walk.masks.some((m) => m !== null))
      return false;
    const s = walk.strides[L - 1];
    return s === 0 || s === 1;
  });
}

const HIGH_HALF = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];

export function simdReduction(fb: FunctionBuilder, op: ReduceOp, dtype: DType): SimdReduction {
  if (dtype === "float32" && op === "sum") {
    const lo = Array.from({ length: SLOTS }, () => fb.local(ValType.v128));
    const hi = Array.from({ length: SLOTS }, () => fb.local(ValType.v128));
    const s = fb.local(ValType.f64);
    return {
      init: () => {
        for (let k = 0; k < SLOTS; k++) fb.f64(0).op("f64x2.splat").tee(lo[k]).set(hi[k]);
        fb.f64(0).set(s);
      },
      vector: (v, slot) => {
        fb.get(lo[slot]).get(v).op("f64x2.promote_low_f32x4", "f64x2.add").set(lo[slot]);
        fb.get(hi[slot])
          .get(v)
          .get(v)
          .shuffle(HIGH_HALF)
          .op("f64x2.promote_low_f32x4", "f64x2.add")
          .set(hi[slot]);
      },
      scalar: (v) => {
        fb.get(s).get(v).op("f64.promote_f32", "f64.add").set(s);
      },
      result: () => {
        for (let k = 1; k < SLOTS; k++) {
          fb.get(lo[0]).get(lo[k]).op("f64x2.add").set(lo[0]);
          fb.get(hi[0]).get(hi[k]).op("f64x2.add").set(hi[0]);
        }
        const [l, h] = [lo[0], hi[0]];
        fb.get(l).get(h).op("f64x2.add").set(l);
        fb.get(s).get(l).lane("f64x2.extract_lane", 0).op("f64.add");
        fb.get(l).lane("f64x2.extract_lane", 1).op("f64.add", "f32.demote_f64");
      },
    };
  }
  const isFloat = dtype === "float32";
  const signed = dtype === "int32";
  const accs = Array.from({ length: SLOTS }, () => fb.local(ValType.v128));
  const acc = accs[0];
  const s = fb.local(isFloat ? ValType.f32 : ValType.i32);
  let vop: PlainOp;
  let fold: (x: () => void) => void;
  let identity: number;
  const lane = (i: number) => fb.get(acc).lane(isFloat ? "f32x4.extract_lane" : "i32x4.extract_lane", i);
  if (isFloat) {
    vop = op === "max" ? "f32x4.max" : op === "min" ? "f32x4.min" : "f32x4.add";
    identity = op === "max" ? Number.NEGATIVE_INFINITY : op === "min" ? Number.POSITIVE_INFINITY : 0;
    fold = (x) => {
      fb.get(s);
      x();
      fb.op(op === "max" ? "f32.max" : "f32.min").set(s);
    };
  } else if (op === "max" || op === "min") {
    vop = `i32x4.${op}_${signed ? "s" : "u"}` as PlainOp;
    identity = op === "max" ? (signed ? -2147483648 : 0) : signed ? 2147483647 : -1;
    const cmp: PlainOp = `i32.${op === "max" ? "gt" : "lt"}_${signed ? "s" : "u"}` as PlainOp;
    fold = (x) => {
      const t = fb.local(ValType.i32);
      x();
      fb.set(t);
      fb.get(t).get(s).get(t).get(s).op(cmp, "select").set(s);
    };
  } else {
    const bitwise = op === "and" || op === "or" || op === "xor";
    vop = bitwise ? (`v128.${op}` as PlainOp) : "i32x4.add";
    identity = op === "and" ? -1 : 0;
    const sop: PlainOp = bitwise ? (`i32.${op}` as PlainOp) : "i32.add";
    fold = (x) => {
      fb.get(s);
      x();
      fb.op(sop).set(s);
    };
  }
  return {
    init: () => {
      for (const a of accs) {
        if (isFloat) fb.f32(identity).op("f32x4.splat").set(a);
        else fb.i32(identity).op("i32x4.splat").set(a);
      }
      if (isFloat) fb.f32(identity).set(s);
      else fb.i32(identity).set(s);
    },
    vector: (v, slot) => {
      fb.get(accs[slot]).get(v).op(vop).set(accs[slot]);
    },
    scalar: (v) => fold(() => fb.get(v)),
    result: () => {
      for (let k = 1; k < SLOTS; k++) fb.get(acc).get(accs[k]).op(vop).set(acc);
      for (let i = 0; i < LANES; i++) fold(() => lane(i));
      fb.get(s);
    },
  };
}
