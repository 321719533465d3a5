import {
  type DType,
  float16Bits,
  isContiguous,
  itemsize,
  type RoutineKernel,
  sizeOf,
  storageView,
} from "@jaxts/backend";
import type { ExecFn } from "../loop-executable.js";
import { checkOperand, checkOutput } from "./common.js";
import { type CopyAxis, copyModeOf, mergeAxes } from "./copy-module.js";
import { gatherExports } from "./gather-module.js";
import type { RoutineContext } from "./index.js";

// gather as the cpu backend runs it: for each index vector (read from the heap in JS), the start
// of its slice (clamped to fit; in "fill" mode an index out of range fills the slice instead),
// then the slices are copied in wasm from a table of (source, destination) addresses. The cpu
// routine reads a contiguous operand raw and copies any other through a loop kernel first (bools
// to 0/1, float16 NaNs canonical), so we copy in the same mode; fill values are written raw.

/** Table entries (slices, or parts of slices) per wasm call (the table is a scratch block of the heap). */
const CHUNK = 8192;

type Axis = CopyAxis;

/**
 * The innermost three axes (copied in wasm) and the (source, destination) byte offsets of the
 * outer ones' positions (each a table entry of its own).
 */
function splitAxes(axes: Axis[]): { inner: Axis[]; src: number[]; dst: number[] } {
  const outer = axes.slice(0, -3);
  const src = [0];
  const dst = [0];
  for (const a of outer) {
    const n = src.length;
    for (let i = 1; i < a.n; i++) {
      for (let j = 0; j < n; j++) {
        src.push(src[j] + i * a.s);
        dst.push(dst[j] + i * a.d);
      }
    }
  }
  // The order of the outer positions does not matter: each writes its own output bytes.
  return { inner: axes.slice(-3), src, dst };
}

/** The bytes of `value` stored in `dtype` as the cpu routine's fill (complex: real part). */
function fillBytes(dtype: DType, value: number): Uint8Array {
  const buffer = new ArrayBuffer(16);
  const storage = storageView(dtype, buffer, 0, 1);
  if (dtype === "bool") storage[0] = value !== 0 ? 1 : 0;
  else if (dtype === "float16") storage[0] = float16Bits(value);
  else storage[0] = value;
  return new Uint8Array(buffer, 0, itemsize(dtype));
}

