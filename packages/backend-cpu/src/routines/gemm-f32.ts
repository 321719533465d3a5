// The float32 flavour of the GEMM micro-kernel: each multiply-add is rounded to float32, in order
// along k, starting from C's value, which is what XLA's CPU dot computes for float32 (a fused
// multiply-add per step, sequentially). The float64 kernel (gemm.ts) would round only once at the
// end: more accurate, but it differs from JAX in the last bit for about a quarter of outputs.
//
// a·b of two float32 values is exact in float64, so fround(c + a·b) rounds the exact sum twice
// (to 53 bits, then 24); that differs from one fused rounding only when the first rounding lands
// exactly on a float32 halfway point, about once in 2^29 steps.

const f = Math.fround;

/** C[MR×NR tile at ic] = C + Ap·Bp, rounding every step to float32; MR = 2, NR = 4, k unrolled by 2. */
export function microKernelF32(
  depth: number,
  A: Float64Array,
  ia: number,
  B: Float64Array,
  ib: number,
  C: Float64Array,
  ic: number,
  ldc: number,
): void {
  let c00 = C[ic];
  let c01 = C[ic + 1];
  let c02 = C[ic + 2];
  let c03 = C[ic + 3];
  let c10 = C[ic + ldc];
  let c11 = C[ic + ldc + 1];
  let c12 = C[ic + ldc + 2];
  let c13 = C[ic + ldc + 3];
  // The panels' zero padding (to an even depth) is skipped rather than added.
  const end = ia + 2 * depth;
  for (; ia < end; ia += 2, ib += 4) {
    const b0 = B[ib];
    const b1 = B[ib + 1];
    const b2 = B[ib + 2];
    const b3 = B[ib + 3];
    const a0 = A[ia];
    const a1 = A[ia + 1];
    c00 = f(c00 + a0 * b0);
    c01 = f(c01 + a0 * b1);
    c02 = f(c02 + a0 * b2);
    c03 = f(c03 + a0 * b3);
    c10 = f(c10 + a1 * b0);
    c11 = f(c11 + a1 * b1);
    c12 = f(c12 + a1 * b2);
    c13 = f(c13 + a1 * b3);
  }
  C[ic] = c00;
  C[ic + 1] = c01;
  C[ic + 2] = c02;
  C[ic + 3] = c03;
  ic += ldc;
  C[ic] = c10;
  C[ic + 1] = c11;
  C[ic + 2] = c12;
  C[ic + 3] = c13;
}
