import type { DType, LoopKernel } from "@jaxts/backend";
import type { FunctionBuilder } from "../wasm/function-builder.js";
import { wasmFeatures } from "../wasm/features.js";
import { ModuleBuilder } from "../wasm/module-builder.js";
import { ValType } from "../wasm/types.js";
import { complexPart, elementBytes, info, NotLowered, load } from "./dtypes.js";
import { type LeafEnv, ScalarEmitter } from "./expr.js";
import { importMath } from "./math-imports.js";
import type { MemoryConfig } from "./memory-config.js";
import { nodesByLevel } from "./hoist.js";
import { type LoopPlan, planLoops } from "./plan.js";
import { accumulator } from "./reduce.js";
import type { OpContext } from "./scalar-ops.js";
import { trySimdLoop } from "./simd-loop.js";
import { emitSplitPrologue, type LoopSplit, loopSplit, type SplitParams } from "./split.js";
import { emitVector } from "./simd-ops.js";
import { LANES, SLOTS, type SimdReduction, simdReducible, simdReduction } from "./simd-reduce.js";

/**
 * Compiles a loop kernel to a wasm module whose export `run(in0, ..., out, lo, hi)` takes the
 * byte address of each input's view origin (buffer address + offset) and of the output, and the
 * range of the outermost loop to run when the kernel can be split between threads (split.ts;
 * ignored otherwise). Shapes and strides are baked in; offsets are arguments, so one module
 * serves views at any offset. Throws NotLowered for what wasm code generation does not cover yet.
 */
export function loopModule(
  kernel: LoopKernel,
  memory: MemoryConfig,
): { readonly bytes: Uint8Array<ArrayBuffer>; readonly simd: boolean; readonly split: LoopSplit | null } {
  elementBytes(kernel.dtype);
  for (const input of kernel.inputs) elementBytes(input.dtype);
  if (kernel.reduce && (complexPart(kernel.dtype) || complexPart(kernel.expr.dtype))) {
    throw new NotLowered("complex reductions");
  }
  const m = new ModuleBuilder();
  const math = importMath(m);
  m.importMemory({
    module: "env",
    name: "memory",
    initialPages: 1,
    maximumPages: memory.shared ? memory.maximumPages : undefined,
    shared: memory.shared,
  });
  const nIn = kernel.inputs.length;
  const fb = m.function(new Array<ValType>(nIn + 3).fill(ValType.i32), [], "run");
  const ctx: OpContext = { fb, math, temp: (t) => fb.local(t) };
  const plan = planLoops(kernel);
  const params: SplitParams = { lo: nIn + 1, hi: nIn + 2 };
  const splittable = loopSplit(plan, false) !== null;
  if (splittable) emitSplitPrologue(fb, kernel, plan, params);
  const bounds = splittable ? params : null;
  const simdLoop = trySimdLoop(kernel, ctx, bounds);
  const simd = simdLoop || scalarLoop(kernel, ctx, plan, bounds);
  return { bytes: m.encode(), simd, split: loopSplit(plan, simdLoop && plan.dims.length === 1) };
}

