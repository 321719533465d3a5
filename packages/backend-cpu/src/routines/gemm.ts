// The float kernel of matmul: C += A·B, blocked for the cache and register-tiled, summed in
// float64 or, for float32, rounded at every step as XLA does (gemm-f32.ts). A and B are read
// through arbitrary strides once, while packing them into contiguous panels, so transposed and
// broadcast operands cost nothing extra in the inner loop.

import { microKernelF32 } from "./gemm-f32.js";

/** Register tile: MR rows of A times NR columns of B, held in MR·NR local accumulators. */
const MR = 2;
const NR = 4;
/** Cache blocks: KC steps of the product per pass; MC rows of A packed per pass. */
const KC = 256;
const MC = 64;

/** Reads element i of a source array as a number (float16 sources decode their bits). */
export type Reader = (data: ArrayLike<number>, i: number) => number;

/** A strided matrix operand: element (r, c) is data[offset + r·rowStride + c·colStride]. */
export interface StridedMatrix {
  readonly data: ArrayLike<number>;
  readonly offset: number;
  readonly rowStride: number;
  readonly colStride: number;
}

/**
 * C[kc×...]: the MR×NR tile at `ic` (leading dimension ldc) += Ap panel · Bp panel, k unrolled by
 * two (panels are padded to an even depth with zeros). Eight accumulators and six operands fit
 * x64's sixteen float registers, which is what makes this shape the fastest in V8.
 */
function microKernel(
  kc: number,
  A: Float64Array,
  ia: number,
  B: Float64Array,
  ib: number,
  C: Float64Array,
  ic: number,
  ldc: number,
): void {
  let c00 = 0;
  let c01 = 0;
  let c02 = 0;
  let c03 = 0;
  let c10 = 0;
  let c11 = 0;
  let c12 = 0;
  let c13 = 0;
  const end = ia + MR * kc;
  for (; ia < end; ia += 2 * MR, ib += 2 * NR) {
    let b0 = B[ib];
    let b1 = B[ib + 1];
    let b2 = B[ib + 2];
    let b3 = B[ib + 3];
    let a0 = A[ia];
    let a1 = A[ia + 1];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    b0 = B[ib + 4];
    b1 = B[ib + 5];
    b2 = B[ib + 6];
    b3 = B[ib + 7];
    a0 = A[ia + 2];
    a1 = A[ia + 3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
  }
  C[ic] += c00;
  C[ic + 1] += c01;
  C[ic + 2] += c02;
  C[ic + 3] += c03;
  ic += ldc;
  C[ic] += c10;
  C[ic + 1] += c11;
  C[ic + 2] += c12;
  C[ic + 3] += c13;
}

/** Reusable scratch: packed panels and the edge tile. */
export class GemmScratch {
  private a = new Float64Array(0);
  private b = new Float64Array(0);
  readonly tile = new Float64Array(MR * NR);

  panels(aLength: number, bLength: number): [Float64Array, Float64Array] {
    if (this.a.length < aLength) this.a = new Float64Array(aLength);
    if (this.b.length < bLength) this.b = new Float64Array(bLength);
    return [this.a, this.b];
  }
}

/** Packs rows [i0, i0+mc) × depth [p0, p0+kc) of A into MR-row panels, depth-major, zero-padded. */
function packA(
  a: StridedMatrix,
  read: Reader,
  i0: number,
  mc: number,
  p0: number,
  kc: number,
  kcPad: number,
  out: Float64Array,
): void {
  const panels = Math.ceil(mc / MR);
  let o = 0;
  for (let ip = 0; ip < panels; ip++) {
    for (let p = 0; p < kcPad; p++) {
      for (let ii = 0; ii < MR; ii++) {
        const i = ip * MR + ii;
        out[o++] =
          i < mc && p < kc ? read(a.data, a.offset + (i0 + i) * a.rowStride + (p0 + p) * a.colStride) : 0;
      }
    }
  }
}

/** Packs depth [p0, p0+kc) × all n columns of B into NR-column panels, depth-major, zero-padded. */
function packB(
  b: StridedMatrix,
  read: Reader,
  n: number,
  p0: number,
  kc: number,
  kcPad: number,
  out: Float64Array,
): void {
  const panels = Math.ceil(n / NR);
  let o = 0;
  for (let jp = 0; jp < panels; jp++) {
    for (let p = 0; p < kcPad; p++) {
      const row = b.offset + (p0 + p) * b.rowStride;
      for (let jj = 0; jj < NR; jj++) {
        const j = jp * NR + jj;
        out[o++] = j < n && p < kc ? read(b.data, row + j * b.colStride) : 0;
      }
    }
  }
}

/**
 * C (m×n, row-major, float64) += A (m×k) · B (k×n); with `roundF32`, every step is rounded to
 * float32 in order along k (gemm-f32.ts), else the sums stay in float64.
 */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: StridedMatrix,
  b: StridedMatrix,
  read: Reader,
  C: Float64Array,
  scratch: GemmScratch,
  roundF32 = false,
): void {
  const nPanels = Math.ceil(n / NR);
  const [Ap, Bp] = scratch.panels(Math.ceil(MC / MR) * MR * (KC + 1), nPanels * NR * (KC + 1));
  const tile = scratch.tile;
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = Math.min(KC, k - p0);
    const kcPad = kc + (kc & 1);
    packB(b, read, n, p0, kc, kcPad, Bp);
    for (let i0 = 0; i0 < m; i0 += MC) {
      const mc = Math.min(MC, m - i0);
      packA(a, read, i0, mc, p0, kc, kcPad, Ap);
      const mPanels = Math.ceil(mc / MR);
      for (let jp = 0; jp < nPanels; jp++) {
        const j = jp * NR;
        for (let ip = 0; ip < mPanels; ip++) {
          const i = i0 + ip * MR;
          if (roundF32) {
            tileF32(kc, Ap, ip * kcPad * MR, Bp, jp * kcPad * NR, C, i, j, m, n, tile);
          } else if (i + MR <= m && j + NR <= n) {
            microKernel(kcPad, Ap, ip * kcPad * MR, Bp, jp * kcPad * NR, C, i * n + j, n);
          } else {
            // Edge tiles go through a scratch tile so the kernel never writes outside C.
            tile.fill(0);
            microKernel(kcPad, Ap, ip * kcPad * MR, Bp, jp * kcPad * NR, tile, 0, NR);
            for (let ii = 0; ii < MR && i + ii < m; ii++) {
              for (let jj = 0; jj < NR && j + jj < n; jj++) C[(i + ii) * n + j + jj] += tile[ii * NR + jj];
            }
          }
        }
      }
    }
  }
}

/** One tile of the float32 kernel; edge tiles are staged through `tile` with C's values in it. */
function tileF32(
  depth: number,
  A: Float64Array,
  ia: number,
  B: Float64Array,
  ib: number,
  C: Float64Array,
  i: number,
  j: number,
  m: number,
  n: number,
  tile: Float64Array,
): void {
  if (i + MR <= m && j + NR <= n) {
    microKernelF32(depth, A, ia, B, ib, C, i * n + j, n);
    return;
  }
  tile.fill(0);
  for (let ii = 0; ii < MR && i + ii < m; ii++) {
    for (let jj = 0; jj < NR && j + jj < n; jj++) tile[ii * NR + jj] = C[(i + ii) * n + j + jj];
  }
  microKernelF32(depth, A, ia, B, ib, tile, 0, NR);
  for (let ii = 0; ii < MR && i + ii < m; ii++) {
    for (let jj = 0; jj < NR && j + jj < n; jj++) C[(i + ii) * n + j + jj] = tile[ii * NR + jj];
  }
}
