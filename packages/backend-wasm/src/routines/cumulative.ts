import { type CumulativeOp, contiguousStrides, type DType, type RoutineKernel, sizeOf } from "@jaxts/backend";
import type { MemoryConfig } from "../codegen/memory-config.js";
import type { ExecFn } from "../loop-executable.js";
import { wasmFeatures } from "../wasm/features.js";
import type { FunctionBuilder, MemoryOp } from "../wasm/function-builder.js";
import { ModuleBuilder } from "../wasm/module-builder.js";
import type { PlainOp } from "../wasm/opcodes.js";
import { ValType } from "../wasm/types.js";
import { checkOperand, checkOutput, memoryImport, routineInstance } from "./common.js";
import { stridedCopy } from "./copy-module.js";
import type { RoutineContext } from "./index.js";

const { i32 } = ValType;

type ScanDType = "float32" | "float64" | "int32" | "uint32";
type ScanOp = Exclude<CumulativeOp, "logsumexp">;

interface DTypeOps {
  readonly type: ValType;
  readonly bytes: number;
  readonly load: MemoryOp;
  readonly store: MemoryOp;
  /** prev ∘ cur for sum, prod, max, min (scalar, then four- or two-lane). */
  readonly scalar: Record<"sum" | "prod" | "max" | "min", readonly PlainOp[]>;
  readonly lanes: Record<"sum" | "prod" | "max" | "min", PlainOp>;
}

// The cpu combiner's semantics: float32 steps are Math.fround(a op b), which wasm's f32 ops
// compute exactly (each step rounded, no float64 accumulator); Math.max/min propagate NaN and
// order -0 below +0, as wasm's fmin/fmax do; integers wrap (Math.imul, |0, >>>0) as i32 ops do.
// Integer max/min are `a > b ? a : b` (signed or unsigned), written with select below.
const OPS: Record<ScanDType, DTypeOps> = {
  float32: {
    type: ValType.f32,
    bytes: 4,
    load: "f32.load",
    store: "f32.store",
    scalar: { sum: ["f32.add"], prod: ["f32.mul"], max: ["f32.max"], min: ["f32.min"] },
    lanes: { sum: "f32x4.add", prod: "f32x4.mul", max: "f32x4.max", min: "f32x4.min" },
  },
  float64: {
    type: ValType.f64,
    bytes: 8,
    load: "f64.load",
    store: "f64.store",
    scalar: { sum: ["f64.add"], prod: ["f64.mul"], max: ["f64.max"], min: ["f64.min"] },
    lanes: { sum: "f64x2.add", prod: "f64x2.mul", max: "f64x2.max", min: "f64x2.min" },
  },
  int32: {
    type: ValType.i32,
    bytes: 4,
    load: "i32.load",
    store: "i32.store",
    scalar: { sum: ["i32.add"], prod: ["i32.mul"], max: ["i32.gt_s"], min: ["i32.lt_s"] },
    lanes: { sum: "i32x4.add", prod: "i32x4.mul", max: "i32x4.max_s", min: "i32x4.min_s" },
  },
  uint32: {
    type: ValType.i32,
    bytes: 4,
    load: "i32.load",
    store: "i32.store",
    scalar: { sum: ["i32.add"], prod: ["i32.mul"], max: ["i32.gt_u"], min: ["i32.lt_u"] },
    lanes: { sum: "i32x4.add", prod: "i32x4.mul", max: "i32x4.max_u", min: "i32x4.min_u" },
  },
};

interface ScanSpec {
  readonly dtype: ScanDType;
  readonly op: ScanOp;
  readonly reverse: boolean;
  readonly simd: boolean;
}

/** Pushes combine(prev, cur) for locals `prev` and `cur`. */
function combine(fb: FunctionBuilder, spec: ScanSpec, prev: number, cur: number): void {
  const { dtype, op } = spec;
  const ops = OPS[dtype];
  if (ops.type === ValType.i32 && (op === "max" || op === "min")) {
    fb.get(prev).get(cur).get(prev).get(cur).op(ops.scalar[op][0], "select");
    return;
  }
  fb.get(prev)
    .get(cur)
    .op(...ops.scalar[op]);
}

