/**
 * Elementwise closeness as the golden tests define it: |a - b| <= atol + rtol·|b|, NaN equal to NaN.
 * Runs in the page and in Node, so it imports nothing.
 */
export interface Tolerance {
  readonly tier: string;
  readonly rtol: number;
  readonly atol: number;
}

/** The golden ELEMENTWISE tier (@jaxts/test-util): float32 transcendentals within a few ulp. */
export const ELEMENTWISE: Tolerance = { tier: "elementwise", rtol: 2e-6, atol: 5e-7 };

export interface Comparison {
  readonly close: boolean;
  readonly maxAbsErr: number;
  /** Largest |a - b| / |b| over elements with b != 0. */
  readonly maxRelErr: number;
  /** The first index outside the tolerance, or -1. */
  readonly firstBad: number;
}

export function compare(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance): Comparison {
  if (actual.length !== expected.length) {
    return {
      close: false,
      maxAbsErr: Number.POSITIVE_INFINITY,
      maxRelErr: Number.POSITIVE_INFINITY,
      firstBad: 0,
    };
  }
  let maxAbsErr = 0;
  let maxRelErr = 0;
  let firstBad = -1;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const b = expected[i];
    if (Number.isNaN(a) && Number.isNaN(b)) continue;
    const err = Math.abs(a - b);
    // NaN against a number makes err NaN, which no comparison below accepts.
    if (!(err <= tol.atol + tol.rtol * Math.abs(b)) && firstBad < 0) firstBad = i;
    if (!(err <= maxAbsErr)) maxAbsErr = err;
    if (b !== 0 && !(err / Math.abs(b) <= maxRelErr)) maxRelErr = err / Math.abs(b);
  }
  return { close: firstBad < 0, maxAbsErr, maxRelErr, firstBad };
}
