import {
  registerAbstractEvalRules,
  registerBatchingRules,
  registerImplRules,
  registerJaxprExecutor,
} from "@jaxts/core";
import { batchingRules } from "./batching/index.js";
import { executeFused } from "./lowering/fusion/executor.js";
import { implRules } from "./lowering/index.js";
import "./methods.js";
import { abstractEvalRules } from "./rules/abstract-eval.js";

registerAbstractEvalRules(abstractEvalRules);
registerImplRules(implRules);
registerJaxprExecutor(executeFused);
registerBatchingRules(batchingRules);

export { Tracer as Array } from "@jaxts/core";
export type { ArrayLike, IndexElement, Slice } from "@jaxts/core";
export { array, asarrayWeak, fromFlat } from "./array/create.js";
export { parseArgs } from "./numpy/args.js";
export { type CustomJvpFunction, type CustomVjpFunction, customJvp, customVjp } from "./custom/index.js";
export { canonicalizeDType, promoteTypes } from "./dtypes/promotion.js";
export { lax } from "./lax/index.js";
export { closureConvert, joinBranches, stageConverted, unrolledScan } from "./lax/scan-loop.js";
export { nn } from "./nn/index.js";
export { np } from "./numpy/namespace.js";
export { scipy } from "./scipy/index.js";
export { s } from "./numpy/indexing/parse.js";
export { formatRepr, formatStr } from "./print/index.js";
