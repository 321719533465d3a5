import { type View, viewExtent } from "@jaxts/backend";

// The loop plan itself lives in @jaxts/backend (planLoops), shared with the wasm backend.

/** Throws a RangeError when `view` would read outside a buffer of `length` elements. */
export function checkViewFits(view: View, length: number, what: string): void {
  const ext = viewExtent(view);
  if (ext && (view.offset + ext[0] < 0 || view.offset + ext[1] >= length)) {
    throw new RangeError(
      `cpu backend: ${what} reads elements ${view.offset + ext[0]}..${view.offset + ext[1]} of a buffer of ${length}`,
    );
  }
}
