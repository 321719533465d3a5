import type { MemoryConfig } from "../codegen/memory-config.js";
import type { FunctionBuilder } from "../wasm/function-builder.js";
import { ModuleBuilder } from "../wasm/module-builder.js";
import { ValType } from "../wasm/types.js";

const { i32, v128 } = ValType;

/** The register tile of the float32 micro-kernel: MR rows × NR columns (NR = two v128 per row). */
export const NR = 8;
/**
 * MR: 6 rows with fused multiply-add (12 accumulators, two B vectors and an A splat fill the 15
 * vector registers V8 allocates on x64), 5 without, where each product needs a temporary: with 6
 * the accumulators spill and the kernel runs about 1.5× slower.
 */
export function tileRows(fma: boolean): number {
  return fma ? 6 : 5;
}
/** The largest MR, for sizing scratch that serves either kernel. */
export const MAX_MR = 6;
/** Where the main thread stages partial edge tiles: the heap's reserved bytes below the first buffer. */
export const EDGE_SCRATCH = 256;
/** Bytes of one edge-tile staging area. */
export const EDGE_BYTES = MAX_MR * NR * 4;

export interface GemmOptions {
  readonly memory: MemoryConfig;
  /** Use relaxed-SIMD's f32x4.relaxed_madd (a fused multiply-add where the hardware has FMA). */
  readonly fma: boolean;
}

/**
 * The float32 GEMM module, BLIS style. The JavaScript driver (matmul.ts) blocks the product for
 * the caches and calls:
 * - `pack_a(mc, kc, A, rowStride, colStride, dst)`: an mc×kc block of A (strides in bytes, so
 *   any transpose) into MR-row panels, p-major, zero-padded to a multiple of MR rows;
 * - `pack_b(kc, nc, B, rowStride, colStride, dst)`: a kc×nc block of B into NR-column panels;
 * - `macro(mc, nc, kc, packedA, packedB, C, ldcBytes, accumulate, scratch)`: C[mc×nc] (+)= A·B, one
 *   MR×NR register tile at a time: MR·2 v128 accumulators, per step of k two loads of B, MR splats
 *   of A and 2·MR multiply-adds; partial edge tiles are staged at `scratch` (EDGE_BYTES, one per
 *   thread).
 */
export function gemmModule(options: GemmOptions): Uint8Array<ArrayBuffer> {
  const m = new ModuleBuilder();
  m.importMemory({
    module: "env",
    name: "memory",
    initialPages: 1,
    maximumPages: options.memory.shared ? options.memory.maximumPages : undefined,
    shared: options.memory.shared,
  });
  const mr = tileRows(options.fma);
  packA(m.function([i32, i32, i32, i32, i32, i32], [], "pack_a"), mr);
  packB(m.function([i32, i32, i32, i32, i32, i32], [], "pack_b"));
  const microIndex = m.nextFunctionIndex;
  micro(m.function([i32, i32, i32, i32, i32, i32, i32, i32, i32], []), options.fma, mr);
  macro(m.function([i32, i32, i32, i32, i32, i32, i32, i32, i32], [], "macro"), microIndex, mr);
  return m.encode();
}

/** Copies an f32 from the address `src` pushes (or 0 where `inside` is false) to `dst`, advancing it. */
function copyOrZero(fb: FunctionBuilder, dst: number, src: () => void, inside: () => void): void {
  fb.get(dst);
  inside();
  fb.if_(
    () => {
      src();
      fb.mem("f32.load", 0, 0);
    },
    () => fb.f32(0),
    ValType.f32,
  );
  fb.mem("f32.store");
  fb.get(dst).i32(4).op("i32.add").set(dst);
}

function packA(fb: FunctionBuilder, MR: number): void {
  const [mc, kc, a, rs, cs, dst] = [0, 1, 2, 3, 4, 5];
  const i0 = fb.local(i32);
  const p = fb.local(i32);
  const row = fb.local(i32);
  const ptr = fb.local(i32);
  fb.forRange(
    i0,
    () => fb.i32(0),
    () => fb.get(mc),
    MR,
    () => {
      fb.forRange(
        p,
        () => fb.i32(0),
        () => fb.get(kc),
        1,
        () => {
          for (let r = 0; r < MR; r++) {
            fb.get(i0).i32(r).op("i32.add").set(row);
            fb.get(a)
              .get(row)
              .get(rs)
              .op("i32.mul", "i32.add")
              .get(p)
              .get(cs)
              .op("i32.mul", "i32.add")
              .set(ptr);
            copyOrZero(
              fb,
              dst,
              () => fb.get(ptr),
              () => fb.get(row).get(mc).op("i32.lt_s"),
            );
          }
        },
      );
    },
  );
}

