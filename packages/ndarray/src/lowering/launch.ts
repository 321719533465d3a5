import {
  type Backend,
  type BackendBuffer,
  type DType,
  itemsize,
  type Kernel,
  type LoopKernel,
  type Routine,
  sizeOf,
  UnsupportedDTypeError,
  type View,
} from "@jaxts/backend";
import { ConcreteArray, config, type ShapedArray, ValueError } from "@jaxts/core";

/** The backend that all of an operation's inputs live on. */
export function commonBackend(operation: string, args: readonly ConcreteArray[]): Backend {
  const backend = args[0].backend;
  for (const a of args) {
    if (a.backend !== backend) {
      throw new ValueError(
        `${operation}: arrays on different devices (${backend.name} and ${a.backend.name}); move them with devicePut first`,
      );
    }
  }
  return backend;
}

function checkDTypes(backend: Backend, operation: string, dtypes: Iterable<DType>): void {
  for (const d of dtypes)
    if (!backend.dtypes.has(d)) throw new UnsupportedDTypeError(d, backend.name, operation);
}

function allocOut(backend: Backend, aval: ShapedArray): BackendBuffer {
  return backend.alloc(sizeOf(aval.shape) * itemsize(aval.dtype));
}

/** Compiles and runs a loop kernel over `inputs` (whose views are in the kernel), giving one new array. */
export function runLoop(
  operation: string,
  backend: Backend,
  spec: Omit<LoopKernel, "kind" | "inputs">,
  inputs: readonly { array: ConcreteArray; view: View }[],
  outAval: ShapedArray,
): ConcreteArray {
  checkDTypes(backend, operation, [outAval.dtype, ...inputs.map((i) => i.array.dtype)]);
  const out = allocOut(backend, outAval);
  if (outAval.size > 0) {
    const kernel: Kernel = {
      kind: "loop",
      contract: config.read("jaxts_fma_contraction"),
      ...spec,
      inputs: inputs.map((i) => ({ dtype: i.array.dtype, view: i.view })),
    };
    const exe = backend.compile(kernel);
    backend.run(
      exe,
      inputs.map((i) => i.array.handle.buffer),
      [out],
    );
  }
  return ConcreteArray.wrap(backend, outAval, out);
}

/** Compiles and runs a routine over `inputs` (read through their own views), giving new arrays. */
export function runRoutine(
  operation: string,
  backend: Backend,
  routine: Routine,
  inputs: readonly ConcreteArray[],
  outAvals: readonly ShapedArray[],
  views?: readonly View[],
): ConcreteArray[] {
  checkDTypes(backend, operation, [...outAvals.map((a) => a.dtype), ...inputs.map((i) => i.dtype)]);
  const outs = outAvals.map((a) => allocOut(backend, a));
  if (outAvals.some((a) => a.size > 0)) {
    const kernel: Kernel = {
      kind: "routine",
      routine,
      inputs: inputs.map((a, i) => ({ dtype: a.dtype, view: views?.[i] ?? a.view })),
      outputs: outAvals.map((a) => ({ dtype: a.dtype, shape: a.shape })),
    };
    backend.run(
      backend.compile(kernel),
      inputs.map((a) => a.handle.buffer),
      outs,
    );
  }
  return outs.map((b, i) => ConcreteArray.wrap(backend, outAvals[i], b));
}

/** A new array that shares `x`'s buffer through another view (transpose, broadcast, slice ...). */
export function withView(x: ConcreteArray, view: View, aval: ShapedArray): ConcreteArray {
  return new ConcreteArray(aval, x.handle, view);
}
