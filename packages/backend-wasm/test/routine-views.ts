import {
  contiguousView,
  type DType,
  flipView,
  permuteView,
  sizeOf,
  sliceView,
  type View,
  viewExtent,
} from "@jaxts/backend";
import { values } from "./helpers.js";

/**
 * Views of `shape` over differently laid out buffers: contiguous, offset, transposed (stored with
 * the axes reversed), strided (every other element of the last axis), flipped, broadcast along axis 0.
 */
export function viewsOf(shape: readonly number[]): [string, View][] {
  const rank = shape.length;
  const out: [string, View][] = [
    ["contiguous", contiguousView(shape)],
    ["offset", contiguousView(shape, 5)],
  ];
  if (rank === 0) return out;
  const rev = [...shape].reverse();
  const perm = shape.map((_, i) => rank - 1 - i);
  out.push(["transposed", permuteView(contiguousView(rev), perm)]);
  const wide = [...shape.slice(0, -1), 2 * shape[rank - 1] + 1];
  out.push([
    "strided",
    sliceView(
      contiguousView(wide, 2),
      shape.map(() => 0),
      wide.map((n, d) => (d === rank - 1 ? 2 * shape[d] : n)),
      shape.map((_, d) => (d === rank - 1 ? 2 : 1)),
    ),
  ]);
  out.push([
    "flipped",
    flipView(
      contiguousView(shape, 1),
      shape.map((_, d) => d),
    ),
  ]);
  const rest = contiguousView(shape.slice(1));
  out.push(["broadcast", { shape: [...shape], strides: [0, ...rest.strides], offset: 3 }]);
  return out;
}

/** Elements a buffer needs for `view` to fit (at least 1). */
export function bufferElements(view: View): number {
  if (sizeOf(view.shape) === 0) return Math.max(1, view.offset + 1);
  const ext = viewExtent(view);
  return Math.max(1, view.offset + (ext ? ext[1] : 0) + 1);
}

/** Buffer contents for `n` elements of `dtype` (complex: interleaved parts), from test value pools. */
export function bufferData(dtype: DType, n: number, shift = 0, random = false): number[] {
  const parts = dtype.startsWith("complex") ? 2 : 1;
  if (!random) return values(dtype, n * parts, shift);
  let s = 12345 + shift;
  return Array.from({ length: n * parts }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    const u = s / 2147483648;
    return dtype.startsWith("int") || dtype.startsWith("uint") ? Math.floor(u * 200 - 100) : u * 4 - 2;
  });
}

/** An int32 scalar input (a start index). */
export const SCALAR: { dtype: "int32"; view: View } = { dtype: "int32", view: contiguousView([]) };
