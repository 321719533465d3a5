import {
  contiguousStrides,
  isContiguous,
  itemsize,
  type KernelInput,
  type RoutineKernel,
  sizeOf,
} from "@jaxts/backend";
import type { ExecFn, Region } from "../loop-executable.js";
import { checkOperand, checkOutput, scalarInt32 } from "./common.js";
import { copyModeOf, stridedCopy } from "./copy-module.js";
import type { RoutineContext } from "./index.js";

// dynamic_slice and dynamic_update_slice are copies: starts are read and clamped as the cpu
// backend does (XLA clamps so the window fits), then strided copies run in wasm. Where the cpu
// routine copies through a loop kernel (which stores bools as 0/1 and float16 NaNs canonical)
// so do we; where it copies raw storage (a contiguous update) we copy bytes.

/** Byte strides of a contiguous row-major array (size-1 axes get 0, which the copy drops). */
function denseByteStrides(shape: readonly number[], bytes: number): number[] {
  return contiguousStrides(shape).map((s) => s * bytes);
}

/** The inputs we cover: unmasked operands (start scalars may be masked: they read 0) and int32 starts. */
function covered(data: readonly KernelInput[], starts: readonly KernelInput[], rank: number): boolean {
  return (
    starts.length === rank &&
    starts.every((s) => s.dtype === "int32" && s.view.shape.length === 0) &&
    data.every((d) => !d.view.mask && d.view.shape.length === rank)
  );
}

function clampedStarts(
  routine: string,
  ctx: RoutineContext,
  starts: readonly KernelInput[],
  buffers: readonly Region[],
  shape: readonly number[],
  sizes: readonly number[],
): number[] {
  return shape.map((dim, d) => {
    const s = scalarInt32(routine, ctx.heap, starts[d], buffers[d]);
    return Math.min(Math.max(s, 0), dim - sizes[d]);
  });
}

/** inputs: operand, one int32 start per axis; output: the window of `sizes`. */
export function dynamicSliceExec(kernel: RoutineKernel, ctx: RoutineContext): ExecFn | null {
  const r = kernel.routine;
  if (r.name !== "dynamic_slice") return null;
  const [operand, ...starts] = kernel.inputs;
  const { shape, strides } = operand.view;
  const { sizes } = r;
  // A window that does not fit is the cpu routine's error to give.
  if (sizes.length !== shape.length || sizes.some((s, d) => s < 0 || s > shape[d])) return null;
  if (!covered([operand], starts, shape.length)) return null;
  const bytes = itemsize(operand.dtype);
  const outBytes = sizeOf(sizes) * bytes;
  const srcStrides = strides.map((s) => s * bytes);
  const dstStrides = denseByteStrides(sizes, bytes);
  const mode = copyModeOf(operand.dtype);
  return (ins, outs) => {
    checkOperand("dynamic_slice", "operand", operand, ins[0], bytes);
    checkOutput("dynamic_slice", outs[0], outBytes);
    const at = clampedStarts("dynamic_slice", ctx, starts, ins.slice(1), shape, sizes);
    if (outBytes === 0) return;
    let src = ins[0].address + operand.view.offset * bytes;
    at.forEach((s, d) => {
      src += s * srcStrides[d];
    });
    stridedCopy(ctx.heap, ctx.memory, bytes, sizes, outs[0].address, dstStrides, src, srcStrides, mode);
  };
}

/** inputs: operand, update, one int32 start per axis; output: the operand with the update written. */
export function dynamicUpdateSliceExec(kernel: RoutineKernel, ctx: RoutineContext): ExecFn | null {
  if (kernel.routine.name !== "dynamic_update_slice") return null;
  const [operand, update, ...starts] = kernel.inputs;
  const shape = operand.view.shape;
  const sizes = update.view.shape;
  if (update.dtype !== operand.dtype) return null;
  if (sizes.length !== shape.length || sizes.some((s, d) => s < 0 || s > shape[d])) return null;
  if (!covered([operand, update], starts, shape.length)) return null;
  const bytes = itemsize(operand.dtype);
  const outBytes = sizeOf(shape) * bytes;
  const outStrides = denseByteStrides(shape, bytes);
  const opStrides = operand.view.strides.map((s) => s * bytes);
  const upStrides = update.view.strides.map((s) => s * bytes);
  const mode = copyModeOf(operand.dtype);
  // The cpu routine reads a contiguous update in place (raw), any other through a copy kernel.
  const updateMode = isContiguous(update.view) ? "raw" : mode;
  return (ins, outs) => {
    checkOperand("dynamic_update_slice", "operand", operand, ins[0], bytes);
    checkOperand("dynamic_update_slice", "update", update, ins[1], bytes);
    checkOutput("dynamic_update_slice", outs[0], outBytes);
    const out = outs[0].address;
    const { heap, memory } = ctx;
    const opAddress = ins[0].address + operand.view.offset * bytes;
    stridedCopy(heap, memory, bytes, shape, out, outStrides, opAddress, opStrides, mode);
    const at = clampedStarts("dynamic_update_slice", ctx, starts, ins.slice(2), shape, sizes);
    if (sizeOf(sizes) === 0) return;
    let dst = out;
    at.forEach((s, d) => {
      dst += s * outStrides[d];
    });
    const upAddress = ins[1].address + update.view.offset * bytes;
    stridedCopy(heap, memory, bytes, sizes, dst, outStrides, upAddress, upStrides, updateMode);
  };
}
