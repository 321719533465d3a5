import { type DType, type Expr, type RoutineKernel, sizeOf } from "@jaxts/backend";
import { NotLowered, WgslBuilder } from "../codegen/builder.js";
import { perWord, valueType } from "../codegen/dtypes.js";
import { ExprEmitter } from "../codegen/expr.js";
import { kernelEnv } from "../codegen/kernel-env.js";
import { assemble, type GeneratedShader, WORKGROUP_INDEX } from "../codegen/shader.js";
import { packBits } from "../codegen/view.js";
import { emitUnravel, indexVector, inputLoader, zeroOf } from "./common.js";

// Tiled matmul: each workgroup computes a BM×BN tile of one batch's output, staging BM×BK slices of
// lhs and BK×BN slices of rhs in workgroup memory; each invocation accumulates a 4×4 register block.
// Operands are read through their views (any strides, so transposes and broadcast batches need no
// copy). float32 accumulates in f32 with fma (the cpu backend accumulates in float64: the golden
// MATMUL tier covers the difference); int32/uint32 wrap, as the cpu backend's Math.imul sum does.

/** Rows and columns per invocation (register block). */
const RB = 4;
/** Depth of a staged slice. */
const BK = 16;

export interface MatmulLimits {
  /** The device's maxComputeInvocationsPerWorkgroup. */
  readonly maxInvocations: number;
}

/** The dtypes the tiled kernel computes (bool, narrow ints and complex stay on the cpu fallback). */
const MATMUL_DTYPES: ReadonlySet<DType> = new Set<DType>(["float32", "int32", "uint32"]);