/**
 * `scan(src, dst, outer, len, inner)` over contiguous [outer, len, inner] data (src may equal dst):
 * dst[o, t, i] = dst[o, t∓1, i] ∘ src[o, t, i], the first step a copy. With inner = 1 the running
 * value stays in a local; otherwise whole rows combine with the previous row, SIMD across i.
 */
function scanModule(memory: MemoryConfig, spec: ScanSpec): Uint8Array<ArrayBuffer> {
  const m = new ModuleBuilder();
  m.importMemory(memoryImport(memory));
  const fb = m.function([i32, i32, i32, i32, i32], [], "scan");
  const [src, dst, outer, len, inner] = [0, 1, 2, 3, 4];
  const ops = OPS[spec.dtype];
  const w = ops.bytes;
  const o = fb.local(i32);
  const t = fb.local(i32);
  const i = fb.local(i32);
  const p = fb.local(i32);
  const rowBytes = fb.local(i32);
  const step = fb.local(i32);
  const acc = fb.local(ops.type);
  const cur = fb.local(ops.type);
  const vectorBytes = fb.local(i32);
  const zero = () => fb.i32(0);
  fb.get(inner).i32(w).op("i32.mul").set(rowBytes);
  // The byte step from one t to the next (backwards when reversed).
  fb.get(rowBytes).set(step);
  if (spec.reverse) fb.i32(0).get(rowBytes).op("i32.sub").set(step);
  // Bytes of each row covered by whole vectors (SIMD ops only).
  const lanes = spec.simd;
  if (lanes) fb.get(rowBytes).i32(-16).op("i32.and").set(vectorBytes);
  fb.forRange(
    o,
    zero,
    () => fb.get(outer),
    1,
    () => {
      // p: byte offset of the first step's row within src and dst.
      fb.get(o).get(len).op("i32.mul");
      if (spec.reverse) fb.get(len).i32(1).op("i32.sub", "i32.add");
      fb.get(rowBytes).op("i32.mul").set(p);
      fb.get(inner).i32(1).op("i32.eq");
      fb.if_(
        () => {
          fb.get(src).get(p).op("i32.add").mem(ops.load, 0, 0).set(acc);
          fb.get(dst).get(p).op("i32.add").get(acc).mem(ops.store, 0, 0);
          fb.forRange(
            t,
            () => fb.i32(1),
            () => fb.get(len),
            1,
            () => {
              fb.get(p).get(step).op("i32.add").set(p);
              fb.get(src).get(p).op("i32.add").mem(ops.load, 0, 0).set(cur);
              combine(fb, spec, acc, cur);
              fb.set(acc);
              fb.get(dst).get(p).op("i32.add").get(acc).mem(ops.store, 0, 0);
            },
          );
        },
        () => {
          // The first row is copied (src may be dst: then it stays).
          fb.forRange(
            i,
            zero,
            () => fb.get(rowBytes),
            w,
            () => {
              fb.get(dst).get(p).op("i32.add").get(i).op("i32.add");
              fb.get(src).get(p).op("i32.add").get(i).op("i32.add").mem(ops.load, 0, 0);
              fb.mem(ops.store, 0, 0);
            },
          );
          fb.forRange(
            t,
            () => fb.i32(1),
            () => fb.get(len),
            1,
            () => {
              fb.get(p).get(step).op("i32.add").set(p);
              // dst + p - step: the previous row's address; i walks the row.
              fb.i32(0).set(i);
              if (lanes) {
                fb.forRange(
                  i,
                  zero,
                  () => fb.get(vectorBytes),
                  16,
                  () => {
                    fb.get(dst).get(p).op("i32.add").get(i).op("i32.add");
                    fb.get(dst)
                      .get(p)
                      .op("i32.add")
                      .get(step)
                      .op("i32.sub")
                      .get(i)
                      .op("i32.add")
                      .mem("v128.load", 0, 0);
                    fb.get(src).get(p).op("i32.add").get(i).op("i32.add").mem("v128.load", 0, 0);
                    fb.op(ops.lanes[spec.op]);
                    fb.mem("v128.store", 0, 0);
                  },
                );
                fb.get(vectorBytes).set(i);
              }
              fb.forRange(
                i,
                () => fb.get(i),
                () => fb.get(rowBytes),
                w,
                () => {
                  fb.get(dst)
                    .get(p)
                    .op("i32.add")
                    .get(step)
                    .op("i32.sub")
                    .get(i)
                    .op("i32.add")
                    .mem(ops.load, 0, 0)
                    .set(acc);
                  fb.get(src).get(p).op("i32.add").get(i).op("i32.add").mem(ops.load, 0, 0).set(cur);
                  fb.get(dst).get(p).op("i32.add").get(i).op("i32.add");
                  combine(fb, spec, acc, cur);
                  fb.mem(ops.store, 0, 0);
                },
              );
            },
          );
        },
      );
    },
  );
  return m.encode();
}

