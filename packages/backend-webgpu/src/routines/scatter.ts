import {
  type GatherMode,
  type RoutineKernel,
  type ScatterCombiner,
  type ScatterDimensionNumbers,
  sizeOf,
} from "@jaxts/backend";
import { binaryOp } from "../codegen/alu.js";
import { NotLowered, WgslBuilder } from "../codegen/builder.js";
import { valueType } from "../codegen/dtypes.js";
import { assemble, type GeneratedShader, WORKGROUP_INDEX, WORKGROUP_SIZE } from "../codegen/shader.js";
import {
  emitPerWord,
  emitUnravel,
  indexVector,
  inputLoader,
  oneOutputShader,
  requireWordDType,
} from "./common.js";

// XLA's scatter in three steps: copy the operand to the output, then one invocation per update
// element finds its target (dropping or clamping out-of-bounds windows by mode) and combines. Only
// combiners whose result does not depend on the order of duplicates are lowered, so results equal
// the cpu backend's sequential ones bit for bit:
// - add/min/max on int32/uint32 (atomics; integer addition wraps, so it is associative), mul on
//   them and min/max on float32 (compare-and-swap loops: commutative and associative);
// - "set": the last update in row-major order wins, as on the cpu backend. A first pass records the
//   highest update number reaching each element (atomicMax into zeroed scratch), a second writes
//   only the winner's value.
// float32 add and mul round differently in each order, so a GPU version could not be deterministic:
// they, and dtypes narrower than 32 bits (whose words several updates share), stay on the fallback.

interface Layout {
  readonly kernel: RoutineKernel;
  readonly dn: ScatterDimensionNumbers;
  readonly mode: GatherMode;
  readonly opShape: readonly number[];
  readonly updShape: readonly number[];
  readonly batchShape: readonly number[];
  readonly windowDims: readonly number[];
  readonly scatterUpdDims: readonly number[];
  readonly extent: readonly number[];
}

function layout(kernel: RoutineKernel, dn: ScatterDimensionNumbers, mode: GatherMode): Layout {
  const [operand, indices, updates] = kernel.inputs;
  const opShape = operand.view.shape;
  const idxShape = indices?.view.shape ?? [];
  const updShape = updates?.view.shape ?? [];
  const rank = opShape.length;
  const batchShape = idxShape.slice(0, -1);
  const vecLen = idxShape.length === 0 ? 0 : idxShape[idxShape.length - 1];
  const skipped = new Set([...dn.insertedWindowDims, ...dn.operandBatchingDims]);
  const windowDims = opShape.map((_, d) => d).filter((d) => !skipped.has(d));
  const windowSet = new Set(dn.updateWindowDims);
  const scatterUpdDims = updShape.map((_, d) => d).filter((d) => !windowSet.has(d));
  const extent = new Array<number>(rank).fill(1);
  windowDims.forEach((d, i) => {
    extent[d] = updShape[dn.updateWindowDims[i]];
  });
  if (
    updates === undefined ||
    indices.dtype !== "int32" ||
    updates.dtype !== operand.dtype ||
    kernel.outputs[0].dtype !== operand.dtype ||
    vecLen !== dn.scatterDimsToOperandDims.length ||
    windowDims.length !== dn.updateWindowDims.length ||
    scatterUpdDims.length !== batchShape.length ||
    extent.some((e, d) => e > opShape[d])
  ) {
    throw new NotLowered("a malformed scatter");
  }
  return { kernel, dn, mode, opShape, updShape, batchShape, windowDims, scatterUpdDims, extent };
}

/**
 * Emits, for the update element at u32 `flat`, its update number (`un`, from 1 in row-major order
 * of the index batch), its target's flat position in the output (`tp`) and its value (`uv`);
 * returns early from dropped updates.
 */
