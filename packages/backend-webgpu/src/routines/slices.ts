import { type RoutineKernel, sizeOf } from "@jaxts/backend";
import { NotLowered, WgslBuilder } from "../codegen/builder.js";
import type { GeneratedShader } from "../codegen/shader.js";
import { emitPerWord, emitUnravel, indexVector, inputLoader, oneOutputShader } from "./common.js";

// dynamic_slice and dynamic_update_slice: one invocation per output word. The start indices are
// int32 scalars in buffers (read by the shader, so the values never travel to the host); XLA clamps
// them so the window fits inside the operand.

/** Emits the clamped starts `st<d>` read from inputs `first`, `first + 1`, ...; returns their names. */
function emitStarts(
  b: WgslBuilder,
  kernel: RoutineKernel,
  first: number,
  shape: readonly number[],
  sizes: readonly number[],
): string[] {
  return shape.map((dim, d) => {
    const input = kernel.inputs[first + d];
    if (input.dtype !== "int32" || input.view.shape.length !== 0)
      throw new NotLowered("a malformed start index");
    const at = inputLoader(b, first + d, input);
    return b.bind(`clamp(${at}(${indexVector([])}), 0i, ${dim - sizes[d]}i)`, "st");
  });
}

export function dynamicSliceShader(kernel: RoutineKernel, sizes: readonly number[]): GeneratedShader {
  const operand = kernel.inputs[0];
  const shape = operand.view.shape;
  const dtype = kernel.outputs[0].dtype;
  if (
    sizes.length !== shape.length ||
    sizes.some((s, d) => s < 0 || s > shape[d]) ||
    kernel.inputs.length !== 1 + shape.length ||
    dtype !== operand.dtype
  ) {
    throw new NotLowered("a malformed dynamic_slice");
  }
  const b = new WgslBuilder();
  const load = inputLoader(b, 0, operand);
  const workgroups = emitPerWord(b, dtype, sizeOf(sizes), (flat) => {
    const starts = emitStarts(b, kernel, 1, shape, sizes);
    const ix = b.name("w");
    emitUnravel(b, ix, flat, sizes);
    return b.bind(`${load}(${indexVector(starts.map((s, d) => `${ix}[${d}] + ${s}`))})`, "v");
  });
  return oneOutputShader(
    b,
    kernel.inputs.map((i) => i.dtype),
    dtype,
    workgroups,
  );
}

export function dynamicUpdateSliceShader(kernel: RoutineKernel): GeneratedShader {
  const [operand, update] = kernel.inputs;
  const shape = operand.view.shape;
  const sizes = update?.view.shape ?? [];
  const dtype = kernel.outputs[0].dtype;
  if (
    update === undefined ||
    sizes.length !== shape.length ||
    sizes.some((s, d) => s > shape[d]) ||
    kernel.inputs.length !== 2 + shape.length ||
    update.dtype !== operand.dtype ||
    dtype !== operand.dtype
  ) {
    throw new NotLowered("a malformed dynamic_update_slice");
  }
  const b = new WgslBuilder();
  const loadOperand = inputLoader(b, 0, operand);
  const loadUpdate = inputLoader(b, 1, update);
  const workgroups = emitPerWord(b, dtype, sizeOf(shape), (flat) => {
    const starts = emitStarts(b, kernel, 2, shape, sizes);
    const ix = b.name("w");
    emitUnravel(b, ix, flat, shape);
    const inside = starts.map((s, d) => `(${ix}[${d}] >= ${s} && ${ix}[${d}] < ${s} + ${sizes[d]}i)`);
    const v = b.name("v");
    b.emit(`var ${v} = ${loadOperand}(${ix});`);
    if (inside.length === 0) b.emit(`${v} = ${loadUpdate}(${ix});`);
    else {
      const rel = indexVector(starts.map((s, d) => `${ix}[${d}] - ${s}`));
      b.emit(`if (${inside.join(" && ")}) { ${v} = ${loadUpdate}(${rel}); }`);
    }
    return v;
  });
  return oneOutputShader(
    b,
    kernel.inputs.map((i) => i.dtype),
    dtype,
    workgroups,
  );
}