/** The loop nest, scalar except for a vectorised innermost reduced loop (returns whether it is). */
function scalarLoop(kernel: LoopKernel, ctx: OpContext, plan: LoopPlan, bounds: SplitParams | null): boolean {
  const { fb } = ctx;
  const L = plan.dims.length;
  const nOut = plan.outDims;
  const nIn = kernel.inputs.length;
  const bytes = kernel.inputs.map((i) => elementBytes(i.dtype));
  // Per input and loop depth: the local holding its pointer and its in-mask flag (or none).
  const ptrAt: number[][] = [];
  const validAt: (number | null)[][] = [];
  const ownPtr: (number | null)[][] = [];
  const ownValid: (number | null)[][] = [];
  plan.inputs.forEach((walk, k) => {
    let ptr = k;
    let valid: number | null = null;
    const ptrs: number[] = [];
    const valids: (number | null)[] = [];
    const own: (number | null)[] = [];
    const ownV: (number | null)[] = [];
    for (let d = 0; d < L; d++) {
      if (walk.strides[d] !== 0) {
        ptr = fb.local(ValType.i32);
        own.push(ptr);
      } else own.push(null);
      if (walk.masks[d] && !walk.never) {
        valid = fb.local(ValType.i32);
        ownV.push(valid);
      } else ownV.push(null);
      ptrs.push(ptr);
      valids.push(valid);
    }
    ptrAt.push(ptrs);
    validAt.push(valids);
    ownPtr.push(own);
    ownValid.push(ownV);
  });
  const counters = plan.dims.map(() => fb.local(ValType.i32));
  const out = nIn;
  const outBytes = elementBytes(kernel.dtype);
  let depth = -1;

  /** Pushes input k's element (or, for complex inputs, part `part` of it) read as `dtype`. */
  const loadInput = (k: number, dtype: DType, byteOffset: number) => {
    if (plan.inputs[k].never) {
      pushZero(fb, dtype);
      return;
    }
    const ptr = depth < 0 ? k : ptrAt[k][depth];
    const valid = depth < 0 ? null : validAt[k][depth];
    const address = () => (byteOffset === 0 ? undefined : fb.i32(byteOffset).op("i32.add"));
    if (valid === null) {
      fb.get(ptr);
      address();
      load(fb, dtype);
      return;
    }
    // Outside the mask the pointer may be out of bounds: read address 0 instead, then use 0.
    fb.get(ptr);
    address();
    fb.i32(0).get(valid).op("select");
    load(fb, dtype);
    pushZero(fb, dtype);
    fb.get(valid).op("select");
  };
  const env: LeafEnv = {
    load(k, dtype) {
      if (kernel.inputs[k]?.dtype !== dtype) throw new NotLowered(`load of input ${k} as ${dtype}`);
      loadInput(k, dtype, 0);
    },
    loadPart(k, dtype, part) {
      const partDType = complexPart(dtype);
      if (kernel.inputs[k]?.dtype !== dtype || !partDType)
        throw new NotLowered(`load of input ${k} as ${dtype}`);
      loadInput(k, partDType, part * info(partDType).bytes);
    },
    valid(k) {
      if (plan.inputs[k].never) fb.i32(0);
      else {
        const valid = depth < 0 ? null : validAt[k][depth];
        if (valid === null) fb.i32(1);
        else fb.get(valid);
      }
    },
    index(axis) {
      const d = plan.axisDim[axis];
      if (d === undefined) throw new NotLowered(`index of axis ${axis}`);
      if (d < 0) fb.i32(0);
      else fb.get(counters[d]);
    },
    acc() {
      throw new NotLowered("acc outside a reduction epilogue");
    },
  };

  // The main expression's nodes are computed at the outermost level where their operands are
  // fixed (hoist.ts), so loop-invariant work leaves the inner loops.
  const main = new ScalarEmitter(ctx, env);
  const groups = nodesByLevel(kernel.expr, plan);
  const hoist = (d: number) => {
    for (const e of groups[d + 1]) {
      if (complexPart(e.dtype)) main.emitComplex(e);
      else main.emit(e);
    }
  };

  /** Loop `d` around `inner`: pointers start at the enclosing level's, step by their strides. */
  const level = (d: number, inner: () => void) => {
    const size = plan.dims[d].size;
    if (size === 0) return;
    for (let k = 0; k < nIn; k++) {
      const own = ownPtr[k][d];
      if (own !== null) fb.get(d === 0 ? k : ptrAt[k][d - 1]).set(own);
    }
    const i = counters[d];
    // The outermost loop runs lo..hi when split (the caller guarantees lo < hi), else 0..size.
    const split = d === 0 ? bounds : null;
    if (split) fb.get(split.lo).set(i);
    else fb.i32(0).set(i);
    fb.loop(() => {
      for (let k = 0; k < nIn; k++) {
        const v = ownValid[k][d];
        const mask = plan.inputs[k].masks[d];
        if (v === null || !mask) continue;
        const prev = d === 0 ? null : validAt[k][d - 1];
        fb.get(i).i32(mask[0]).op("i32.ge_s").get(i).i32(mask[1]).op("i32.lt_s", "i32.and");
        if (prev !== null) fb.get(prev).op("i32.and");
        fb.set(v);
      }
      depth = d;
      hoist(d);
      inner();
      for (let k = 0; k < nIn; k++) {
        const own = ownPtr[k][d];
        if (own !== null)
          fb.get(own)
            .i32(plan.inputs[k].strides[d] * bytes[k])
            .op("i32.add")
            .set(own);
      }
      fb.get(i).i32(1).op("i32.add").tee(i);
      if (split) fb.get(split.hi);
      else fb.i32(size);
      fb.op("i32.lt_s").brIf(0);
    });
  };

  /** The innermost reduced loop, four lanes at a time, then a scalar tail (see simd-reduce.ts). */
  const vectorInner = (d: number, red: SimdReduction) => {
    const size = plan.dims[d].size;
    for (let k = 0; k < nIn; k++) {
      const own = ownPtr[k][d];
      if (own !== null) fb.get(d === 0 ? k : ptrAt[k][d - 1]).set(own);
    }
    const stepAll = (elements: number) => {
      for (let k = 0; k < nIn; k++) {
        const own = ownPtr[k][d];
        if (own !== null)
          fb.get(own)
            .i32(plan.inputs[k].strides[d] * bytes[k] * elements)
            .op("i32.add")
            .set(own);
      }
    };
    const counted = (count: number, body: () => void) => {
      if (count === 0) return;
      const i = counters[d];
      fb.i32(0).set(i);
      fb.loop(() => {
        body();
        fb.get(i).i32(1).op("i32.add").tee(i).i32(count).op("i32.lt_s").brIf(0);
      });
    };
    const oneVector = (slot: number) => {
      const v = emitVector(fb, kernel.expr, (k) => {
        fb.get(ptrAt[k][d]).mem(plan.inputs[k].strides[d] === 0 ? "v128.load32_splat" : "v128.load", 0, 0);
      });
      red.vector(v, slot);
      stepAll(LANES);
    };
    // SLOTS vectors per iteration, one per accumulator, then the vectors left over.
    const vectors = Math.floor(size / LANES);
    counted(Math.floor(vectors / SLOTS), () => {
      for (let slot = 0; slot < SLOTS; slot++) oneVector(slot);
    });
    for (let slot = 0; slot < vectors % SLOTS; slot++) oneVector(slot);
    counted(size % LANES, () => {
      depth = d;
      red.scalar(new ScalarEmitter(ctx, env).emit(kernel.expr));
      stepAll(1);
    });
  };

  const store = (value: number) => {
    fb.get(out).get(value).mem(info(kernel.dtype).store, 0, 0);
    fb.get(out).i32(outBytes).op("i32.add").set(out);
  };
  const storeComplex = ([re, im]: readonly [number, number]) => {
    const part = info(complexPart(kernel.dtype)!);
    fb.get(out).get(re).mem(part.store, 0, 0);
    fb.get(out).get(im).mem(part.store, part.bytes, 0);
    fb.get(out).i32(outBytes).op("i32.add").set(out);
  };

  const reduce = kernel.reduce;
  const outputBody = () => {
    if (!reduce) {
      if (kernel.expr.dtype !== kernel.dtype) throw new NotLowered("output dtype mismatch");
      depth = L - 1;
      if (complexPart(kernel.dtype)) storeComplex(main.emitComplex(kernel.expr));
      else store(main.emit(kernel.expr));
      return;
    }
    const acc = accumulator(ctx, reduce.op, kernel.expr.dtype);
    const vector =
      wasmFeatures().simd && simdReducible(kernel, plan) ? simdReduction(fb, reduce.op, acc.dtype) : null;
    if (vector) vector.init();
    else acc.init();
    vectorised ||= vector !== null;
    const reduceLevel = (d: number) => {
      if (vector && d === L - 1) {
        vectorInner(d, vector);
        return;
      }
      if (d < L) {
        level(d, () => reduceLevel(d + 1));
        return;
      }
      depth = L - 1;
      acc.step(main.emit(kernel.expr));
    };
    reduceLevel(nOut);
    depth = nOut - 1;
    const accLocal = fb.local(info(acc.dtype).type);
    if (vector) vector.result();
    else acc.result();
    fb.set(accLocal);
    let value = accLocal;
    if (reduce.epilogue) {
      const epilogueEnv: LeafEnv = {
        ...env,
        acc(dtype) {
          if (dtype !== acc.dtype) throw new NotLowered(`acc of dtype ${dtype}`);
          fb.get(accLocal);
        },
      };
      value = new ScalarEmitter(ctx, epilogueEnv).emit(reduce.epilogue);
      if (reduce.epilogue.dtype !== kernel.dtype) throw new NotLowered("epilogue dtype mismatch");
    } else if (acc.dtype !== kernel.dtype) throw new NotLowered("reduction dtype mismatch");
    store(value);
  };
  const outLevel = (d: number) => {
    if (d < nOut) level(d, () => outLevel(d + 1));
    else outputBody();
  };
  let vectorised = false;
  depth = -1;
  hoist(-1);
  outLevel(0);
  return vectorised;
}

function pushZero(fb: FunctionBuilder, dtype: DType): void {
  const { kind, bits } = info(dtype);
  if (kind !== "f") fb.i32(0);
  else if (bits === 32) fb.f32(0);
  else fb.f64(0);
}
