import { jit } from "@jaxts/core";
import { lax, np } from "@jaxts/ndarray";
import { DECOMPOSITION, EXACT, REDUCTION } from "../golden/tolerance.js";
import type { CaseTable } from "./case.js";
import { bools, floats, ints, spd } from "./inputs.js";

const x45 = () => floats([4, 5, 6], 50, { special: false });

export const STRUCTURAL_CASES = {
  reduce_sum: [
    { label: "float32 over the last axis", tolerance: REDUCTION, run: () => lax.reduceSum(x45(), [2]) },
    { label: "float32 over axes 0 and 2", tolerance: REDUCTION, run: () => lax.reduceSum(x45(), [0, 2]) },
    {
      label: "float32 [1000] (long, vectorisable)",
      tolerance: REDUCTION,
      run: () => lax.reduceSum(floats([1000], 51), [0]),
    },
    { label: "int32", tolerance: EXACT, run: () => lax.reduceSum(ints([6, 7], 52), [1]) },
  ],
  reduce_prod: [
    {
      label: "float32",
      tolerance: REDUCTION,
      run: () => lax.reduceProd(floats([5, 6], 53, { lo: 0.5, hi: 1.5 }), [1]),
    },
    { label: "int32", tolerance: EXACT, run: () => lax.reduceProd(ints([5, 6], 54, "int32", -5, 5), [0]) },
  ],
  reduce_max: [
    {
      label: "float32 with NaN",
      tolerance: EXACT,
      run: () => lax.reduceMax(floats([5, 7], 55, { special: true }), [1]),
    },
    { label: "uint32", tolerance: EXACT, run: () => lax.reduceMax(ints([5, 7], 56, "uint32", 0, 1e9), [0]) },
  ],
  reduce_min: [
    {
      label: "float32 with NaN",
      tolerance: EXACT,
      run: () => lax.reduceMin(floats([5, 7], 57, { special: true }), [0]),
    },
    { label: "int8", tolerance: EXACT, run: () => lax.reduceMin(ints([5, 7], 58, "int8"), [1]) },
  ],
  reduce_and: [{ label: "bool", tolerance: EXACT, run: () => lax.reduceAnd(bools([6, 3], 59), [1]) }],
  reduce_or: [{ label: "bool", tolerance: EXACT, run: () => lax.reduceOr(bools([6, 3], 60), [1]) }],
  reduce_xor: [{ label: "int32", tolerance: EXACT, run: () => lax.reduceXor(ints([6, 3], 61), [0]) }],
  argmax: [
    {
      label: "float32 with NaN",
      tolerance: EXACT,
      run: () => lax.argmax(floats([6, 11], 62, { special: true }), 1),
    },
    { label: "int32 along axis 0", tolerance: EXACT, run: () => lax.argmax(ints([6, 11], 63), 0) },
  ],
  argmin: [{ label: "float32", tolerance: EXACT, run: () => lax.argmin(floats([6, 11], 64), 1) }],
  cumsum: [
    { label: "float32", tolerance: REDUCTION, run: () => lax.cumsum(floats([5, 8], 65), 1) },
    { label: "int32 reversed", tolerance: EXACT, run: () => lax.cumsum(ints([5, 8], 66), 0, true) },
  ],
  cumprod: [
    {
      label: "float32",
      tolerance: REDUCTION,
      run: () => lax.cumprod(floats([5, 8], 67, { lo: 0.5, hi: 1.5 }), 1),
    },
  ],
  cummax: [{ label: "float32", tolerance: EXACT, run: () => lax.cummax(floats([5, 8], 68), 1) }],
  cummin: [{ label: "int32", tolerance: EXACT, run: () => lax.cummin(ints([5, 8], 69), 0) }],
  cumlogsumexp: [
    { label: "float32", tolerance: REDUCTION, run: () => lax.cumlogsumexp(floats([5, 8], 70), 1) },
  ],
  dot_general: [
    {
      label: "matmul 33×70 · 70×45",
      tolerance: REDUCTION,
      run: () => np.matmul(floats([33, 70], 71), floats([70, 45], 72)),
    },
    {
      label: "transposed operands",
      tolerance: REDUCTION,
      run: () => np.matmul(floats([70, 33], 73).T, floats([45, 70], 74).T),
    },
    {
      label: "batched",
      tolerance: REDUCTION,
      run: () => np.matmul(floats([3, 9, 17], 75), floats([3, 17, 10], 76)),
    },
    {
      label: "matrix-vector",
      tolerance: REDUCTION,
      run: () => np.matmul(floats([12, 30], 77), floats([30], 78)),
    },
    { label: "int32", tolerance: EXACT, run: () => np.matmul(ints([5, 6], 79), ints([6, 4], 80)) },
    {
      label: "128×128 (blocked)",
      tolerance: REDUCTION,
      run: () => np.matmul(floats([128, 128], 81), floats([128, 128], 82)),
    },
  ],
  broadcast_in_dim: [
    {
      label: "float32 [3] → [4, 3, 2]",
      tolerance: EXACT,
      run: () => lax.broadcastInDim(floats([3], 83), [4, 3, 2], [1]),
    },
  ],
  reshape: [
    { label: "of a transpose", tolerance: EXACT, run: () => lax.reshape(floats([4, 6], 84).T, [3, 8]) },
  ],
  transpose: [{ label: "3-d", tolerance: EXACT, run: () => lax.transpose(x45(), [2, 0, 1]) }],
  squeeze: [{ label: "float32", tolerance: EXACT, run: () => lax.squeeze(floats([3, 1, 4], 85), [1]) }],
  rev: [{ label: "two axes", tolerance: EXACT, run: () => lax.rev(x45(), [0, 2]) }],
  pad: [
    {
      label: "low, high and interior",
      tolerance: EXACT,
      run: () =>
        lax.pad(floats([3, 4], 86), 0.5, [
          [1, 2, 1],
          [2, 0, 0],
        ]),
    },
    {
      label: "negative (cropping)",
      tolerance: EXACT,
      run: () =>
        lax.pad(ints([5, 6], 87), np.array(0, { dtype: "int32" }), [
          [-1, 1, 0],
          [0, -2, 0],
        ]),
    },
  ],
  concatenate: [
    {
      label: "axis 1",
      tolerance: EXACT,
      run: () => lax.concatenate([floats([3, 2], 88), floats([3, 5], 89)], 1),
    },
  ],
  slice: [
    { label: "strided", tolerance: EXACT, run: () => lax.slice(x45(), [1, 0, 1], [4, 5, 6], [2, 2, 3]) },
  ],
  dynamic_slice: [
    {
      label: "clamped start",
      tolerance: EXACT,
      run: () => lax.dynamicSlice(x45(), [np.array(3, { dtype: "int32" }), 1, 4], [2, 3, 3]),
    },
  ],
  dynamic_update_slice: [
    {
      label: "float32",
      tolerance: EXACT,
      run: () => lax.dynamicUpdateSlice(x45(), floats([2, 2, 2], 90), [1, 2, 3]),
    },
  ],
  gather: [
    {
      label: "np.take along axis 1",
      tolerance: EXACT,
      run: () => np.take(x45(), ints([7], 91, "int32", 0, 5), 1),
    },
    {
      label: "x[idx] rows",
      tolerance: EXACT,
      run: () => floats([6, 3], 92).get(ints([4], 93, "int32", 0, 6)),
    },
  ],
  scatter: [
    {
      label: "at().set",
      tolerance: EXACT,
      run: () =>
        floats([6, 3], 94)
          .at(ints([3], 95, "int32", 0, 6))
          .set(floats([3, 3], 96)),
    },
  ],
  "scatter-add": [
    {
      label: "at().add with repeats",
      tolerance: REDUCTION,
      run: () =>
        floats([5], 97)
          .at(np.array([0, 2, 2, 4], { dtype: "int32" }))
          .add(floats([4], 98)),
    },
  ],
  "scatter-mul": [
    {
      label: "at().mul",
      tolerance: REDUCTION,
      run: () =>
        floats([5], 99)
          .at(np.array([1, 3, 1], { dtype: "int32" }))
          .mul(floats([3], 100)),
    },
  ],
  "scatter-min": [
    {
      label: "at().min",
      tolerance: EXACT,
      run: () =>
        floats([5], 101)
          .at(np.array([0, 0, 4], { dtype: "int32" }))
          .min(floats([3], 102)),
    },
  ],
  "scatter-max": [
    {
      label: "at().max",
      tolerance: EXACT,
      run: () =>
        ints([5], 103)
          .at(np.array([2, 2, 3], { dtype: "int32" }))
          .max(ints([3], 104)),
    },
  ],
  iota: [
    { label: "int32", tolerance: EXACT, run: () => lax.iota("int32", 17) },
    { label: "float32, broadcast", tolerance: EXACT, run: () => lax.broadcastedIota("float32", [3, 5], 1) },
  ],
  sort: [
    {
      label: "float32 with NaN and ±0",
      tolerance: EXACT,
      run: () => np.sort(floats([3, 11], 105, { special: true }), 1),
    },
    {
      label: "argsort int32 (stable)",
      tolerance: EXACT,
      run: () => np.argsort(ints([20], 106, "int32", 0, 4)),
    },
  ],
  top_k: [{ label: "float32", tolerance: EXACT, run: () => lax.topK(floats([4, 9], 107), 3) }],
  reduce_window_sum: [
    {
      label: "2×2 stride 1",
      tolerance: REDUCTION,
      run: () => lax.reduceWindow(floats([5, 6], 108), 0, lax.add, [2, 2], [1, 1]),
    },
  ],
  reduce_window_max: [
    {
      label: "3×3 stride 2, SAME",
      tolerance: EXACT,
      run: () =>
        lax.reduceWindow(floats([7, 7], 109), Number.NEGATIVE_INFINITY, lax.max, [3, 3], [2, 2], "SAME"),
    },
  ],
  reduce_window_min: [
    {
      label: "2×1",
      tolerance: EXACT,
      run: () => lax.reduceWindow(floats([6, 4], 110), Number.POSITIVE_INFINITY, lax.min, [2, 1], [1, 1]),
    },
  ],
  conv_general_dilated: [
    {
      label: "NCHW 3×3, padding SAME",
      tolerance: REDUCTION,
      run: () => lax.convGeneralDilated(floats([2, 3, 8, 8], 111), floats([4, 3, 3, 3], 112), [1, 1], "SAME"),
    },
    {
      label: "strided, dilated",
      tolerance: REDUCTION,
      run: () =>
        lax.convGeneralDilated(floats([1, 2, 9, 9], 113), floats([3, 2, 2, 2], 114), [2, 2], "VALID", {
          rhsDilation: [2, 2],
        }),
    },
  ],
  cholesky: [{ label: "5×5", tolerance: DECOMPOSITION, run: () => lax.linalg.cholesky(spd(5, 115)) }],
  lu: [{ label: "6×6", tolerance: DECOMPOSITION, run: () => lax.linalg.lu(floats([6, 6], 116)) }],
  qr: [
    {
      label: "6×4",
      tolerance: DECOMPOSITION,
      run: () => np.abs(lax.linalg.qr(floats([6, 4], 117), { fullMatrices: false })[1]),
    },
  ],
  eigh: [
    { label: "eigenvalues of 5×5", tolerance: DECOMPOSITION, run: () => lax.linalg.eigh(spd(5, 118))[1] },
  ],
  svd: [
    {
      label: "singular values of 6×4",
      tolerance: DECOMPOSITION,
      run: () => lax.linalg.svd(floats([6, 4], 119), { computeUv: false }),
    },
  ],
  triangular_solve: [
    {
      label: "lower, left side",
      tolerance: DECOMPOSITION,
      run: () =>
        lax.linalg.triangularSolve(
          np.add(np.tril(floats([5, 5], 120)), np.multiply(np.eye(5), 4)),
          floats([5, 3], 121),
          { leftSide: true, lower: true },
        ),
    },
  ],
  fft: [
    {
      label: "complex FFT of 16",
      tolerance: REDUCTION,
      run: () => np.fft.fft(lax.complex(floats([16], 122), floats([16], 123))),
    },
    { label: "RFFT of 12", tolerance: REDUCTION, run: () => np.fft.rfft(floats([3, 12], 124)) },
    { label: "IRFFT of 10", tolerance: REDUCTION, run: () => np.fft.irfft(np.fft.rfft(floats([10], 125))) },
  ],
  jit_call: [
    {
      label: "a fused softmax",
      tolerance: REDUCTION,
      run: () =>
        jit((x: ReturnType<typeof floats>) => {
          const e = np.exp(np.subtract(x, np.max(x, 1, { keepdims: true })));
          return np.divide(e, np.sum(e, 1, { keepdims: true }));
        })(floats([6, 50], 126)),
    },
    {
      label: "matmul with a bias and relu epilogue",
      tolerance: REDUCTION,
      run: () =>
        jit((x: ReturnType<typeof floats>, w: ReturnType<typeof floats>, b: ReturnType<typeof floats>) =>
          np.maximum(np.add(np.matmul(x, w), b), 0),
        )(floats([20, 30], 127), floats([30, 12], 128), floats([12], 129)),
    },
  ],
  cond: [
    {
      label: "lax.cond",
      tolerance: EXACT,
      run: () =>
        lax.cond(
          np.array(true),
          (x: ReturnType<typeof floats>) => np.sin(x),
          (x: ReturnType<typeof floats>) => np.cos(x),
          floats([5], 130),
        ) as ReturnType<typeof floats>,
    },
  ],
  while: [
    {
      label: "lax.forILoop",
      tolerance: REDUCTION,
      run: () =>
        lax.forILoop(
          0,
          5,
          (_i: unknown, x: ReturnType<typeof floats>) => np.add(np.multiply(x, 0.5), 1),
          floats([6], 131),
        ) as ReturnType<typeof floats>,
    },
  ],
  scan: [
    {
      label: "a cumulative scan",
      tolerance: REDUCTION,
      run: () => {
        const [carry, ys] = lax.scan(
          (c: ReturnType<typeof floats>, x: ReturnType<typeof floats>) => {
            const next = np.add(np.multiply(c, 0.9), x);
            return [next, np.tanh(next)];
          },
          floats([3], 132),
          floats([7, 3], 133),
        );
        return [carry as ReturnType<typeof floats>, ys as ReturnType<typeof floats>];
      },
    },
  ],
} satisfies Partial<CaseTable>;
