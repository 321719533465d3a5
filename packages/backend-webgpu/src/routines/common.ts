import type { DType, KernelInput } from "@jaxts/backend";
import { NotLowered, WgslBuilder } from "../codegen/builder.js";
import { perWord, valueType } from "../codegen/dtypes.js";
import { assemble, type GeneratedShader, WORKGROUP_INDEX, WORKGROUP_SIZE } from "../codegen/shader.js";
import { packBits, ViewReader } from "../codegen/view.js";

// Pieces the routine shaders share: reading an input at a computed index through its view, and
// unravelling flat indices. Routines index their inputs at positions the loop-kernel machinery does
// not know (a gathered start, a sorted position), so reads go through small WGSL functions.

/** WGSL type of an index vector of `rank` axes (WGSL has no zero-length arrays: rank 0 takes one). */
export function indexType(rank: number): string {
  return `array<i32, ${Math.max(rank, 1)}>`;
}

/** An index vector literal from per-axis i32 expressions. */
export function indexVector(axes: readonly string[]): string {
  return `${indexType(axes.length)}(${axes.length === 0 ? "0i" : axes.join(", ")})`;
}

/**
 * Registers `ld<k>(ix)`, which returns input `k`'s element at per-axis indices `ix` (read through
 * its strided view, 0 outside its mask, packed dtypes unpacked), and returns the function's name.
 */
export function inputLoader(b: WgslBuilder, k: number, input: KernelInput): string {
  const name = `ld${k}`;
  const sub = new WgslBuilder();
  const reader = new ViewReader(sub, k, input.view, input.dtype, (d) => `ix[${d}]`);
  const value = reader.load();
  const t = valueType(input.dtype);
  return b.helper(
    name,
    `fn ${name}(ix: ${indexType(input.view.shape.length)}) -> ${t} {\n${sub.body}\n  return ${value};\n}`,
  );
}

/** Emits `var <name>: array<i32, rank>` holding the row-major unravelling of u32 `flat` over `shape`. */
export function emitUnravel(b: WgslBuilder, name: string, flat: string, shape: readonly number[]): void {
  b.emit(`var ${name}: ${indexType(shape.length)};`);
  if (shape.length === 0) return;
  const rest = b.name("f");
  b.emit(`var ${rest} = ${flat};`);
  for (let d = shape.length - 1; d >= 0; d--) {
    b.emit(`${name}[${d}] = i32(${rest} % ${Math.max(shape[d], 1)}u);`);
    if (d > 0) b.emit(`${rest} = ${rest} / ${Math.max(shape[d], 1)}u;`);
  }
}

/** Routines store outputs of 32-bit dtypes only (packed outputs need word ownership they lack). */
export function requireWordDType(dtype: DType, what: string): void {
  valueType(dtype);
  if (perWord(dtype) !== 1) throw new NotLowered(`${what} of ${dtype}`);
}

/** The WGSL zero of a value type. */
export function zeroOf(dtype: DType): string {
  const t = valueType(dtype);
  return t === "bool" ? "false" : t === "f32" ? "0.0" : t === "i32" ? "0i" : "0u";
}

/**
 * The body of a shader with one invocation per output word (one element, or the 2 or 4 elements of
 * a packed dtype sharing a u32, so no two invocations write one word): `element(flat)` emits the
 * code for the element at u32 `flat` and returns its value. Returns the workgroups to dispatch.
 */
export function emitPerWord(
  b: WgslBuilder,
  dtype: DType,
  size: number,
  element: (flat: string) => string,
): number {
  const per = perWord(dtype);
  const words = Math.ceil(size / per);
  b.emit(`let t = ${WORKGROUP_INDEX} * ${WORKGROUP_SIZE}u + lid;`);
  b.emit(`if (t >= ${words}u) { return; }`);
  if (per === 1) {
    b.emit(`out0[t] = ${element("t")};`);
  } else {
    b.emit("var word = 0u;");
    for (let e = 0; e < per; e++) {
      b.block(`if (t * ${per}u + ${e}u < ${size}u) {`, () => {
        const v = element(b.bind(`t * ${per}u + ${e}u`, "i"));
        b.emit(`word = word | (${packBits(dtype, v)} << ${e * (32 / per)}u);`);
      });
    }
    b.emit("out0[t] = word;");
  }
  return Math.ceil(words / WORKGROUP_SIZE);
}

/** A one-output shader around a builder, with the standard bindings. */
export function oneOutputShader(
  b: WgslBuilder,
  inputs: readonly DType[],
  output: DType,
  workgroups: number,
  extra: { declarations?: string; workgroupSize?: number } = {},
): GeneratedShader {
  return {
    code: assemble({ b, inputs, outputs: [output], uniformWords: inputs.length, ...extra }),
    inputs: inputs.length,
    outputs: 1,
    workgroups,
    uniformWords: inputs.length,
  };
}