/** inputs: operand, int32 indices (index vector last); output: the gathered slices. */
export function gatherExec(kernel: RoutineKernel, ctx: RoutineContext): ExecFn | null {
  const r = kernel.routine;
  if (r.name !== "gather") return null;
  const { dimensionNumbers: dn, sliceSizes, mode, fillValue } = r;
  const [operand, indices] = kernel.inputs;
  const output = kernel.outputs[0];
  if (kernel.inputs.length !== 2 || kernel.outputs.length !== 1) return null;
  if (operand.view.mask || indices.view.mask || indices.dtype !== "int32") return null;
  if (output.dtype !== operand.dtype) return null;
  const opShape = operand.view.shape;
  const idxShape = indices.view.shape;
  const outShape = output.shape;
  const rank = opShape.length;
  // Anything the cpu routine rejects (or reads out of range) is its to run.
  if (idxShape.length === 0) return null;
  if (sliceSizes.length !== rank || sliceSizes.some((s, d) => s < 0 || s > opShape[d])) return null;
  const batchShape = idxShape.slice(0, -1);
  const vecLen = idxShape[idxShape.length - 1];
  const { startIndexMap, operandBatchingDims: opBatch, startIndicesBatchingDims: idxBatch } = dn;
  if (vecLen !== startIndexMap.length || opBatch.length !== idxBatch.length) return null;
  const skippedList = [...dn.collapsedSliceDims, ...opBatch];
  const skipped = new Set(skippedList);
  const mapped = new Set(startIndexMap);
  if (skipped.size !== skippedList.length || mapped.size !== startIndexMap.length) return null;
  if (skippedList.some((d) => !(d >= 0 && d < rank) || sliceSizes[d] !== 1)) return null;
  if (startIndexMap.some((d) => !(d >= 0 && d < rank) || opBatch.includes(d))) return null;
  if (idxBatch.some((a) => !(a >= 0 && a < batchShape.length))) return null;
  if (opBatch.some((d, i) => opShape[d] !== batchShape[idxBatch[i]])) return null;
  const windowDims = opShape.map((_, d) => d).filter((d) => !skipped.has(d));
  if (
    windowDims.length !== dn.offsetDims.length ||
    outShape.length !== batchShape.length + windowDims.length
  ) {
    return null;
  }
  const offsetSet = new Set(dn.offsetDims);
  if (
    offsetSet.size !== dn.offsetDims.length ||
    dn.offsetDims.some((d) => !(d >= 0 && d < outShape.length))
  ) {
    return null;
  }
  const batchOutDims = outShape.map((_, d) => d).filter((d) => !offsetSet.has(d));
  if (batchOutDims.some((d, j) => outShape[d] !== batchShape[j])) return null;
  if (dn.offsetDims.some((d, i) => outShape[d] !== sliceSizes[windowDims[i]])) return null;

  const bytes = itemsize(operand.dtype);
  const outStrides = outShape.map((_, d) => sizeOf(outShape.slice(d + 1)) * bytes);
  const opStrides = operand.view.strides.map((s) => s * bytes);
  const window = windowDims.map((d, i) => ({
    n: sliceSizes[d],
    d: outStrides[dn.offsetDims[i]],
    s: opStrides[d],
  }));
  const copy = mergeAxes(window, bytes);
  const fill = mergeAxes(
    window.map((a) => ({ ...a, s: 0 })),
    bytes,
  );
  const copySplit = splitAxes(copy.axes);
  const fillSplit = splitAxes(fill.axes);
  const copyEntries = copySplit.src.length;
  const fillEntries = fillSplit.src.length;
  const copyMode = isContiguous(operand.view) ? "raw" : copyModeOf(operand.dtype);
  const fillValueBytes = fillBytes(operand.dtype, fillValue);
  const fills = mode === "fill";

  // Per batch axis: the steps of the index, output and operand (batching dims) addresses.
  const nb = batchShape.length;
  const idxStrides = indices.view.strides;
  const idxVecStride = idxStrides[nb] * 4;
  const idxStep = batchShape.map((_, i) => idxStrides[i] * 4);
  const outStep = batchShape.map((_, j) => outStrides[batchOutDims[j]]);
  const opStep = batchShape.map(() => 0);
  opBatch.forEach((d, i) => {
    opStep[idxBatch[i]] += opStrides[d];
  });
  const mapStride = startIndexMap.map((d) => opStrides[d]);
  const maxStart = startIndexMap.map((d) => opShape[d] - sliceSizes[d]);
  const nBatch = sizeOf(batchShape);
  const outBytes = sizeOf(outShape) * bytes;

  return (ins, outs) => {
    checkOperand("gather", "operand", operand, ins[0], bytes);
    checkOperand("gather", "indices", indices, ins[1], 4);
    checkOutput("gather", outs[0], outBytes);
    if (outBytes === 0) return;
    const { heap, memory } = ctx;
    const ex = gatherExports(heap, memory);
    const copyFn = copyMode === "raw" ? ex[`gather${copy.width as 1 | 2 | 4 | 8}`] : ex[`gather_${copyMode}`];
    const fillFn = ex[`gather${fill.width as 1 | 2 | 4 | 8}`];
    const per = fills ? Math.max(copyEntries, fillEntries) : copyEntries;
    const chunk = Math.min(nBatch, Math.max(1, Math.floor(CHUNK / per)));
    const capacity = chunk * per;
    const block = heap.allocate(capacity * 8 + 16);
    try {
      const table = block.address;
      const fillAddress = table + capacity * 8;
      heap.bytes(fillAddress, 16).set(fillValueBytes);
      const i32 = new Int32Array(heap.memory.buffer);
      const u32 = new Uint32Array(heap.memory.buffer);
      const opBase = ins[0].address + operand.view.offset * bytes;
      const idxBase = ins[1].address + indices.view.offset * 4;
      const outBase = outs[0].address;
      const b = new Array<number>(nb).fill(0);
      const idxLast = idxStep[nb - 1] ?? 0;
      const outLast = outStep[nb - 1] ?? 0;
      const opLast = opStep[nb - 1] ?? 0;
      const nLast = batchShape[nb - 1] ?? 1;
      let bLast = 0;
      let idxAt = idxBase;
      let outAt = outBase;
      let opAt = opBase;
      const [c0, c1, c2] = copySplit.inner;
      const [f0, f1, f2] = fillSplit.inner;
      const { src: copySrc, dst: copyDst } = copySplit;
      const fillDst = fillSplit.dst;
      const start = table >>> 2;
      const end = start + 2 * capacity;
      for (let done = 0; done < nBatch; ) {
        const count = Math.min(chunk, nBatch - done);
        // In-range slices fill the table from the front, filled ones from the back.
        let front = start;
        let back = end;
        for (let t = 0; t < count; t++) {
          let src = opAt;
          let inBounds = true;
          for (let k = 0; k < vecLen; k++) {
            const s = i32[(idxAt + k * idxVecStride) >>> 2];
            const max = maxStart[k];
            if (s < 0 || s > max) inBounds = false;
            src += Math.min(Math.max(s, 0), max) * mapStride[k];
          }
          if (fills && !inBounds) {
            back -= 2 * fillEntries;
            for (let j = 0; j < fillEntries; j++) {
              u32[back + 2 * j] = fillAddress;
              u32[back + 2 * j + 1] = outAt + fillDst[j];
            }
          } else {
            for (let j = 0; j < copyEntries; j++) {
              u32[front] = src + copySrc[j];
              u32[front + 1] = outAt + copyDst[j];
              front += 2;
            }
          }
          // Next batch position (row-major): the innermost axis in locals, carries in the loop.
          if (nb === 0) continue;
          idxAt += idxLast;
          outAt += outLast;
          opAt += opLast;
          if (++bLast < nLast) continue;
          idxAt -= idxLast * nLast;
          outAt -= outLast * nLast;
          opAt -= opLast * nLast;
          bLast = 0;
          for (let i = nb - 2; i >= 0; i--) {
            idxAt += idxStep[i];
            outAt += outStep[i];
            opAt += opStep[i];
            if (++b[i] < batchShape[i]) break;
            idxAt -= idxStep[i] * b[i];
            outAt -= outStep[i] * b[i];
            opAt -= opStep[i] * b[i];
            b[i] = 0;
          }
        }
        const copies = (front - start) / 2;
        const filled = (end - back) / 2;
        if (copies > 0) copyFn(table, copies, c0.n, c1.n, c2.n, c0.d, c1.d, c2.d, c0.s, c1.s, c2.s);
        if (filled > 0) {
          fillFn(back * 4, filled, f0.n, f1.n, f2.n, f0.d, f1.d, f2.d, f0.s, f1.s, f2.s);
        }
        done += count;
      }
    } finally {
      heap.release(block);
    }
  };
}
