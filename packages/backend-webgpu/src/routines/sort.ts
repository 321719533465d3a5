import { type DType, type RoutineKernel, sizeOf } from "@jaxts/backend";
import { NotLowered, WgslBuilder } from "../codegen/builder.js";
import { perWord, valueType } from "../codegen/dtypes.js";
import { assemble, type GeneratedShader, WORKGROUP_INDEX } from "../codegen/shader.js";
import { packBits } from "../codegen/view.js";
import { indexType, inputLoader } from "./common.js";

// Sort along the last axis: one workgroup per row runs a bitonic network over the row's positions
// (a permutation in workgroup memory, padded to a power of two), then writes every operand
// permuted. Ties between keys are broken by position, so the order is strict and total: the result
// is the stable sort's, whatever the network's order of comparisons. Floats order NaN last (first
// when descending) and -0 equal to +0, as the cpu backend does.

/** Longest row sorted in workgroup memory (4096 u32s = 16 KiB, WebGPU's guaranteed minimum). */
export const MAX_SORT_ROW = 4096;
const THREADS = 64;

/** WGSL returning -1, 0 or 1 as `a` sorts before, with, or after `b` (NaN last, zeros equal). */
function compareKey(b: WgslBuilder, dtype: DType): string {
  const t = valueType(dtype);
  if (t === "f32") {
    return b.helper(
      "cmp_f32",
      `fn cmp_f32(a: f32, b: f32) -> i32 {
  let an = is_nan(a);
  let bn = is_nan(b);
  if (an || bn) { return select(0i, 1i, an) - select(0i, 1i, bn); }
  return select(0i, 1i, a > b) - select(0i, 1i, a < b);
}`,
    );
  }
  const name = `cmp_${t}`;
  const [x, y] = t === "bool" ? ["u32(a)", "u32(b)"] : ["a", "b"];
  return b.helper(
    name,
    `fn ${name}(a: ${t}, b: ${t}) -> i32 { return select(0i, 1i, ${x} > ${y}) - select(0i, 1i, ${x} < ${y}); }`,
  );
}

export function sortShader(kernel: RoutineKernel, numKeys: number, descending: boolean): GeneratedShader {
  const shape = kernel.inputs[0].view.shape;
  const rank = shape.length;
  const same = (s: readonly number[]) => s.length === rank && s.every((d, a) => d === shape[a]);
  if (
    rank === 0 ||
    numKeys < 1 ||
    numKeys > kernel.inputs.length ||
    kernel.outputs.length !== kernel.inputs.length ||
    kernel.inputs.some((x, k) => !same(x.view.shape) || kernel.outputs[k].dtype !== x.dtype)
  ) {
    throw new NotLowered("a sort of this form");
  }
  const n = shape[rank - 1];
  if (n > MAX_SORT_ROW) throw new NotLowered(`a sort of rows longer than ${MAX_SORT_ROW}`);
  for (const x of kernel.inputs) {
    valueType(x.dtype);
    // A packed row must start on a word boundary for the workgroup to own its words.
    if (n % perWord(x.dtype) !== 0) throw new NotLowered(`a sort of ${x.dtype} rows of ${n}`);
  }
  const rows = n === 0 ? 0 : sizeOf(shape) / n;
  let padded = 1;
  while (padded < n) padded *= 2;

  const b = new WgslBuilder();
  const loaders = kernel.inputs.map((x, k) => inputLoader(b, k, x));
  const at = (k: number, pos: string) => `${loaders[k]}(row_at(${pos}))`;
  const sign = descending ? "-" : "";
  const tests = kernel.inputs.slice(0, numKeys).map((x, k) => {
    const cmp = compareKey(b, x.dtype);
    return `  c = ${sign}${cmp}(${at(k, "i")}, ${at(k, "j")});\n  if (c != 0i) { return c < 0i; }`;
  });
  b.helper(
    "row_at",
    `fn row_at(i: u32) -> ${indexType(rank)} {\n  var ix = rowix;\n  ix[${rank - 1}] = i32(i);\n  return ix;\n}`,
  );
  // Whether position i sorts before position j: padding last, then the keys, then the position.
  b.helper(
    "before",
    `fn before(i: u32, j: u32) -> bool {\n  if (i >= ${n}u || j >= ${n}u) { return i < j; }\n  var c = 0i;\n${tests.join("\n")}\n  return i < j;\n}`,
  );
  b.emit(`let row = ${WORKGROUP_INDEX};`);
  b.emit(`if (row >= ${rows}u) { return; }`);
  // The row's index on the leading axes (the last axis is the sorted one).
  b.emit(`var rest = row;`);
  for (let d = rank - 2; d >= 0; d--) {
    b.emit(`rowix[${d}] = i32(rest % ${shape[d]}u);`);
    b.emit(`rest = rest / ${shape[d]}u;`);
  }
  b.emit(`for (var t = lid; t < ${padded}u; t = t + ${THREADS}u) { perm[t] = t; }`);
  b.emit("workgroupBarrier();");
  b.block(`for (var k = 2u; k <= ${padded}u; k = k << 1u) {`, () => {
    b.block("for (var j = k >> 1u; j > 0u; j = j >> 1u) {", () => {
      b.block(`for (var t = lid; t < ${padded}u; t = t + ${THREADS}u) {`, () => {
        b.emit("let l = t ^ j;");
        b.block("if (l > t) {", () => {
          b.emit("let x = perm[t];");
          b.emit("let y = perm[l];");
          // Ascending blocks put the earlier-sorting element at t, descending blocks at l.
          b.emit("let swap = select(before(x, y), before(y, x), (t & k) == 0u);");
          b.emit("if (swap) { perm[t] = y; perm[l] = x; }");
        });
      });
      b.emit("workgroupBarrier();");
    });
  });
  kernel.inputs.forEach((x, k) => {
    const per = perWord(x.dtype);
    const words = n / per;
    b.block(`for (var w = lid; w < ${words}u; w = w + ${THREADS}u) {`, () => {
      if (per === 1) b.emit(`out${k}[row * ${n}u + w] = ${at(k, "perm[w]")};`);
      else {
        const parts = Array.from(
          { length: per },
          (_, e) => `(${packBits(x.dtype, at(k, `perm[w * ${per}u + ${e}u]`))} << ${e * (32 / per)}u)`,
        );
        b.emit(`out${k}[row * ${words}u + w] = ${parts.join(" | ")};`);
      }
    });
  });
  const dtypes = kernel.inputs.map((x) => x.dtype);
  const declarations = `var<workgroup> perm: array<u32, ${padded}>;\nvar<private> rowix: ${indexType(rank)};`;
  return {
    code: assemble({
      b,
      inputs: dtypes,
      outputs: dtypes,
      uniformWords: dtypes.length,
      declarations,
      workgroupSize: THREADS,
    }),
    inputs: dtypes.length,
    outputs: dtypes.length,
    workgroups: rows,
    uniformWords: dtypes.length,
  };
}
