import { mergeConfig } from "vitest/config";
import shared from "../../vitest.shared";

// Node 20's V8 has relaxed-SIMD (a fused f32x4 multiply-add, which the matmul micro-kernel uses
// where the engine has it) behind a flag; later Node versions ship it. Tests and benches run with
// it, so that they cover the path browsers take.
const major = Number(process.versions.node.split(".")[0]);
const relaxedSimdFlag = major < 22 ? ["--experimental-wasm-relaxed-simd"] : [];

export default mergeConfig(shared, {
  test: { poolOptions: { forks: { execArgv: ["--expose-gc", ...relaxedSimdFlag] } } },
});
