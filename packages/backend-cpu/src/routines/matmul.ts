import {
  type DType,
  dtypeKind,
  type Expr,
  type KernelInput,
  type RoutineKernel,
  type StorageArray,
  sizeOf,
} from "@jaxts/backend";
import { checkViewFits } from "../codegen/view-fits.js";
import { F16_VALUES, f16BitsViaF32 } from "../math/float16.js";
import { contiguous, nextIndex, type RoutineFn, rowMajorStrides, width } from "./common.js";
import { compileEpilogue, productsBuffer } from "./matmul-epilogue.js";
import { GemmScratch, gemm, type Reader, type StridedMatrix } from "./gemm.js";

const readPlain: Reader = (data, i) => data[i];
const readF16: Reader = (data, i) => F16_VALUES[data[i]];

interface Operand {
  data: StorageArray;
  offset: number;
  strides: readonly number[];
}

/** The operand's storage with its view's strides; masked views are materialised first. */
function operand(input: KernelInput, storage: StorageArray, what: string): Operand {
  const { view } = input;
  if (view.mask) return { data: contiguous(input, storage), offset: 0, strides: rowMajorStrides(view.shape) };
  checkViewFits(view, storage.length / width(input.dtype), what);
  return { data: storage, offset: view.offset, strides: view.strides };
}

/**
 * The generic product for integer, bool and complex dtypes: a plain triple loop with the dtype's
 * arithmetic (integer products wrap modulo 2^32 and the sum is wrapped to the dtype at the end).
 */
function naiveProduct(
  dtype: DType,
  m: number,
  n: number,
  k: number,
  a: StridedMatrix,
  b: StridedMatrix,
  out: StorageArray,
  outBase: number,
): void {
  const kind = dtypeKind(dtype);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let pa = a.offset + i * a.rowStride;
      let pb = b.offset + j * b.colStride;
      const o = outBase + i * n + j;
      if (kind === "c") {
        let re = 0;
        let im = 0;
        for (let p = 0; p < k; p++, pa += a.colStride, pb += b.rowStride) {
          const x = a.data[2 * pa];
          const y = a.data[2 * pa + 1];
          const u = b.data[2 * pb];
          const v = b.data[2 * pb + 1];
          re += x * u - y * v;
          im += x * v + y * u;
        }
        out[2 * o] = re;
        out[2 * o + 1] = im;
      } else if (kind === "b") {
        let acc = 0;
        for (let p = 0; p < k && acc === 0; p++, pa += a.colStride, pb += b.rowStride) {
          acc = a.data[pa] !== 0 && b.data[pb] !== 0 ? 1 : 0;
        }
        out[o] = acc;
      } else {
        let acc = 0;
        for (let p = 0; p < k; p++, pa += a.colStride, pb += b.rowStride) {
          acc = (acc + Math.imul(a.data[pa], b.data[pb])) | 0;
        }
        // Typed-array stores wrap to the dtype's width (uint32 reads the int32 bits as unsigned).
        out[o] = acc;
      }
    }
  }
}

/**
 * Batched matmul: lhs [...batch, m, k] · rhs [...batch, k, n] → [...batch, m, n]. float16/32/64
 * use the packed, register-tiled gemm (accumulating in float64, rounding once at the end); other
 * dtypes use the naive product.
 */
export function matmulRoutine(
  kernel: RoutineKernel,
  batch: readonly number[],
  m: number,
  n: number,
  k: number,
  epilogue?: Expr,
): RoutineFn {
  const [lhs, rhs, ...extras] = kernel.inputs;
  // With an epilogue the products are in the inputs' dtype and the output in the epilogue's.
  const dtype = epilogue ? lhs.dtype : kernel.outputs[0].dtype;
  if (epilogue && epilogue.dtype !== kernel.outputs[0].dtype) {
    throw new TypeError(
      `cpu backend: matmul epilogue of dtype ${epilogue.dtype} into ${kernel.outputs[0].dtype}`,
    );
  }
  if (!epilogue && extras.length > 0) {
    throw new RangeError(
      `cpu backend: matmul takes 2 inputs without an epilogue, got ${kernel.inputs.length}`,
    );
  }
  if (lhs.dtype !== dtype || rhs.dtype !== dtype) {
    throw new TypeError(
      `cpu backend: matmul of ${lhs.dtype} and ${rhs.dtype} into ${dtype} (dtypes must match)`,
    );
  }
  const nb = batch.length;
  const expect = (shape: readonly number[], rows: number, cols: number) =>
    shape.length === nb + 2 &&
    batch.every((d, i) => shape[i] === d) &&
    shape[nb] === rows &&
    shape[nb + 1] === cols;
  if (!expect(lhs.view.shape, m, k) || !expect(rhs.view.shape, k, n)) {
    throw new RangeError(
      `cpu backend: matmul shapes [${lhs.view.shape}] and [${rhs.view.shape}] do not match batch [${batch}], m=${m}, n=${n}, k=${k}`,
    );
  }
  const isFloat = dtypeKind(dtype) === "f";
  // XLA accumulates float32 (and, upcast, float16) products in float32; float64 stays float64.
  const roundF32 = dtype === "float32" || dtype === "float16";
  const read = dtype === "float16" ? readF16 : readPlain;
  const scratch = new GemmScratch();
  const batchSize = sizeOf(batch);
  const outShape = [...batch, m, n];
  const finish = epilogue ? compileEpilogue(epilogue, dtype, outShape, extras) : null;
  const products = finish ? productsBuffer(dtype, batchSize * m * n) : null;
  return (inputs, outputs) => {
    const a = operand(lhs, inputs[0], "matmul lhs");
    const b = operand(rhs, inputs[1], "matmul rhs");
    const out = products ? products() : outputs[0];
    const C = isFloat ? new Float64Array(m * n) : null;
    const idx = new Array<number>(nb).fill(0);
    for (let t = 0; t < batchSize; t++) {
      let aOff = a.offset;
      let bOff = b.offset;
      for (let d = 0; d < nb; d++) {
        aOff += idx[d] * a.strides[d];
        bOff += idx[d] * b.strides[d];
      }
      const am: StridedMatrix = {
        data: a.data,
        offset: aOff,
        rowStride: a.strides[nb],
        colStride: a.strides[nb + 1],
      };
      const bm: StridedMatrix = {
        data: b.data,
        offset: bOff,
        rowStride: b.strides[nb],
        colStride: b.strides[nb + 1],
      };
      const base = t * m * n;
      if (C) {
        C.fill(0);
        gemm(m, n, k, am, bm, read, C, scratch, roundF32);
        if (dtype === "float16") for (let i = 0; i < m * n; i++) out[base + i] = f16BitsViaF32(C[i]);
        else out.set(C, base);
      } else naiveProduct(dtype, m, n, k, am, bm, out, base);
      nextIndex(idx, batch);
    }
    if (finish) finish(out, inputs.slice(2), outputs[0]);
  };
}
