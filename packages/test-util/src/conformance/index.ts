export type { CaseTable, ConformanceCase, CoveredPrimitive, IndirectPrimitive } from "./case.js";
export { CONFORMANCE_CASES } from "./cases.js";
export {
  type ConformanceOptions,
  type ConformanceReport,
  type ConformanceResult,
  formatConformanceFailures,
  runConformance,
} from "./runner.js";
