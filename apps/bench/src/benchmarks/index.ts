import { elementwise } from "./elementwise.js";
import { matmul } from "./matmul.js";
import { mlp } from "./mlp/index.js";
import { overhead } from "./overhead.js";
import type { Benchmark } from "../types.js";

/** Every benchmark, in the order of the table. */
export const BENCHMARKS: readonly Benchmark[] = [matmul, elementwise, mlp, overhead];