function isScanDType(dtype: DType): dtype is ScanDType {
  return dtype === "float32" || dtype === "float64" || dtype === "int32" || dtype === "uint32";
}

/**
 * The inclusive scan along `axis` (sum, prod, max, min) for float32, float64, int32 and uint32,
 * step by step in the cpu routine's order and roundings, so results are bit-identical. A strided
 * input is first copied into the output (contiguous), which is then scanned in place.
 */
export function cumulativeExec(kernel: RoutineKernel, ctx: RoutineContext): ExecFn | null {
  const r = kernel.routine;
  if (r.name !== "cumulative") return null;
  const input = kernel.inputs[0];
  const { dtype, view } = input;
  const shape = view.shape;
  if (!isScanDType(dtype) || view.mask || kernel.outputs[0]?.dtype !== dtype) return null;
  // logsumexp calls Math.exp and Math.log1p per step (bit-identical needs those very functions):
  // through wasm imports that ran ~1.4× slower than the cpu routine's inlined calls, so it stays there.
  if (r.op === "logsumexp") return null;
  if (r.axis < 0 || r.axis >= shape.length) return null;
  const spec: ScanSpec = { dtype, op: r.op, reverse: r.reverse, simd: wasmFeatures().simd };
  const { heap, memory } = ctx;
  const w = OPS[dtype].bytes;
  const len = shape[r.axis];
  const outer = sizeOf(shape.slice(0, r.axis));
  const inner = sizeOf(shape.slice(r.axis + 1));
  const outBytes = sizeOf(shape) * w;
  const srcStrides = view.strides.map((s) => s * w);
  const dstStrides = contiguousStrides(shape).map((s) => s * w);
  const key = `scan:${dtype}:${r.op}:${r.reverse}:${spec.simd}`;
  type ScanExports = { scan(src: number, dst: number, outer: number, len: number, inner: number): void };
  return (ins, outs) => {
    checkOperand("cumulative", "operand", input, ins[0], w);
    checkOutput("cumulative", outs[0], outBytes);
    if (outBytes === 0) return;
    const ex = routineInstance<ScanExports>(heap, memory, key, () => scanModule(memory, spec));
    const src = ins[0].address + view.offset * w;
    const out = outs[0].address;
    // Strides in bytes; a contiguous input (size-1 axes aside) is scanned where it lies.
    const dense = shape.every((n, d) => n === 1 || srcStrides[d] === dstStrides[d]);
    if (dense) ex.scan(src, out, outer, len, inner);
    else {
      stridedCopy(heap, memory, w, shape, out, dstStrides, src, srcStrides);
      ex.scan(out, out, outer, len, inner);
    }
  };
}
