import {
  type DType,
  dtypeKind,
  float16Bits,
  isComplex,
  isContiguous,
  type KernelInput,
  type LoopKernel,
  type StorageArray,
  sizeOf,
  type View,
} from "@jaxts/backend";
import { checkViewFits } from "../codegen/view-fits.js";
import { getCompiledLoop } from "../loop-cache.js";

/** A routine ready to run on the storage arrays of its inputs and outputs. */
export type RoutineFn = (inputs: readonly StorageArray[], outputs: readonly StorageArray[]) => void;

/** Numbers of storage per element: 2 for complex (interleaved parts), else 1. */
export function width(dtype: DType): number {
  return isComplex(dtype) ? 2 : 1;
}

/** A new zeroed storage array like `like`, of `length` numbers. */
export function newStorage(like: StorageArray, length: number): StorageArray {
  const ctor = like.constructor as new (n: number) => StorageArray;
  return new ctor(length);
}

function copyKernel(dtype: DType, view: View): LoopKernel {
  return {
    kind: "loop",
    shape: view.shape,
    inputs: [{ dtype, view }],
    expr: { op: "load", input: 0, dtype },
    dtype,
  };
}

/** Copies the elements of `view` over `storage` into `out` (contiguous, row-major), masks included. */
export function copyView(dtype: DType, view: View, storage: StorageArray, out: StorageArray): void {
  checkViewFits(view, storage.length / width(dtype), "a view");
  getCompiledLoop(copyKernel(dtype, view)).fn([storage], out, [view.offset]);
}

/** The input's elements, contiguous and row-major: a subarray when the view already is, else a copy. */
export function contiguous(input: KernelInput, storage: StorageArray): StorageArray {
  const { view, dtype } = input;
  const w = width(dtype);
  const n = sizeOf(view.shape);
  if (isContiguous(view) && view.offset >= 0 && (view.offset + n) * w <= storage.length) {
    return storage.subarray(view.offset * w, (view.offset + n) * w);
  }
  const out = newStorage(storage, n * w);
  copyView(dtype, view, storage, out);
  return out;
}

/** The value of a scalar int32 input (a masked-out scalar reads 0). */
export function scalarInt(input: KernelInput, storage: StorageArray): number {
  const { view } = input;
  if (view.mask?.some(([lo, hi]) => lo >= hi || lo > 0 || hi < 1)) return 0;
  if (view.offset < 0 || view.offset >= storage.length) {
    throw new RangeError(
      `cpu backend: a scalar index reads element ${view.offset} of a buffer of ${storage.length}`,
    );
  }
  return storage[view.offset];
}

/** The storage numbers of a real constant in `dtype` (complex: the constant as real part). */
export function encodeScalar(dtype: DType, value: number): number[] {
  const kind = dtypeKind(dtype);
  switch (kind) {
    case "b":
      return [value !== 0 ? 1 : 0];
    case "i":
    case "u":
    case "f":
      // Typed-array stores wrap integers and round floats, so the plain number is right for them.
      return [dtype === "float16" ? float16Bits(value) : value];
    case "c":
      return [value, 0];
    default:
      return kind satisfies never;
  }
}

/** Row-major strides (in elements) of a contiguous array of `shape`. */
export function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** Steps `idx` to the next row-major index of `shape`; false after the last one. */
export function nextIndex(idx: number[], shape: readonly number[]): boolean {
  for (let d = shape.length - 1; d >= 0; d--) {
    if (++idx[d] < shape[d]) return true;
    idx[d] = 0;
  }
  return false;
}
