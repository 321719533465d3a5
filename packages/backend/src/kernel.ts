import type { BinaryOp, ReduceOp, UnaryOp } from "./alu.js";
import type { DType } from "./dtype.js";
import type { View } from "./view.js";

/**
 * A node of a kernel's scalar expression DAG. Nodes may be shared (the same object used twice);
 * backends compute a shared node once. Every node states its result dtype.
 */
export type Expr =
  /** Input `input` at the current loop point, read through that input's view. */
  | { readonly op: "load"; readonly input: number; readonly dtype: DType }
  /** A constant. Complex constants are `[re, im]`; bool constants are 0 or 1. */
  | { readonly op: "const"; readonly value: number | readonly [number, number]; readonly dtype: DType }
  /** The current loop index along `axis` (of the output shape, then the reduced shape). */
  | { readonly op: "index"; readonly axis: number; readonly dtype: DType }
  | { readonly op: "unary"; readonly alu: UnaryOp; readonly x: Expr; readonly dtype: DType }
  | {
      readonly op: "binary";
      readonly alu: BinaryOp;
      readonly x: Expr;
      readonly y: Expr;
      readonly dtype: DType;
    }
  | { readonly op: "where"; readonly cond: Expr; readonly x: Expr; readonly y: Expr; readonly dtype: DType }
  /** Value conversion with XLA's rules (float → int truncates and saturates, NaN → 0). */
  | { readonly op: "cast"; readonly x: Expr; readonly dtype: DType }
  /** Reinterpretation of the bits of a value of the same width. */
  | { readonly op: "bitcast"; readonly x: Expr; readonly dtype: DType }
  /** Whether input `input`'s view is inside its mask at the current loop point (bool). */
  | { readonly op: "valid"; readonly input: number; readonly dtype: DType }
  /** In a reduction's epilogue: the accumulated value. */
  | { readonly op: "acc"; readonly dtype: DType };

export type ExprOp = Expr["op"];

export interface KernelInput {
  readonly dtype: DType;
  /**
   * How the kernel reads the input buffer. For loop kernels the view's shape is the kernel's full
   * iteration shape (`shape` then `reduce.shape`), or just `shape` for inputs used only in the epilogue.
   */
  readonly view: View;
}

/**
 * A loop kernel: for every index of `shape` it evaluates `expr` (reducing it over `reduce.shape`
 * first, when present, then applying `reduce.epilogue`) and stores the result, contiguously, in the
 * single output buffer.
 */
export interface LoopKernel {
  readonly kind: "loop";
  readonly shape: readonly number[];
  readonly inputs: readonly KernelInput[];
  readonly expr: Expr;
  readonly reduce?: {
    readonly shape: readonly number[];
    readonly op: ReduceOp;
    /** Expression over `{op: "acc"}` and inputs; the accumulator's dtype is `expr.dtype` (int32 for arg reductions). */
    readonly epilogue?: Expr;
  };
  readonly dtype: DType;
  /**
   * Lets the backend contract a float multiply feeding an add or subtract into one fused
   * multiply-add (rounded once), as XLA's compilers do inside a fusion; absent or false asks for
   * every op rounded on its own.
   */
  readonly contract?: boolean;
}

/** A kernel that is not a loop over one expression. Its parameters are in `routine`. */
export interface RoutineKernel {
  readonly kind: "routine";
  readonly routine: Routine;
  readonly inputs: readonly KernelInput[];
  readonly outputs: readonly { readonly dtype: DType; readonly shape: readonly number[] }[];
}

export type Kernel = LoopKernel | RoutineKernel;

/** XLA's gather dimension numbers (index vectors are the last axis of the indices). */
export interface GatherDimensionNumbers {
  readonly offsetDims: readonly number[];
  readonly collapsedSliceDims: readonly number[];
  readonly startIndexMap: readonly number[];
  readonly operandBatchingDims: readonly number[];
  readonly startIndicesBatchingDims: readonly number[];
}

/** XLA's scatter dimension numbers (index vectors are the last axis of the indices). */
export interface ScatterDimensionNumbers {
  readonly updateWindowDims: readonly number[];
  readonly insertedWindowDims: readonly number[];
  readonly scatterDimsToOperandDims: readonly number[];
  readonly operandBatchingDims: readonly number[];
  readonly scatterIndicesBatchingDims: readonly number[];
}

/**
 * How out-of-bounds gather/scatter indices behave: "clip" clamps them; "fill" makes the slice read
 * `fillValue` and drops the update; "promise_in_bounds" (JAX's default for indexing) clamps reads
 * and drops writes, as XLA does natively, so that a gather's transpose drops what the gather clamped.
 */
export type GatherMode = "clip" | "fill" | "promise_in_bounds";

export type ScatterCombiner = "set" | "add" | "mul" | "min" | "max";

export type CumulativeOp = "sum" | "prod" | "max" | "min" | "logsumexp";

