import { eye, type Mat } from "./matrix.js";

/**
 * The eigendecomposition LAPACK's `syevd` gives a real symmetric 2×2 matrix [[a, b], [b, c]], signs
 * of the eigenvectors included (JAX on CPU returns those, and samplers such as
 * `multivariate_normal(method="eigh")` depend on them). A 2×2 matrix is already tridiagonal, so
 * `steqr` applies one rotation whose vector comes from `laev2`'s formulas: the unit eigenvector
 * (cs, sn) of the eigenvalue of larger magnitude becomes column [cs, sn] and the other column
 * [-sn, cs], before the final ascending sort. A negligible `b` means no rotation at all.
 * Evaluated in float64; eigenvalues are unsorted, as `jacobiEigh` returns them.
 */
export function symmetricEigh2x2(a: number, b: number, c: number): { w: Float64Array; v: Mat } {
  const v = eye(2);
  if (Math.abs(b) <= Number.EPSILON * Math.sqrt(Math.abs(a)) * Math.sqrt(Math.abs(c)) || b === 0) {
    return { w: Float64Array.of(a, c), v };
  }
  const sum = a + c;
  const diff = a - c;
  const absDiff = Math.abs(diff);
  const twoB = b + b;
  const absTwoB = Math.abs(twoB);
  const [big, small] = Math.abs(a) > Math.abs(c) ? [a, c] : [c, a];
  const root =
    absDiff > absTwoB
      ? absDiff * Math.sqrt(1 + (absTwoB / absDiff) ** 2)
      : absDiff < absTwoB
        ? absTwoB * Math.sqrt(1 + (absDiff / absTwoB) ** 2)
        : absTwoB * Math.SQRT2;
  let rt1: number;
  let rt2: number;
  let sign1: number;
  if (sum !== 0) {
    sign1 = sum < 0 ? -1 : 1;
    rt1 = 0.5 * (sum + sign1 * root);
    // The smaller eigenvalue from the determinant, which avoids cancellation.
    rt2 = (big / rt1) * small - (b / rt1) * b;
  } else {
    sign1 = 1;
    rt1 = 0.5 * root;
    rt2 = -0.5 * root;
  }
  const sign2 = diff >= 0 ? 1 : -1;
  const cs = diff + sign2 * root;
  let cs1: number;
  let sn1: number;
  if (Math.abs(cs) > absTwoB) {
    const ct = -twoB / cs;
    sn1 = 1 / Math.sqrt(1 + ct * ct);
    cs1 = ct * sn1;
  } else {
    const tn = -cs / twoB;
    cs1 = 1 / Math.sqrt(1 + tn * tn);
    sn1 = tn * cs1;
  }
  if (sign1 === sign2) [cs1, sn1] = [-sn1, cs1];
  // Row-major V: column 0 = [cs1, sn1] for rt1, column 1 = [-sn1, cs1] for rt2.
  v.re.set([cs1, -sn1, sn1, cs1]);
  return { w: Float64Array.of(rt1, rt2), v };
}