function packB(fb: FunctionBuilder): void {
  const [kc, nc, b, rs, cs, dst] = [0, 1, 2, 3, 4, 5];
  const j0 = fb.local(i32);
  const p = fb.local(i32);
  const col = fb.local(i32);
  const ptr = fb.local(i32);
  fb.forRange(
    j0,
    () => fb.i32(0),
    () => fb.get(nc),
    NR,
    () => {
      fb.forRange(
        p,
        () => fb.i32(0),
        () => fb.get(kc),
        1,
        () => {
          fb.get(b).get(p).get(rs).op("i32.mul", "i32.add").get(j0).get(cs).op("i32.mul", "i32.add").set(ptr);
          // A full panel of a row-major B is two contiguous v128 loads.
          fb.get(cs).i32(4).op("i32.eq").get(j0).i32(NR).op("i32.add").get(nc).op("i32.le_s", "i32.and");
          fb.if_(
            () => {
              fb.get(dst).get(ptr).mem("v128.load", 0, 0).mem("v128.store", 0, 0);
              fb.get(dst).get(ptr).mem("v128.load", 16, 0).mem("v128.store", 16, 0);
              fb.get(dst)
                .i32(NR * 4)
                .op("i32.add")
                .set(dst);
            },
            () => {
              for (let c = 0; c < NR; c++) {
                fb.get(j0).i32(c).op("i32.add").set(col);
                copyOrZero(
                  fb,
                  dst,
                  () => fb.get(ptr).get(cs).i32(c).op("i32.mul", "i32.add"),
                  () => fb.get(col).get(nc).op("i32.lt_s"),
                );
              }
            },
          );
        },
      );
    },
  );
}

/**
 * micro(kc, packedA, packedB, C, ldcBytes, rows, cols, accumulate, scratch): one MR×NR tile.
 * With `accumulate` the accumulators start from C (a later block of k), so each element is one
 * multiply-add after another along all of k, as XLA's CPU dot computes float32 products: the same
 * roundings as the cpu backend's float32 GEMM, whatever the blocking.
 */