/**
 * The routines. Inputs and outputs are listed in the order each comment gives.
 */
export type Routine =
  /**
   * Batched matrix product: inputs lhs [...batch, m, k], rhs [...batch, k, n] (any strides, so
   * transposed operands need no copy); output [...batch, m, n]. Products accumulate in `dtype`
   * (float64 accumulation for float32 is allowed: more accurate, never less). Both inputs have
   * the output's dtype: lowerings cast first.
   * With `epilogue`, each output element is that expression over `{op: "acc"}` (the product,
   * rounded to the inputs' dtype) and loads of further inputs listed after lhs and rhs (numbered
   * from 2), whose views have the output's shape, as a loop kernel's reduce epilogue does; the
   * output then has the epilogue's dtype.
   */
  | {
      readonly name: "matmul";
      readonly batch: readonly number[];
      readonly m: number;
      readonly n: number;
      readonly k: number;
      readonly epilogue?: Expr;
    }
  /**
   * Stable sort of `numOperands` equally shaped inputs along their last axis, ordered
   * lexicographically by the first `numKeys`; NaNs last, -0 and +0 equal (JAX standardises zeros
   * before sorting, so they keep their input order).
   * Outputs: the operands, permuted.
   */
  | { readonly name: "sort"; readonly numKeys: number; readonly descending: boolean }
  /** inputs: operand, indices (int32, index vector last); output: the gathered array. */
  | {
      readonly name: "gather";
      readonly dimensionNumbers: GatherDimensionNumbers;
      readonly sliceSizes: readonly number[];
      readonly mode: GatherMode;
      readonly fillValue: number;
    }
  /** inputs: operand, indices (int32, index vector last), updates; output: the updated operand. */
  | {
      readonly name: "scatter";
      readonly dimensionNumbers: ScatterDimensionNumbers;
      readonly combiner: ScatterCombiner;
      readonly mode: GatherMode;
    }
  /** input: operand; output: the inclusive scan along `axis`. */
  | {
      readonly name: "cumulative";
      readonly op: CumulativeOp;
      readonly axis: number;
      readonly reverse: boolean;
    }
  /** inputs: operand, then one int32 scalar start per axis; output of `sizes`. Starts are clamped so the slice fits. */
  | { readonly name: "dynamic_slice"; readonly sizes: readonly number[] }
  /** inputs: operand, update, then one int32 scalar start per axis; output: operand with update written (clamped starts). */
  | { readonly name: "dynamic_update_slice" }
  /**
   * The linear-algebra routines work on the last two axes and batch over the rest; float and
   * complex dtypes. A factorisation that fails (cholesky of a matrix that is not positive definite)
   * gives NaNs, as LAPACK through JAX does.
   */
  /** input a [..., n, n]; output the lower Cholesky factor L (zeros above the diagonal). */
  | { readonly name: "cholesky" }
  /**
   * LU with partial pivoting: input a [..., m, n]; outputs lu [..., m, n] (L below the diagonal with
   * unit diagonal implied, U on and above), pivots int32 [..., min(m, n)] (LAPACK's row swaps,
   * 0-based), permutation int32 [..., m].
   */
  | { readonly name: "lu" }
  /** Householder QR: input a [..., m, n]; outputs q [..., m, m or k], r [..., m or k, n], k = min(m, n). */
  | { readonly name: "qr"; readonly fullMatrices: boolean }
  /**
   * Hermitian eigendecomposition reading the `lower` (or upper) triangle: input a [..., n, n];
   * outputs v [..., n, n] (eigenvectors in columns), w [..., n] (real dtype, ascending when sorted).
   */
  | { readonly name: "eigh"; readonly lower: boolean; readonly sortEigenvalues: boolean }
  /**
   * SVD: input a [..., m, n]; outputs s [..., k] (real dtype, descending), then when computeUv
   * u [..., m, m or k] and vh [..., n or k, n].
   */
  | { readonly name: "svd"; readonly fullMatrices: boolean; readonly computeUv: boolean }
  /** inputs a [..., n, n] (triangular), b [..., n, k] (or [..., k, n] when !leftSide); output x with op(a)·x = b (or x·op(a) = b). */
  | {
      readonly name: "triangular_solve";
      readonly leftSide: boolean;
      readonly lower: boolean;
      readonly transposeA: boolean;
      readonly conjugateA: boolean;
      readonly unitDiagonal: boolean;
    }
  /**
   * Discrete Fourier transforms over the last `lengths.length` axes. FFT/IFFT: complex in, complex
   * out (IFFT scaled by 1/n); RFFT: real in, complex out with the last axis n/2+1; IRFFT: complex in
   * (last axis n/2+1), real out of `lengths`.
   */
  | { readonly name: "fft"; readonly fftType: FftType; readonly lengths: readonly number[] };

export type FftType = "FFT" | "IFFT" | "RFFT" | "IRFFT";

export type RoutineName = Routine["name"];
