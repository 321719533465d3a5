import type { CaseTable } from "./case.js";
import { ELEMENTWISE_CASES } from "./cases-elementwise.js";
import { STRUCTURAL_CASES } from "./cases-structural.js";

/** The conformance cases of every primitive a backend runs kernels for. */
export const CONFORMANCE_CASES: CaseTable = { ...ELEMENTWISE_CASES, ...STRUCTURAL_CASES };
