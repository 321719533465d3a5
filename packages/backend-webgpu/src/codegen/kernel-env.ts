import type { DType, KernelInput } from "@jaxts/backend";
import type { WgslBuilder } from "./builder.js";
import type { LeafEnv } from "./expr.js";
import { ViewReader } from "./view.js";

/**
 * Lazily unravels a flat row-major index (a u32 name) over `shape` into per-axis i32 indices,
 * binding each axis the first time an expression asks for it.
 */
export class Unraveler {
  private readonly axes = new Map<number, string>();

  constructor(
    private readonly b: WgslBuilder,
    private readonly flat: string,
    private readonly shape: readonly number[],
  ) {}

  axis(d: number): string {
    let name = this.axes.get(d);
    if (name === undefined) {
      let inner = 1;
      for (let k = d + 1; k < this.shape.length; k++) inner *= this.shape[k];
      const q = inner === 1 ? this.flat : `(${this.flat} / ${inner}u)`;
      const code = d === 0 ? `i32(${q})` : `i32(${q} % ${this.shape[d]}u)`;
      name = this.b.bind(code, "ix");
      this.axes.set(d, name);
    }
    return name;
  }
}

/**
 * The leaf environment of one point of a loop kernel: `index(axis)` over the concatenated
 * iteration axes, loads through each input's view. Made afresh for every WGSL block that
 * evaluates the expression, since the `let`s it binds are scoped to that block.
 */
export function kernelEnv(
  b: WgslBuilder,
  inputs: readonly KernelInput[],
  index: (axis: number) => string,
  acc?: string,
): LeafEnv {
  const readers = new Map<number, ViewReader>();
  const reader = (k: number): ViewReader => {
    let r = readers.get(k);
    if (!r) {
      r = new ViewReader(b, k, inputs[k].view, inputs[k].dtype, index);
      readers.set(k, r);
    }
    return r;
  };
  return {
    load: (k: number, _dtype: DType) => reader(k).load(),
    valid: (k: number) => reader(k).valid(),
    index,
    acc: () => {
      if (acc === undefined) throw new Error("webgpu backend: malformed kernel: acc outside an epilogue");
      return acc;
    },
  };
}
