import type { Expr, LoopKernel } from "./kernel.js";
import type { View } from "./view.js";

/** One loop of the generated nest: adjacent kernel axes that can be walked as one. */
export interface LoopDim {
  readonly size: number;
  readonly reduce: boolean;
}

/** How one input is walked: a stride and an optional partial mask per loop dim. */
export interface InputWalk {
  readonly strides: readonly number[];
  readonly masks: readonly (readonly [number, number] | null)[];
  /** The mask excludes every point: every load reads 0. */
  readonly never: boolean;
}

export interface LoopPlan {
  readonly dims: readonly LoopDim[];
  /** Number of leading dims that iterate over the output. */
  readonly outDims: number;
  readonly inputs: readonly InputWalk[];
  /** Loop dim of each original axis, or -1 for a dropped size-1 axis (its index is always 0). */
  readonly axisDim: readonly number[];
}

/** Original axes referenced by `index` nodes: their loops must stay separate to expose the index. */
function indexedAxes(roots: readonly (Expr | undefined)[]): Set<number> {
  const axes = new Set<number>();
  const seen = new Set<Expr>();
  const visit = (e: Expr): void => {
    if (seen.has(e)) return;
    seen.add(e);
    if (e.op === "index") axes.add(e.axis);
    if (e.op === "unary" || e.op === "cast" || e.op === "bitcast") visit(e.x);
    if (e.op === "binary") {
      visit(e.x);
      visit(e.y);
    }
    if (e.op === "where") {
      visit(e.cond);
      visit(e.x);
      visit(e.y);
    }
  };
  for (const r of roots) if (r) visit(r);
  return axes;
}

/**
 * Plans the loop nest of a loop kernel: drops size-1 axes, and merges adjacent axes that every
 * input walks contiguously (stride[a] = stride[a+1]·size[a+1], no mask, no index use), so an
 * elementwise op over any contiguous shape becomes one flat loop. Backends that generate loops
 * (cpu, wasm) share it; `backend` names the caller in errors about malformed kernels.
 */
export function planLoops(kernel: LoopKernel, backend: string): LoopPlan {
  const full = [...kernel.shape, ...(kernel.reduce?.shape ?? [])];
  const nOut = kernel.shape.length;
  const indexed = indexedAxes([kernel.expr, kernel.reduce?.epilogue]);
  const walks = kernel.inputs.map((input, k) => {
    const view = input.view;
    const rank = view.shape.length;
    if (rank !== full.length && rank !== nOut) {
      throw new Error(
        `${backend} backend: malformed kernel: input ${k} has a view of rank ${rank}; expected ${full.length} (or ${nOut} for epilogue inputs)`,
      );
    }
    const strides: number[] = [];
    const masks: ([number, number] | null)[] = [];
    let never = false;
    for (let a = 0; a < full.length; a++) {
      if (a < rank && view.shape[a] !== full[a]) {
        throw new Error(
          `${backend} backend: malformed kernel: input ${k} view shape [${view.shape}] does not match the iteration shape [${full}]`,
        );
      }
      strides.push(a < rank ? view.strides[a] : 0);
      const m = a < rank ? view.mask?.[a] : undefined;
      if (!m) {
        masks.push(null);
        continue;
      }
      const lo = Math.max(0, m[0]);
      const hi = Math.min(full[a], m[1]);
      if (lo >= hi) never = true;
      masks.push(lo === 0 && hi === full[a] ? null : [lo, hi]);
    }
    return { strides, masks, never };
  });

  const dims: { size: number; reduce: boolean; axes: number[] }[] = [];
  const dimStrides: number[][] = walks.map(() => []);
  const dimMasks: ([number, number] | null)[][] = walks.map(() => []);
  const axisDim: number[] = [];
  for (let a = 0; a < full.length; a++) {
    if (full[a] === 1) {
      axisDim.push(-1);
      continue;
    }
    const reduce = a >= nOut;
    const last = dims.length - 1;
    const prev = dims[last];
    const mergeable =
      prev !== undefined &&
      prev.reduce === reduce &&
      !indexed.has(a) &&
      !prev.axes.some((p) => indexed.has(p)) &&
      walks.every(
        (w, k) =>
          w.masks[a] === null && dimMasks[k][last] === null && dimStrides[k][last] === w.strides[a] * full[a],
      );
    if (mergeable) {
      prev.size *= full[a];
      prev.axes.push(a);
      walks.forEach((w, k) => {
        dimStrides[k][last] = w.strides[a];
      });
      axisDim.push(last);
    } else {
      dims.push({ size: full[a], reduce, axes: [a] });
      walks.forEach((w, k) => {
        dimStrides[k].push(w.strides[a]);
        dimMasks[k].push(w.masks[a]);
      });
      axisDim.push(dims.length - 1);
    }
  }
  return {
    dims: dims.map(({ size, reduce }) => ({ size, reduce })),
    outDims: dims.filter((d) => !d.reduce).length,
    inputs: walks.map((w, k) => ({ strides: dimStrides[k], masks: dimMasks[k], never: w.never })),
    axisDim,
  };
}

/**
 * The lowest and highest element (relative to the view's offset) that a view can read, or null
 * when it reads nothing; used to reject buffers that are too small before running.
 */
export function viewExtent(view: View): readonly [number, number] | null {
  let lo = 0;
  let hi = 0;
  for (let a = 0; a < view.shape.length; a++) {
    const m = view.mask?.[a];
    const first = Math.max(0, m ? m[0] : 0);
    const end = Math.min(view.shape[a], m ? m[1] : view.shape[a]);
    if (first >= end) return null;
    const s = view.strides[a];
    lo += s < 0 ? s * (end - 1) : s * first;
    hi += s < 0 ? s * first : s * (end - 1);
  }
  return [lo, hi];
}
