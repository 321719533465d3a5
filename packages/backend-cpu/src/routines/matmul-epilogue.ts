import {
  allocStorage,
  contiguousView,
  type DType,
  type Expr,
  type KernelInput,
  type LoopKernel,
  mapExprLeaves,
  type StorageArray,
} from "@jaxts/backend";
import { checkViewFits } from "../codegen/view-fits.js";
import { getCompiledLoop } from "../loop-cache.js";
import { width } from "./common.js";

/**
 * `e` as a loop kernel's expression: the routine numbers the extra inputs from 2 (after lhs and
 * rhs), the loop kernel from 0, and reads the accumulator as input `input`. Shared nodes stay shared.
 */
function accAsLoad(e: Expr, input: number): Expr {
  return mapExprLeaves(e, (leaf) => {
    switch (leaf.op) {
      case "acc":
        return { op: "load", input, dtype: leaf.dtype };
      case "load":
      case "valid":
        if (leaf.input < 2)
          throw new Error("cpu backend: malformed kernel: a matmul epilogue reads lhs or rhs");
        return { ...leaf, input: leaf.input - 2 };
      case "const":
      case "index":
        return leaf;
      default:
        return leaf satisfies never;
    }
  });
}

/** Stores a matmul's products through an epilogue. */
export type EpilogueFn = (products: StorageArray, extras: readonly StorageArray[], out: StorageArray) => void;

/**
 * The epilogue as a loop kernel over the output shape, compiled by the same code generator as loop
 * kernels' reduce epilogues, so a fused epilogue rounds exactly as the separate kernels would.
 */
export function compileEpilogue(
  epilogue: Expr,
  accDtype: DType,
  shape: readonly number[],
  extras: readonly KernelInput[],
): EpilogueFn {
  for (const [k, x] of extras.entries()) {
    if (x.view.shape.length !== shape.length || x.view.shape.some((d, i) => d !== shape[i])) {
      throw new RangeError(
        `cpu backend: matmul epilogue input ${k} has shape [${x.view.shape}]; expected [${shape}]`,
      );
    }
  }
  const kernel: LoopKernel = {
    kind: "loop",
    shape,
    inputs: [...extras, { dtype: accDtype, view: contiguousView(shape) }],
    expr: accAsLoad(epilogue, extras.length),
    dtype: epilogue.dtype,
  };
  const { fn } = getCompiledLoop(kernel);
  const offsets = kernel.inputs.map((i) => i.view.offset);
  return (products, extraData, out) => {
    extras.forEach((x, k) =>
      checkViewFits(x.view, extraData[k].length / width(x.dtype), `matmul epilogue input ${k}`),
    );
    fn([...extraData, products], out, offsets);
  };
}

/** A buffer for the raw products, reused across runs of one compiled matmul. */
export function productsBuffer(dtype: DType, length: number): () => StorageArray {
  let buf: StorageArray | null = null;
  return () => {
    buf ??= allocStorage(dtype, length);
    return buf;
  };
}
