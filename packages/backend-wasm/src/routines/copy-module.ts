import type { MemoryConfig } from "../codegen/memory-config.js";
import type { Heap } from "../memory/heap.js";
import { wasmFeatures } from "../wasm/features.js";
import type { FunctionBuilder, MemoryOp } from "../wasm/function-builder.js";
import { ModuleBuilder } from "../wasm/module-builder.js";
import { ValType } from "../wasm/types.js";
import { memoryImport, routineInstance } from "./common.js";

const { i32 } = ValType;

/** Element widths the copy functions move (wider elements are copied as 8-byte parts). */
export const COPY_WIDTHS = [1, 2, 4, 8] as const;
export type CopyWidth = (typeof COPY_WIDTHS)[number];

/** The eleven i32 parameters of the copy and gather functions: two addresses (or a table and its
 * length), then n0, n1, n2, d0, d1, d2, s0, s1, s2. */
export type StridedFn = (
  a: number,
  b: number,
  n0: number,
  n1: number,
  n2: number,
  d0: number,
  d1: number,
  d2: number,
  s0: number,
  s1: number,
  s2: number,
) => void;

/**
 * What the cpu backend's copies (loop kernels) do to values on the way: bool bytes become 0/1 and
 * float16 NaNs the canonical 0x7e00 (it decodes and re-encodes them). Copies of raw runs (its
 * `subarray` fast path) keep the bytes: "raw".
 */
export type CopyMode = "raw" | "bool" | "float16";

type CopyExports = Record<`copy${CopyWidth}` | "copy_bool" | "copy_float16", StridedFn>;

// Integer loads and stores, so float NaN payloads travel unchanged (bit-identical copies).
const OPS: Record<CopyWidth, readonly [MemoryOp, MemoryOp]> = {
  1: ["i32.load8_u", "i32.store8"],
  2: ["i32.load16_u", "i32.store16"],
  4: ["i32.load", "i32.store"],
  8: ["i64.load", "i64.store"],
};

/**
 * `copyW(dst, src, n0, n1, n2, d0, d1, d2, s0, s1, s2)`: a 3-d strided copy of W-byte elements,
 * strides in bytes (any sign). When the innermost axis is contiguous on both sides it is one run
 * of bytes, moved 16 (SIMD) or 8 bytes at a time, then byte by byte.
 */
function copyModule(memory: MemoryConfig, simd: boolean): Uint8Array<ArrayBuffer> {
  const m = new ModuleBuilder();
  m.importMemory(memoryImport(memory));
  const params = new Array<ValType>(11).fill(i32);
  for (const w of COPY_WIDTHS) copyFunction(m.function(params, [], `copy${w}`), w, simd, "raw");
  copyFunction(m.function(params, [], "copy_bool"), 1, simd, "bool");
  copyFunction(m.function(params, [], "copy_float16"), 2, simd, "float16");
  return m.encode();
}

/** Rewrites the loaded element on the stack as the cpu backend's copy of `mode` stores it. */
export function normalise(fb: FunctionBuilder, mode: CopyMode, v: number): void {
  if (mode === "bool") fb.i32(0).op("i32.ne");
  if (mode === "float16") {
    // (bits & 0x7fff) > 0x7c00: a NaN, whatever its sign and payload.
    fb.set(v).i32(0x7e00).get(v).get(v).i32(0x7fff).op("i32.and").i32(0x7c00).op("i32.gt_u", "select");
  }
}

function copyFunction(fb: FunctionBuilder, w: CopyWidth, simd: boolean, mode: CopyMode): void {
  emitStridedCopy(fb, w, simd, mode, 0, 1);
}

/**
 * Emits the 3-d strided copy of W-byte elements from the address in local `src` to that in local
 * `dst`, with the shape and byte strides in the function's parameters 2..10 (n0, n1, n2, d0, d1,
 * d2, s0, s1, s2): the body of `copyW` and, per table entry, of the gather module's functions.
 */
