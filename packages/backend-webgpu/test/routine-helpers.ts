import { contiguousView, type DType, type Routine, type RoutineKernel, type View } from "@jaxts/backend";
import { expect } from "vitest";
import { arr, cpu, gpu, type HostArray, onGpu, runOn, sameValue, sourceOf } from "./helpers.js";

// Running a routine kernel on webgpu and cpu and comparing the outputs bit for bit.

export function values(n: number, dtype: DType, seed = 1): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    const u = s / 2147483648;
    if (dtype === "float32") return Math.fround((u - 0.5) * 4);
    if (dtype === "bool") return u < 0.5 ? 0 : 1;
    if (dtype === "uint8") return Math.floor(u * 256);
    return Math.floor((u - 0.5) * 200);
  });
}

export type Input = { view: View } & HostArray;
export const input = (dtype: DType, view: View, vals?: number[]): Input => {
  const size = view.shape.reduce((a, b) => a * b, 1);
  return { dtype, view, values: vals ?? values(Math.max(size, 1), dtype) };
};
export const scalar = (v: number): Input => ({ ...arr("int32", [v]), view: contiguousView([]) });

export async function check(
  routine: Routine,
  inputs: Input[],
  outputs: { dtype: DType; shape: number[] }[],
  lowered = true,
): Promise<void> {
  const kernel: RoutineKernel = {
    kind: "routine",
    routine,
    inputs: inputs.map((i) => ({ dtype: i.dtype, view: i.view })),
    outputs,
  };
  expect(onGpu(kernel), sourceOf(kernel)).toBe(lowered);
  const g = await runOn(gpu!, kernel, inputs);
  const c = await runOn(cpu, kernel, inputs);
  c.forEach((want, k) => {
    const bad = want.flatMap((w, i) =>
      sameValue(g[k][i], w) ? [] : [`out${k}[${i}] got ${g[k][i]}, want ${w}`],
    );
    expect(bad.slice(0, 8), sourceOf(kernel).slice(0, 3000)).toEqual([]);
  });
}
