import "./interpreters/eval.js";

export { ShapedArray, sameShape, shapeStr } from "./aval.js";
export { config, type ConfigOptions } from "./config.js";
export * from "./errors.js";
export { EvalTrace, FloatingPointError } from "./interpreters/eval.js";
export {
  type AxisFrame,
  axisFrame,
  axisSize,
  bindCollective,
  type CollectivePrimitive,
  NameError,
  unboundAxisName,
} from "./interpreters/axis-env.js";
export {
  batchAxisAt,
  broadcastAxis,
  canonicalizeAxis,
  matchAxis,
  moveAxis,
} from "./interpreters/batch-axes.js";
export {
  type AxisData,
  BatchTrace,
  BatchTracer,
  type VmapFlatOptions,
  vmapFlat,
  withBatchTrace,
} from "./interpreters/batching.js";
export { ClosedJaxpr, Jaxpr, type JaxprEqn, Literal, Var, type Atom } from "./jaxpr/jaxpr.js";
export { evalJaxpr } from "./jaxpr/eval.js";
export { heldArrays } from "./jaxpr/held-arrays.js";
export { formatParam, prettyJaxpr, varName } from "./jaxpr/pretty.js";
export { JaxprBuilder, JaxprTrace, JaxprTracer } from "./jaxpr/staging.js";
export { typecheckJaxpr } from "./jaxpr/typecheck.js";
export { executeJaxpr, type JaxprExecutor, type JitOptions, jit, registerJaxprExecutor } from "./jit.js";
export { cse, dce, foldConstants, simplifyJaxpr } from "./jaxpr/simplify.js";
export { avalOf, makeJaxpr, ShapeDtypeStruct, type StagedFunction, stageFunction } from "./make-jaxpr.js";
export { BufferHandle, memory, type MemoryStats } from "./memory/buffer-handle.js";
export { ConcreteArray } from "./memory/concrete-array.js";
export { defaultBackend, Device, deviceOf, devices, resolveBackend } from "./memory/device.js";
export { keep, scope } from "./memory/scope.js";
export type * from "./primitives.js";
export * from "./rules.js";
export {
  bind,
  bind1,
  currentTraceLevel,
  isTracing,
  fullLower,
  fullRaise,
  MainTrace,
  newDynamic,
  newMain,
  Trace,
  type TraceClass,
  TraceTracer,
} from "./trace.js";
export * from "./tracer.js";
export { type LoadOptions, PyTreeDef, type NodeType, tree } from "./tree/index.js";
export { type PmapOptions, pmap } from "./pmap.js";
export { type AxisSpec, type VmapOptions, vmap } from "./vmap.js";