export function emitStridedCopy(
  fb: FunctionBuilder,
  w: CopyWidth,
  simd: boolean,
  mode: CopyMode,
  dst: number,
  src: number,
): void {
  const [n0, n1, n2, d0, d1, d2, s0, s1, s2] = [2, 3, 4, 5, 6, 7, 8, 9, 10];
  const i0 = fb.local(i32);
  const i1 = fb.local(i32);
  const i2 = fb.local(i32);
  const p = fb.local(i32);
  const q = fb.local(i32);
  const bytes = fb.local(i32);
  const chunk = simd ? 16 : 8;
  const [chunkLoad, chunkStore]: readonly [MemoryOp, MemoryOp] = simd
    ? ["v128.load", "v128.store"]
    : ["i64.load", "i64.store"];
  const [load, store] = OPS[w];
  // Contiguous innermost runs: both inner strides equal the width.
  const run = fb.local(i32);
  const v = fb.local(i32);
  if (mode === "raw") fb.get(d2).i32(w).op("i32.eq").get(s2).i32(w).op("i32.eq", "i32.and").set(run);
  fb.get(n2).i32(w).op("i32.mul").set(bytes);
  const zero = () => fb.i32(0);
  fb.forRange(
    i0,
    zero,
    () => fb.get(n0),
    1,
    () => {
      fb.forRange(
        i1,
        zero,
        () => fb.get(n1),
        1,
        () => {
          // q: destination row, p: source row.
          fb.get(dst)
            .get(i0)
            .get(d0)
            .op("i32.mul", "i32.add")
            .get(i1)
            .get(d1)
            .op("i32.mul", "i32.add")
            .set(q);
          fb.get(src)
            .get(i0)
            .get(s0)
            .op("i32.mul", "i32.add")
            .get(i1)
            .get(s1)
            .op("i32.mul", "i32.add")
            .set(p);
          fb.get(run);
          fb.if_(
            () => {
              // i2 counts bytes here.
              fb.i32(0).set(i2);
              fb.block(() => {
                fb.loop(() => {
                  fb.get(i2).i32(chunk).op("i32.add").get(bytes).op("i32.gt_s").brIf(1);
                  fb.get(q).get(i2).op("i32.add");
                  fb.get(p).get(i2).op("i32.add").mem(chunkLoad, 0, 0).mem(chunkStore, 0, 0);
                  fb.get(i2).i32(chunk).op("i32.add").set(i2);
                  fb.br(0);
                });
              });
              fb.forRange(
                i2,
                () => fb.get(i2),
                () => fb.get(bytes),
                1,
                () => {
                  fb.get(q).get(i2).op("i32.add");
                  fb.get(p).get(i2).op("i32.add").mem("i32.load8_u", 0, 0).mem("i32.store8", 0, 0);
                },
              );
            },
            () => {
              fb.forRange(
                i2,
                zero,
                () => fb.get(n2),
                1,
                () => {
                  fb.get(q).get(p).mem(load, 0, 0);
                  normalise(fb, mode, v);
                  fb.mem(store, 0, 0);
                  fb.get(q).get(d2).op("i32.add").set(q);
                  fb.get(p).get(s2).op("i32.add").set(p);
                },
              );
            },
          );
        },
      );
    },
  );
}

function copyExports(heap: Heap, memory: MemoryConfig): CopyExports {
  const simd = wasmFeatures().simd;
  return routineInstance<CopyExports>(heap, memory, `copy:${simd}`, () => copyModule(memory, simd));
}

/** An axis of a strided copy: its length, and its destination and source strides in bytes. */
export interface CopyAxis {
  readonly n: number;
  readonly d: number;
  readonly s: number;
}

/**
 * Drops size-1 axes, splits 16-byte elements (complex128) into two 8-byte parts along a new
 * innermost axis, merges axes contiguous on both sides, and pads to at least three axes.
 */
export function mergeAxes(axes: readonly CopyAxis[], bytes: number): { axes: CopyAxis[]; width: number } {
  const dims = axes.filter((a) => a.n !== 1);
  let width = bytes;
  if (width === 16) {
    dims.push({ n: 2, d: 8, s: 8 });
    width = 8;
  }
  const merged: CopyAxis[] = [];
  for (const dim of dims) {
    const last = merged[merged.length - 1];
    if (last && last.d === dim.d * dim.n && last.s === dim.s * dim.n) {
      merged[merged.length - 1] = { n: last.n * dim.n, d: dim.d, s: dim.s };
    } else merged.push(dim);
  }
  while (merged.length < 3) merged.unshift({ n: 1, d: 0, s: 0 });
  return { axes: merged, width };
}

/** The copy mode that reproduces the cpu backend's copy (a loop kernel) of `dtype`. */
export function copyModeOf(dtype: string): CopyMode {
  return dtype === "bool" ? "bool" : dtype === "float16" ? "float16" : "raw";
}

/**
 * Copies `shape` elements of `width` bytes from `src` to `dst` (addresses of element 0; strides in
 * bytes). Size-1 axes are dropped and axes that are contiguous on both sides merged, so most
 * copies are one or a few runs; axes beyond three are looped here.
 */
export function stridedCopy(
  heap: Heap,
  memory: MemoryConfig,
  width: number,
  shape: readonly number[],
  dst: number,
  dstStrides: readonly number[],
  src: number,
  srcStrides: readonly number[],
  mode: CopyMode = "raw",
): void {
  if (shape.some((n) => n === 0)) return;
  const { axes: merged, width: w } = mergeAxes(
    shape.map((n, a) => ({ n, d: dstStrides[a], s: srcStrides[a] })),
    width,
  );
  if (!(COPY_WIDTHS as readonly number[]).includes(w))
    throw new TypeError(`wasm backend: copy of ${w}-byte elements`);
  const ex = copyExports(heap, memory);
  const copy = mode === "raw" ? ex[`copy${w as CopyWidth}`] : ex[`copy_${mode}`];
  const outer = merged.slice(0, -3);
  const [a, b, c] = merged.slice(-3);
  const idx = new Array<number>(outer.length).fill(0);
  for (;;) {
    let q = dst;
    let p = src;
    outer.forEach((o, k) => {
      q += idx[k] * o.d;
      p += idx[k] * o.s;
    });
    copy(q, p, a.n, b.n, c.n, a.d, b.d, c.d, a.s, b.s, c.s);
    let k = outer.length - 1;
    for (; k >= 0; k--) {
      if (++idx[k] < outer[k].n) break;
      idx[k] = 0;
    }
    if (k < 0) return;
  }
}