function micro(fb: FunctionBuilder, fma: boolean, MR: number): void {
  const [kc, pa, pb, c, ldc, rows, cols, accumulate, scratch] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  // Locals start at zero, which is where a product over the first block of k starts.
  const acc = Array.from({ length: MR }, () => [fb.local(v128), fb.local(v128)]);
  const b0 = fb.local(v128);
  const b1 = fb.local(v128);
  const a = fb.local(v128);
  const p = fb.local(i32);
  const r = fb.local(i32);
  const q = fb.local(i32);
  const full = fb.local(i32);
  const madd = (accLocal: number, b: number) => {
    if (fma) fb.get(a).get(b).get(accLocal).op("f32x4.relaxed_madd");
    else fb.get(a).get(b).op("f32x4.mul").get(accLocal).op("f32x4.add");
    fb.set(accLocal);
  };
  // An edge tile's valid part is staged at `scratch` (row stride NR): into it or out of it.
  const copyEdge = (intoScratch: boolean) => {
    fb.forRange(
      r,
      () => fb.i32(0),
      () => fb.get(rows),
      1,
      () => {
        fb.forRange(
          q,
          () => fb.i32(0),
          () => fb.get(cols),
          1,
          () => {
            const atC = () =>
              fb.get(c).get(r).get(ldc).op("i32.mul", "i32.add").get(q).i32(2).op("i32.shl", "i32.add");
            const atScratch = () =>
              fb
                .get(r)
                .i32(NR)
                .op("i32.mul")
                .get(q)
                .op("i32.add")
                .i32(2)
                .op("i32.shl")
                .get(scratch)
                .op("i32.add");
            const [to, from] = intoScratch ? [atScratch, atC] : [atC, atScratch];
            to();
            from();
            fb.mem("f32.load", 0, 0).mem("f32.store", 0, 0);
          },
        );
      },
    );
  };
  fb.get(rows).i32(MR).op("i32.eq").get(cols).i32(NR).op("i32.eq", "i32.and").set(full);
  fb.get(accumulate);
  fb.if_(() => {
    fb.get(full);
    fb.if_(
      () => {
        for (let row = 0; row < MR; row++) {
          for (let h = 0; h < 2; h++) {
            fb.get(c)
              .get(ldc)
              .i32(row)
              .op("i32.mul", "i32.add")
              .mem("v128.load", h * 16, 0)
              .set(acc[row][h]);
          }
        }
      },
      () => {
        // Zeroed first, so lanes outside the tile hold no stale values (NaNs, subnormals).
        for (let v = 0; v < MR * 2; v++)
          fb.get(scratch)
            .f32(0)
            .op("f32x4.splat")
            .mem("v128.store", v * 16, 0);
        copyEdge(true);
        for (let row = 0; row < MR; row++) {
          for (let h = 0; h < 2; h++) {
            fb.get(scratch)
              .mem("v128.load", (row * NR + h * 4) * 4, 0)
              .set(acc[row][h]);
          }
        }
      },
    );
  });
  fb.forRange(
    p,
    () => fb.i32(0),
    () => fb.get(kc),
    1,
    () => {
      fb.get(pb).mem("v128.load").set(b0);
      fb.get(pb).mem("v128.load", 16).set(b1);
      for (let row = 0; row < MR; row++) {
        fb.get(pa)
          .mem("v128.load32_splat", row * 4)
          .set(a);
        madd(acc[row][0], b0);
        madd(acc[row][1], b1);
      }
      fb.get(pa)
        .i32(MR * 4)
        .op("i32.add")
        .set(pa);
      fb.get(pb)
        .i32(NR * 4)
        .op("i32.add")
        .set(pb);
    },
  );
  // A full tile goes straight to C; an edge tile is staged, then its valid part copied.
  fb.get(full);
  fb.if_(
    () => {
      for (let row = 0; row < MR; row++) {
        for (let h = 0; h < 2; h++) {
          fb.get(c).get(ldc).i32(row).op("i32.mul", "i32.add");
          fb.get(acc[row][h]);
          fb.mem("v128.store", h * 16, 0);
        }
      }
    },
    () => {
      for (let row = 0; row < MR; row++) {
        for (let h = 0; h < 2; h++) {
          fb.get(scratch)
            .get(acc[row][h])
            .mem("v128.store", (row * NR + h * 4) * 4, 0);
        }
      }
      copyEdge(false);
    },
  );
}

function macro(fb: FunctionBuilder, microIndex: number, MR: number): void {
  const [mc, nc, kc, pa, pb, c, ldc, accumulate, scratch] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const jr = fb.local(i32);
  const ir = fb.local(i32);
  fb.forRange(
    jr,
    () => fb.i32(0),
    () => fb.get(nc),
    NR,
    () => {
      fb.forRange(
        ir,
        () => fb.i32(0),
        () => fb.get(mc),
        MR,
        () => {
          fb.get(kc);
          fb.get(pa).get(ir).get(kc).op("i32.mul").i32(2).op("i32.shl", "i32.add");
          fb.get(pb).get(jr).get(kc).op("i32.mul").i32(2).op("i32.shl", "i32.add");
          fb.get(c).get(ir).get(ldc).op("i32.mul", "i32.add").get(jr).i32(2).op("i32.shl", "i32.add");
          fb.get(ldc);
          // rows = min(MR, mc - ir), cols = min(NR, nc - jr)
          fb.get(mc)
            .get(ir)
            .op("i32.sub")
            .i32(MR)
            .get(mc)
            .get(ir)
            .op("i32.sub")
            .i32(MR)
            .op("i32.lt_s", "select");
          fb.get(nc)
            .get(jr)
            .op("i32.sub")
            .i32(NR)
            .get(nc)
            .get(jr)
            .op("i32.sub")
            .i32(NR)
            .op("i32.lt_s", "select");
          fb.get(accumulate).get(scratch);
          fb.call(microIndex);
        },
      );
    },
  );
}