export function matmulShader(
  kernel: RoutineKernel,
  r: { batch: readonly number[]; m: number; n: number; k: number; epilogue?: Expr },
  limits: MatmulLimits,
): GeneratedShader {
  const { batch, m, n, k, epilogue } = r;
  const [lhs, rhs, ...extras] = kernel.inputs;
  const dtype = lhs.dtype;
  const outDType = kernel.outputs[0].dtype;
  if (!MATMUL_DTYPES.has(dtype)) throw new NotLowered(`matmul of ${dtype}`);
  const nb = batch.length;
  const fits = (shape: readonly number[], rows: number, cols: number) =>
    shape.length === nb + 2 &&
    batch.every((d, i) => shape[i] === d) &&
    shape[nb] === rows &&
    shape[nb + 1] === cols;
  // Malformed kernels go to the fallback, whose cpu code reports them.
  if (
    rhs === undefined ||
    rhs.dtype !== dtype ||
    !fits(lhs.view.shape, m, k) ||
    !fits(rhs.view.shape, k, n) ||
    (epilogue ? epilogue.dtype !== outDType : outDType !== dtype || extras.length > 0) ||
    extras.some((x) => !fits(x.view.shape, m, n))
  ) {
    throw new NotLowered("a malformed matmul");
  }
  valueType(outDType);
  for (const x of extras) valueType(x.dtype);
  const per = perWord(outDType);
  // Packed outputs: an invocation's 4 adjacent columns must fill whole words.
  if (per > 1 && n % RB !== 0) throw new NotLowered(`a matmul epilogue to ${outDType} with n % 4 ≠ 0`);

  const tx = 16;
  const ty = limits.maxInvocations >= 256 ? 16 : 8;
  const BM = ty * RB;
  const BN = tx * RB;
  const threads = tx * ty;
  const t = valueType(dtype);
  const tilesM = Math.ceil(m / BM);
  const tilesN = Math.ceil(n / BN);
  const perBatch = tilesM * tilesN;
  const workgroups = sizeOf(batch) * perBatch;

  const b = new WgslBuilder();
  const lhsAt = inputLoader(b, 0, lhs);
  const rhsAt = inputLoader(b, 1, rhs);
  const bix = Array.from({ length: nb }, (_, d) => `bix[${d}]`);
  b.emit(`let wg = ${WORKGROUP_INDEX};`);
  b.emit(`if (wg >= ${workgroups}u) { return; }`);
  b.emit(`let bt = wg / ${perBatch}u;`);
  b.emit(`let mi0 = i32((wg % ${perBatch}u) / ${tilesN}u) * ${BM}i;`);
  b.emit(`let mj0 = i32(wg % ${tilesN}u) * ${BN}i;`);
  emitUnravel(b, "bix", "bt", batch);
  b.emit(`let ti = i32(lid / ${tx}u) * ${RB}i;`);
  b.emit(`let tj = i32(lid % ${tx}u) * ${RB}i;`);
  b.emit(`var acc: array<${t}, ${RB * RB}>;`);
  const madd = (a: string, x: string, y: string) =>
    t === "f32" ? `fma(${x}, ${y}, ${a})` : `${a} + ${x} * ${y}`;
  b.block(`for (var k0 = 0i; k0 < ${k}i; k0 = k0 + ${BK}i) {`, () => {
    // Stage the slices; elements past the edges are zeros, so they add nothing.
    b.block(`for (var e = lid; e < ${BM * BK}u; e = e + ${threads}u) {`, () => {
      b.emit(`let gi = mi0 + i32(e / ${BK}u);`);
      b.emit(`let gk = k0 + i32(e % ${BK}u);`);
      b.emit(`var v = ${zeroOf(dtype)};`);
      b.emit(`if (gi < ${m}i && gk < ${k}i) { v = ${lhsAt}(${indexVector([...bix, "gi", "gk"])}); }`);
      b.emit("tileA[e] = v;");
    });
    b.block(`for (var e = lid; e < ${BK * BN}u; e = e + ${threads}u) {`, () => {
      b.emit(`let gk = k0 + i32(e / ${BN}u);`);
      b.emit(`let gj = mj0 + i32(e % ${BN}u);`);
      b.emit(`var v = ${zeroOf(dtype)};`);
      b.emit(`if (gk < ${k}i && gj < ${n}i) { v = ${rhsAt}(${indexVector([...bix, "gk", "gj"])}); }`);
      b.emit("tileB[e] = v;");
    });
    b.emit("workgroupBarrier();");
    b.block(`for (var kk = 0u; kk < ${BK}u; kk = kk + 1u) {`, () => {
      for (let i = 0; i < RB; i++) b.emit(`let a${i} = tileA[u32(ti + ${i}i) * ${BK}u + kk];`);
      for (let j = 0; j < RB; j++) b.emit(`let b${j} = tileB[kk * ${BN}u + u32(tj + ${j}i)];`);
      for (let i = 0; i < RB; i++)
        for (let j = 0; j < RB; j++) {
          const a = `acc[${i * RB + j}]`;
          b.emit(`${a} = ${madd(a, `a${i}`, `b${j}`)};`);
        }
    });
    b.emit("workgroupBarrier();");
  });

  /** The stored value of element (row i, column j) of the block: the product through the epilogue. */
  const value = (row: string, col: string, accName: string): string => {
    if (!epilogue) return accName;
    const index = (d: number) => (d < nb ? `bix[${d}]` : d === nb ? row : col);
    return new ExprEmitter(b, kernelEnv(b, kernel.inputs, index, accName), false).emit(epilogue);
  };
  for (let i = 0; i < RB; i++) {
    const row = `(mi0 + ti + ${i}i)`;
    const flatRow = `(bt * ${m}u + u32(${row})) * ${n}u`;
    if (per === 1) {
      for (let j = 0; j < RB; j++) {
        const col = `(mj0 + tj + ${j}i)`;
        b.block(`if (${row} < ${m}i && ${col} < ${n}i) {`, () => {
          const v = value(row, col, `acc[${i * RB + j}]`);
          b.emit(`out0[${flatRow} + u32(${col})] = ${v};`);
        });
      }
    } else {
      b.block(`if (${row} < ${m}i && mj0 + tj < ${n}i) {`, () => {
        const flat = b.bind(`${flatRow} + u32(mj0 + tj)`, "o");
        const words = RB / per;
        for (let w = 0; w < words; w++) {
          const parts: string[] = [];
          for (let e = 0; e < per; e++) {
            const j = w * per + e;
            const v = value(row, `(mj0 + tj + ${j}i)`, `acc[${i * RB + j}]`);
            parts.push(`(${packBits(outDType, v)} << ${e * (32 / per)}u)`);
          }
          b.emit(`out0[${flat} / ${per}u + ${w}u] = ${parts.join(" | ")};`);
        }
      });
    }
  }
  const inputs = kernel.inputs.map((x) => x.dtype);
  const declarations = [
    `var<workgroup> tileA: array<${t}, ${BM * BK}>;`,
    `var<workgroup> tileB: array<${t}, ${BK * BN}>;`,
  ].join("\n");
  return {
    code: assemble({
      b,
      inputs,
      outputs: [outDType],
      uniformWords: inputs.length,
      declarations,
      workgroupSize: threads,
    }),
    inputs: inputs.length,
    outputs: 1,
    workgroups,
    uniformWords: inputs.length,
  };
}
