import type { RoutineKernel } from "@jaxts/backend";
import { contiguous, type RoutineFn } from "../common.js";
import { symmetricEigh2x2 } from "./eigh2x2.js";
import { JACOBI_EPS, jacobiRotation, MAX_SWEEPS, type Rotation, rotateColumns } from "./jacobi.js";
import {
  allFinite,
  eye,
  fillNaN,
  type Mat,
  pow2Scale,
  readMatrix,
  scaled,
  writeMatrix,
  writeVector,
  zeros,
} from "./matrix.js";
import { checkArity, checkOutput, matrixOperand } from "./operands.js";

/** The Hermitian matrix that the `lower` (or upper) triangle of `a` describes; the diagonal's imaginary part is ignored. */
export function hermitianFromTriangle(a: Mat, lower: boolean): Mat {
  const n = a.rows;
  const h = zeros(n, n);
  for (let i = 0; i < n; i++) {
    h.re[i * n + i] = a.re[i * n + i];
    for (let j = 0; j < i; j++) {
      // Entry (i, j) below the diagonal, read from the lower triangle or mirrored from the upper.
      const src = lower ? i * n + j : j * n + i;
      const re = a.re[src];
      const im = lower ? a.im[src] : -a.im[src];
      h.re[i * n + j] = re;
      h.im[i * n + j] = im;
      h.re[j * n + i] = re;
      h.im[j * n + i] = -im;
    }
  }
  return h;
}

/**
 * Eigendecomposition of a Hermitian matrix by cyclic two-sided Jacobi: rotations zero each
 * off-diagonal pair in turn until every one is negligible relative to its diagonal entries, which
 * gives eigenvalues to high relative accuracy. Returns eigenvalues (unsorted) and V (columns).
 */
export function jacobiEigh(h: Mat): { w: Float64Array; v: Mat } {
  const n = h.rows;
  const a = { re: h.re.slice(), im: h.im.slice() };
  const v = eye(n);
  const g: Rotation = { c: 1, s: 0, t: 0, er: 1, ei: 0 };
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const pq = p * n + q;
        const br = a.re[pq];
        const bi = a.im[pq];
        const mag = Math.hypot(br, bi);
        if (mag === 0) continue;
        const app = a.re[p * n + p];
        const aqq = a.re[q * n + q];
        if (mag <= JACOBI_EPS * Math.sqrt(Math.abs(app) * Math.abs(aqq))) {
          a.re[pq] = a.im[pq] = a.re[q * n + p] = a.im[q * n + p] = 0;
          continue;
        }
        rotated = true;
        jacobiRotation(app, aqq, br, bi, mag, g);
        // A ← Gᴴ·A·G: rotate columns p, q, then rows (the conjugates of the new columns).
        rotateColumns(a.re, a.im, n, n, p, q, g);
        for (let r = 0; r < n; r++) {
          a.re[p * n + r] = a.re[r * n + p];
          a.im[p * n + r] = -a.im[r * n + p];
          a.re[q * n + r] = a.re[r * n + q];
          a.im[q * n + r] = -a.im[r * n + q];
        }
        a.re[p * n + p] = app - g.t * mag;
        a.re[q * n + q] = aqq + g.t * mag;
        a.im[p * n + p] = a.im[q * n + q] = 0;
        a.re[pq] = a.im[pq] = a.re[q * n + p] = a.im[q * n + p] = 0;
        rotateColumns(v.re, v.im, n, n, p, q, g);
      }
    }
    if (!rotated) break;
  }
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = a.re[i * n + i];
  return { w, v };
}

/** Reorders eigenpairs by ascending eigenvalue (a stable order, so ties keep Jacobi's order). */
export function sortAscending(w: Float64Array, v: Mat): { w: Float64Array; v: Mat } {
  const n = w.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => w[i] - w[j]);
  const ws = Float64Array.from(order, (i) => w[i]);
  const vs = zeros(v.rows, n);
  for (let r = 0; r < v.rows; r++) {
    order.forEach((src, dst) => {
      vs.re[r * n + dst] = v.re[r * n + src];
      vs.im[r * n + dst] = v.im[r * n + src];
    });
  }
  return { w: ws, v: vs };
}

export function eighRoutine(kernel: RoutineKernel, lower: boolean, sortEigenvalues: boolean): RoutineFn {
  checkArity(kernel, 1, 2);
  const a = matrixOperand(kernel, 0, true);
  const n = a.rows;
  checkOutput(kernel, 0, a, [n, n]);
  checkOutput(kernel, 1, a, [n], "real");
  return (inputs, outputs) => {
    const data = contiguous(kernel.inputs[0], inputs[0]);
    for (let b = 0; b < a.batch; b++) {
      const h = hermitianFromTriangle(readMatrix(data, a.complex, b, n, n), lower);
      if (!allFinite(h)) {
        // LAPACK reports failure on non-finite input, and JAX turns that into NaNs.
        fillNaN(outputs[0], a.complex, b * n * n, n * n);
        fillNaN(outputs[1], false, b * n, n);
        continue;
      }
      // Jacobi's rotation formulas square ratios of entries: run on an exactly rescaled copy.
      const scale = pow2Scale(h);
      const hs = scaled(h, scale);
      // 2×2 real matrices follow LAPACK exactly, signs included; larger ones use Jacobi, whose
      // eigenvector signs may differ from LAPACK's (both are valid; JAX documents them as arbitrary).
      let r = n === 2 && !a.complex ? symmetricEigh2x2(hs.re[0], hs.re[2], hs.re[3]) : jacobiEigh(hs);
      r = { w: r.w.map((x) => x / scale), v: r.v };
      if (sortEigenvalues) r = sortAscending(r.w, r.v);
      writeMatrix(r.v, outputs[0], a.complex, b);
      writeVector(r.w, outputs[1], b);
    }
  };
}
