import type { View } from "@jaxts/backend";

/**
 * Throws a RangeError when `view` can reach outside elements [0, available): bad input must be
 * rejected before a kernel runs (WebGPU's robust access would only clamp the read silently).
 */
export function checkViewFits(view: View, available: number, what: string): void {
  let lo = view.offset;
  let hi = view.offset;
  for (let d = 0; d < view.shape.length; d++) {
    const [a, b] = view.mask ? view.mask[d] : [0, view.shape[d]];
    const first = Math.max(0, a);
    const last = Math.min(view.shape[d], b) - 1;
    if (last < first) return; // nothing is read
    const s = view.strides[d];
    lo += Math.min(s * first, s * last);
    hi += Math.max(s * first, s * last);
  }
  if (lo < 0 || hi >= available) {
    throw new RangeError(
      `webgpu backend: ${what} reads elements ${lo}..${hi} of a buffer that holds ${available}`,
    );
  }
}
