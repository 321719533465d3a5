import { type CumulativeOp, type RoutineKernel, sizeOf } from "@jaxts/backend";
import { binaryOp } from "../codegen/alu.js";
import { NotLowered, WgslBuilder } from "../codegen/builder.js";
import { WORKGROUP_INDEX, WORKGROUP_SIZE } from "../codegen/shader.js";
import { emitUnravel, inputLoader, oneOutputShader, requireWordDType } from "./common.js";

// Inclusive scans along an axis: one invocation per line, combining serially. A parallel scan would
// reassociate float sums and products; the serial one rounds after every step exactly as the cpu
// backend (and XLA's CPU) does, so results are bit for bit the same. Lines are independent, so a
// large array still fills the GPU; a single very long line runs on one invocation.

const COMBINE = { sum: "add", prod: "mul", max: "max", min: "min" } as const;

export function cumulativeShader(
  kernel: RoutineKernel,
  op: CumulativeOp,
  axis: number,
  reverse: boolean,
): ReturnType<typeof oneOutputShader> {
  const input = kernel.inputs[0];
  const shape = input.view.shape;
  const dtype = kernel.outputs[0].dtype;
  // logsumexp's combiner (logaddexp) has no WGSL version yet.
  if (op === "logsumexp") throw new NotLowered("cumulative logsumexp");
  if (axis < 0 || axis >= shape.length || dtype !== input.dtype)
    throw new NotLowered("a malformed cumulative");
  // A line of a packed dtype shares words with its neighbours: only whole-word dtypes are lowered.
  requireWordDType(dtype, "a cumulative scan");
  const len = shape[axis];
  let inner = 1;
  for (let d = axis + 1; d < shape.length; d++) inner *= shape[d];
  const others = shape.filter((_, d) => d !== axis);
  const lines = len === 0 ? 0 : sizeOf(others);
  const b = new WgslBuilder();
  const load = inputLoader(b, 0, input);
  b.emit(`let line = ${WORKGROUP_INDEX} * ${WORKGROUP_SIZE}u + lid;`);
  b.emit(`if (line >= ${lines}u) { return; }`);
  emitUnravel(b, "rest", "line", others);
  const axes = shape.map((_, d) => (d === axis ? "0i" : `rest[${d < axis ? d : d - 1}]`));
  b.emit(`var ix = array<i32, ${shape.length}>(${axes.join(", ")});`);
  // Output position of the line's first element: outer · len · inner + inner index.
  b.emit(`let base = (line / ${inner}u) * ${len * inner}u + line % ${inner}u;`);
  const first = reverse ? len - 1 : 0;
  b.emit(`ix[${axis}] = ${first}i;`);
  b.emit(`var acc = ${load}(ix);`);
  b.emit(`out0[base + ${first * inner}u] = acc;`);
  b.block(`for (var s = 1u; s < ${len}u; s = s + 1u) {`, () => {
    b.emit(`let at = ${reverse ? `${len - 1}u - s` : "s"};`);
    b.emit(`ix[${axis}] = i32(at);`);
    b.emit(`acc = ${binaryOp(COMBINE[op], dtype, "acc", `${load}(ix)`, b)};`);
    b.emit(`out0[base + at * ${inner}u] = acc;`);
  });
  return oneOutputShader(b, [input.dtype], dtype, Math.ceil(lines / WORKGROUP_SIZE));
}
