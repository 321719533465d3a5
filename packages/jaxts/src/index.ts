// The umbrella package: everything jaxts offers under one import, with the backends registered:
// cpu (the reference, priority 0) and wasm (priority 10, so the default where WebAssembly runs).
import "@jaxts/backend-cpu";
import "@jaxts/backend-wasm";

export {
  type Backend,
  type DType,
  getBackend,
  initBackend,
  initBackends,
  registerBackend,
  registeredBackends,
} from "@jaxts/backend";
export {
  ClosedJaxpr,
  config,
  Device,
  devices,
  Jaxpr,
  keep,
  jit,
  makeJaxpr,
  memory,
  pmap,
  PyTreeDef,
  ShapedArray,
  scope,
  tree,
  vmap,
} from "@jaxts/core";
export {
  checkpoint,
  customJvp,
  customVjp,
  evalShape,
  grad,
  hessian,
  jacfwd,
  jacobian,
  jacrev,
  jvp,
  linearize,
  linearTranspose,
  remat,
  valueAndGrad,
  vjp,
} from "@jaxts/autodiff";
export { Array, type ArrayLike, array, lax, nn, np, s, scipy } from "@jaxts/ndarray";
export { optim } from "@jaxts/optim";
export { random } from "@jaxts/random";
export { stopGradient } from "./stop-gradient.js";
export { testUtil } from "@jaxts/test-util";
export { blockUntilReady, devicePut } from "./device.js";
