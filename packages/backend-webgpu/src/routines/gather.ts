import { type GatherDimensionNumbers, type GatherMode, type RoutineKernel, sizeOf } from "@jaxts/backend";
import { NotLowered, WgslBuilder } from "../codegen/builder.js";
import { constLiteral } from "../codegen/dtypes.js";
import type { GeneratedShader } from "../codegen/shader.js";
import { emitPerWord, emitUnravel, indexVector, inputLoader, oneOutputShader } from "./common.js";

// XLA's gather, one invocation per output word. Each output element knows its batch position (the
// output axes that are not offset axes) and its place in the window (the offset axes), so it reads
// its index vector, clamps the start, and reads one operand element: no two invocations write one
// word, and the result does not depend on scheduling.

export function gatherShader(
  kernel: RoutineKernel,
  dn: GatherDimensionNumbers,
  sliceSizes: readonly number[],
  mode: GatherMode,
  fillValue: number,
): GeneratedShader {
  const [operand, indices] = kernel.inputs;
  const opShape = operand.view.shape;
  const idxShape = indices?.view.shape ?? [];
  const { dtype, shape: outShape } = kernel.outputs[0];
  const rank = opShape.length;
  const vecLen = idxShape.length === 0 ? 0 : idxShape[idxShape.length - 1];
  const batchShape = idxShape.slice(0, -1);
  const skipped = new Set([...dn.collapsedSliceDims, ...dn.operandBatchingDims]);
  const windowDims = opShape.map((_, d) => d).filter((d) => !skipped.has(d));
  const offsetSet = new Set(dn.offsetDims);
  const batchOutDims = outShape.map((_, d) => d).filter((d) => !offsetSet.has(d));
  if (
    indices === undefined ||
    indices.dtype !== "int32" ||
    dtype !== operand.dtype ||
    sliceSizes.length !== rank ||
    sliceSizes.some((s, d) => s < 0 || s > opShape[d]) ||
    vecLen !== dn.startIndexMap.length ||
    windowDims.length !== dn.offsetDims.length ||
    outShape.length !== batchShape.length + windowDims.length
  ) {
    throw new NotLowered("a malformed gather");
  }
  const b = new WgslBuilder();
  const loadOperand = inputLoader(b, 0, operand);
  const loadIndex = inputLoader(b, 1, indices);
  const size =
    sizeOf(batchShape) === 0 || sizeOf(windowDims.map((d) => sliceSizes[d])) === 0 ? 0 : sizeOf(outShape);
  const workgroups = emitPerWord(b, dtype, size, (flat) => {
    const oi = b.name("w");
    emitUnravel(b, oi, flat, outShape);
    const batchAt = batchOutDims.map((d) => `${oi}[${d}]`);
    const inBounds = b.name("ok");
    b.emit(`var ${inBounds} = true;`);
    const start = new Array<string>(rank).fill("0i");
    dn.startIndexMap.forEach((d, k) => {
      const s = b.bind(`${loadIndex}(${indexVector([...batchAt, `${k}i`])})`, "s");
      const maxStart = opShape[d] - sliceSizes[d];
      b.emit(`if (${s} < 0i || ${s} > ${maxStart}i) { ${inBounds} = false; }`);
      start[d] = `clamp(${s}, 0i, ${maxStart}i)`;
    });
    dn.operandBatchingDims.forEach((d, i) => {
      start[d] = batchAt[dn.startIndicesBatchingDims[i]];
    });
    const at = start.map((s, d) => {
      const w = windowDims.indexOf(d);
      return w < 0 ? s : `${s} + ${oi}[${dn.offsetDims[w]}]`;
    });
    const v = b.name("v");
    if (mode === "fill") {
      b.emit(`var ${v} = ${constLiteral(dtype, fillValue)};`);
      b.emit(`if (${inBounds}) { ${v} = ${loadOperand}(${indexVector(at)}); }`);
    } else b.emit(`let ${v} = ${loadOperand}(${indexVector(at)});`);
    return v;
  });
  return oneOutputShader(
    b,
    kernel.inputs.map((i) => i.dtype),
    dtype,
    workgroups,
  );
}