function emitTarget(b: WgslBuilder, l: Layout): void {
  const { kernel, dn, opShape } = l;
  const loadIndex = inputLoader(b, 1, kernel.inputs[1]);
  const loadUpdate = inputLoader(b, 2, kernel.inputs[2]);
  emitUnravel(b, "ui", "t", l.updShape);
  const batchAt = l.scatterUpdDims.map((d) => `ui[${d}]`);
  const start = new Array<string>(opShape.length).fill("0i");
  b.emit("var ok = true;");
  dn.scatterDimsToOperandDims.forEach((d, k) => {
    const s = b.bind(`${loadIndex}(${indexVector([...batchAt, `${k}i`])})`, "s");
    const maxStart = opShape[d] - l.extent[d];
    b.emit(`if (${s} < 0i || ${s} > ${maxStart}i) { ok = false; }`);
    start[d] = l.mode === "clip" ? `clamp(${s}, 0i, ${maxStart}i)` : s;
  });
  // Only "clip" keeps an out-of-bounds update; "fill" and "promise_in_bounds" drop it.
  if (l.mode !== "clip") b.emit("if (!ok) { return; }");
  dn.operandBatchingDims.forEach((d, i) => {
    start[d] = batchAt[dn.scatterIndicesBatchingDims[i]];
  });
  let stride = 1;
  const terms: string[] = [];
  for (let d = opShape.length - 1; d >= 0; d--) {
    const w = l.windowDims.indexOf(d);
    const at = w < 0 ? start[d] : `(${start[d]} + ui[${dn.updateWindowDims[w]}])`;
    terms.push(`${at} * ${stride}i`);
    stride *= opShape[d];
  }
  b.emit(`let tp = u32(${terms.length === 0 ? "0i" : terms.join(" + ")});`);
  let bstride = 1;
  const bterms: string[] = [];
  for (let j = l.batchShape.length - 1; j >= 0; j--) {
    bterms.push(`u32(${batchAt[j]}) * ${bstride}u`);
    bstride *= l.batchShape[j];
  }
  b.emit(`let un = ${bterms.length === 0 ? "0u" : bterms.join(" + ")} + 1u;`);
  b.emit(`let uv = ${loadUpdate}(ui);`);
}

/** A shader with one invocation per update element around `body` (after emitTarget). */
function perUpdate(
  l: Layout,
  body: (b: WgslBuilder) => void,
  options: { atomicOutputs?: boolean; scratchWords?: number },
): GeneratedShader {
  const b = new WgslBuilder();
  const n = sizeOf(l.batchShape) === 0 ? 0 : sizeOf(l.updShape);
  b.emit(`let t = ${WORKGROUP_INDEX} * ${WORKGROUP_SIZE}u + lid;`);
  b.emit(`if (t >= ${n}u) { return; }`);
  emitTarget(b, l);
  body(b);
  const inputs = l.kernel.inputs.map((x) => x.dtype);
  const outputs = [l.kernel.outputs[0].dtype];
  return {
    code: assemble({
      b,
      inputs,
      outputs,
      uniformWords: inputs.length,
      atomicOutputs: options.atomicOutputs,
      scratch: (options.scratchWords ?? 0) > 0,
    }),
    inputs: inputs.length,
    outputs: 1,
    workgroups: Math.ceil(n / WORKGROUP_SIZE),
    uniformWords: inputs.length,
    scratchWords: options.scratchWords,
  };
}

export function scatterShaders(
  kernel: RoutineKernel,
  dn: ScatterDimensionNumbers,
  combiner: ScatterCombiner,
  mode: GatherMode,
): GeneratedShader[] {
  const l = layout(kernel, dn, mode);
  const dtype = kernel.outputs[0].dtype;
  requireWordDType(dtype, "a scatter");
  const t = valueType(dtype);
  if (t === "f32" && (combiner === "add" || combiner === "mul")) {
    throw new NotLowered(`a float32 scatter-${combiner} (its rounding depends on the order of duplicates)`);
  }
  // Step 1: the output starts as the operand.
  const copy = new WgslBuilder();
  const loadOperand = inputLoader(copy, 0, kernel.inputs[0]);
  const copyGroups = emitPerWord(copy, dtype, sizeOf(l.opShape), (flat) => {
    emitUnravel(copy, "oi", flat, l.opShape);
    return copy.bind(`${loadOperand}(oi)`, "v");
  });
  const first = oneOutputShader(
    copy,
    kernel.inputs.map((x) => x.dtype),
    dtype,
    copyGroups,
  );
  if (combiner === "set") {
    const elements = sizeOf(l.opShape);
    const claim = perUpdate(l, (b) => b.emit("atomicMax(&scratch[tp], un);"), { scratchWords: elements });
    const write = perUpdate(l, (b) => b.emit("if (atomicLoad(&scratch[tp]) == un) { out0[tp] = uv; }"), {
      scratchWords: elements,
    });
    return [first, claim, write];
  }
  const combine = perUpdate(
    l,
    (b) => {
      if (t !== "f32" && combiner !== "mul") {
        const fn = { add: "atomicAdd", min: "atomicMin", max: "atomicMax" }[combiner];
        b.emit(`${fn}(&out0[tp], uv);`);
        return;
      }
      // Compare-and-swap on the bits (float32 is stored in an atomic<u32>).
      const [toValue, toBits] = t === "f32" ? ["bitcast<f32>", "bitcast<u32>"] : ["", ""];
      b.emit("var old = atomicLoad(&out0[tp]);");
      b.block("loop {", () => {
        const next = binaryOp(combiner, dtype, `${toValue}(old)`, "uv", b);
        b.emit(`let r = atomicCompareExchangeWeak(&out0[tp], old, ${toBits}(${next}));`);
        b.emit("if (r.exchanged) { break; }");
        b.emit("old = r.old_value;");
      });
    },
    { atomicOutputs: true },
  );
  return [first, combine];
}
