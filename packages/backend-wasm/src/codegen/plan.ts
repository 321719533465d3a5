import type { Expr, LoopKernel } from "@jaxts/backend";

// The loop plan of a loop kernel, as the cpu backend makes it (packages/backend-cpu's
// codegen/plan.ts): size-1 axes dropped, adjacent axes that every input walks contiguously merged.

export interface LoopDim {
  readonly size: number;
  readonly reduce: boolean;
}

export interface InputWalk {
  /** Element stride per loop dim. */
  readonly strides: readonly number[];
  /** Per loop dim, the half-open range inside the input's mask, or null when it covers the dim. */
  readonly masks: readonly (readonly [number, number] | null)[];
  /** The mask excludes every point: every load reads 0. */
  readonly never: boolean;
}

export interface LoopPlan {
  readonly dims: readonly LoopDim[];
  readonly outDims: number;
  readonly inputs: readonly InputWalk[];
  /** Loop dim of each original axis, or -1 for a dropped size-1 axis. */
  readonly axisDim: readonly number[];
}

function indexedAxes(roots: readonly (Expr | undefined)[]): Set<number> {
  const axes = new Set<number>();
  const seen = new Set<Expr>();
  const visit = (e: Expr): void => {
    if (seen.has(e)) return;
    seen.add(e);
    if (e.op === "index") axes.add(e.axis);
    if (e.op === "unary" || e.op === "cast" || e.op === "bitcast") visit(e.x);
    if (e.op === "binary") [e.x, e.y].forEach(visit);
    if (e.op === "where") [e.cond, e.x, e.y].forEach(visit);
  };
  for (const r of roots) if (r) visit(r);
  return axes;
}

function malformed(message: string): Error {
  return new Error(`wasm backend: malformed kernel: ${message}`);
}

export function planLoops(kernel: LoopKernel): LoopPlan {
  const full = [...kernel.shape, ...(kernel.reduce?.shape ?? [])];
  const nOut = kernel.shape.length;
  const indexed = indexedAxes([kernel.expr, kernel.reduce?.epilogue]);
  const walks = kernel.inputs.map((input, k) => {
    const view = input.view;
    const rank = view.shape.length;
    if (rank !== full.length && rank !== nOut) throw malformed(`input ${k} has a view of rank ${rank}`);
    const strides: number[] = [];
    const masks: ([number, number] | null)[] = [];
    let never = false;
    for (let a = 0; a < full.length; a++) {
      if (a < rank && view.shape[a] !== full[a]) {
        throw malformed(`input ${k} view shape [${view.shape}] does not match [${full}]`);
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

/** The lowest and highest element, relative to the offset, that a view can read; null if none. */
export function viewExtent(view: LoopKernel["inputs"][number]["view"]): readonly [number, number] | null {
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
