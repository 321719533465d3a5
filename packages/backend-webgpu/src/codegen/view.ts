import { type DType, itemsize, type View } from "@jaxts/backend";
import type { WgslBuilder } from "./builder.js";
import { perWord, valueType } from "./dtypes.js";

/**
 * The WGSL for reading input `k` through its strided view at the loop point whose per-axis i32
 * indices `index(d)` gives: the element position `offset + Σ index·stride` (the offset comes from
 * the uniform buffer, so slices at different offsets share a pipeline), the mask test, and the
 * load itself, which unpacks 1- and 2-byte dtypes from their u32 words.
 */
export class ViewReader {
  private position: string | undefined;
  private inside: string | undefined;

  constructor(
    private readonly b: WgslBuilder,
    private readonly k: number,
    private readonly view: View,
    private readonly dtype: DType,
    private readonly index: (axis: number) => string,
  ) {}

  /** The element position (i32). */
  pos(): string {
    if (this.position === undefined) {
      const terms = [`offs[${this.k >> 2}][${this.k & 3}]`];
      this.view.strides.forEach((s, d) => {
        if (s !== 0 && this.view.shape[d] !== 1) terms.push(`${this.index(d)} * ${s}i`);
      });
      this.position = this.b.bind(terms.join(" + "), "p");
    }
    return this.position;
  }

  /** Whether the point is inside the mask (a WGSL bool expression). */
  valid(): string {
    if (this.inside === undefined) {
      const mask = this.view.mask;
      const tests: string[] = [];
      if (mask) {
        mask.forEach(([lo, hi], d) => {
          if (hi <= lo) tests.push("false");
          else if (lo > 0 || hi < this.view.shape[d]) {
            const i = this.index(d);
            if (lo > 0) tests.push(`${i} >= ${lo}i`);
            if (hi < this.view.shape[d]) tests.push(`${i} < ${hi}i`);
          }
        });
      }
      this.inside = tests.length === 0 ? "true" : this.b.bind(tests.join(" && "), "m");
    }
    return this.inside;
  }

  /** The element as a value of `as` (the node's dtype, which equals the input's), 0 outside the mask. */
  load(): string {
    const valid = this.valid();
    const pos = valid === "true" ? this.pos() : `select(0i, ${this.pos()}, ${valid})`;
    const buf = `in${this.k}`;
    const t = valueType(this.dtype);
    let value: string;
    if (perWord(this.dtype) === 1) value = `${buf}[${pos}]`;
    else {
      const bits = itemsize(this.dtype) * 8;
      const per = perWord(this.dtype);
      const shift = `((u32(${pos}) & ${per - 1}u) * ${bits}u)`;
      const raw = `((${buf}[u32(${pos}) / ${per}u] >> ${shift}) & ${2 ** bits - 1}u)`;
      if (t === "bool") value = `(${raw} != 0u)`;
      else if (t === "u32") value = raw;
      else value = `((bitcast<i32>(${raw}) << ${32 - bits}u) >> ${32 - bits}u)`;
    }
    if (valid === "true") return value;
    const zero = t === "bool" ? "false" : t === "f32" ? "0.0" : t === "i32" ? "0i" : "0u";
    return `select(${zero}, ${value}, ${valid})`;
  }
}

/** The WGSL that packs value `v` of `dtype` into its bits within a u32 word (the low bits). */
export function packBits(dtype: DType, v: string): string {
  const t = valueType(dtype);
  const mask = 2 ** (itemsize(dtype) * 8) - 1;
  if (t === "bool") return `select(0u, 1u, ${v})`;
  if (t === "i32") return `(bitcast<u32>(${v}) & ${mask}u)`;
  return `(${v} & ${mask}u)`;
}
